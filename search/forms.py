from django import forms
from django.utils.translation import gettext_lazy as _

from catalog.product_classes import PRODUCT_CLASSES
from shop.persian.digits import to_latin_digits
from shop.persian.money import RIALS_PER_TOMAN

from .backends.base import PRICE_RANGES, SORTS, ProductQuery

SORT_CHOICES = [
    ("relevance", _("Most relevant")),
    ("newest", _("Newest")),
    ("price_asc", _("Cheapest first")),
    ("price_desc", _("Most expensive first")),
]
assert [key for key, _label in SORT_CHOICES] == list(SORTS)
NUMERIC_FIELDS = ("page", "category", "producer", "price_min", "price_max")
PRICE_RANGE_BOUNDS = {key: (low, high) for key, low, high in PRICE_RANGES}


class SearchForm(forms.Form):
    """Search text, filters and sort of every product listing. Persian digits are accepted.

    Invalid filters are dropped, not fatal: a listing always renders.
    """

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
    category = forms.IntegerField(required=False, min_value=1)
    product_class = forms.ChoiceField(
        required=False, choices=[(spec.slug, spec.name) for spec in PRODUCT_CLASSES]
    )
    province = forms.RegexField(required=False, regex=r"^[A-Z]{3}$")
    producer = forms.IntegerField(required=False, min_value=1)
    exhibition = forms.SlugField(required=False, max_length=160, allow_unicode=True)
    price = forms.ChoiceField(required=False, choices=[(key, key) for key in PRICE_RANGE_BOUNDS])
    price_min = forms.IntegerField(required=False, min_value=0, label=_("Lowest price (Toman)"))
    price_max = forms.IntegerField(required=False, min_value=0, label=_("Highest price (Toman)"))
    in_stock = forms.BooleanField(required=False, label=_("Only what is in stock"))

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            data = data.copy()
            for name in NUMERIC_FIELDS:
                if data.get(name):
                    data[name] = to_latin_digits(data[name]).replace(",", "").replace("٬", "")
        super().__init__(data, *args, **kwargs)

    def value(self, name, default=None):
        """A cleaned value, or the default when the field is missing or invalid."""
        if not self.is_bound:
            return default
        self.is_valid()
        cleaned = self.cleaned_data.get(name)
        return default if cleaned in (None, "") or name in self.errors else cleaned

    def to_query(self, per_page, **fixed) -> ProductQuery:
        price_min, price_max = self.value("price_min"), self.value("price_max")
        low_rials = price_min * RIALS_PER_TOMAN if price_min is not None else None
        high_rials = price_max * RIALS_PER_TOMAN if price_max is not None else None
        if self.value("price"):
            low_rials, high_bound = PRICE_RANGE_BOUNDS[self.value("price")]
            high_rials = high_bound - 1 if high_bound is not None else None
        params = {
            "text": self.value("q", ""),
            "sort": self.value("sort", "relevance"),
            "page": self.value("page", 1),
            "category_id": self.value("category"),
            "product_class": self.value("product_class", ""),
            "province_code": self.value("province", ""),
            "producer_id": self.value("producer"),
            "exhibition_slug": self.value("exhibition", ""),
            "price_min_rials": low_rials,
            "price_max_rials": high_rials,
            "in_stock": bool(self.value("in_stock", False)),
            "per_page": per_page,
            "with_facets": True,
        }
        params.update(fixed)
        return ProductQuery(**params)
