from django import forms
from django.utils.translation import gettext_lazy as _

from shop.persian.digits import to_latin_digits

from .backends.base import SORTS

SORT_CHOICES = [
    ("relevance", _("Most relevant")),
    ("newest", _("Newest")),
    ("price_asc", _("Cheapest first")),
    ("price_desc", _("Most expensive first")),
]
assert [key for key, _label in SORT_CHOICES] == list(SORTS)


class SearchForm(forms.Form):
    """The search box and listing controls. Persian and Arabic digits are accepted."""

    q = forms.CharField(
        required=False,
        max_length=200,
        label=_("Search"),
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Search handmade products…")}
        ),
    )
    sort = forms.ChoiceField(required=False, choices=SORT_CHOICES, label=_("Sort by"))
    page = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            if data.get("page"):
                data["page"] = to_latin_digits(data["page"])
        super().__init__(data, *args, **kwargs)

    @property
    def selected_multi_facets(self):
        return {}

    @property
    def selected_facets(self):
        return []
