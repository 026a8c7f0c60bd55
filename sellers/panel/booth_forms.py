"""Forms of the booth screens: moving units, selling at the booth, collecting a pick-up.
Persian digits are accepted in every number and code."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from exhibitions.models import OrderChannel
from shop.persian.digits import to_latin_digits
from shop.persian.forms import PersianIntegerField

from .forms import PanelForm

TO_BOOTH, TO_ONLINE = "to_booth", "to_online"
MAX_UNITS = 100_000


class MoveForm(PanelForm, forms.Form):
    stockrecord = forms.ModelChoiceField(queryset=None, label=_("Product"))
    quantity = PersianIntegerField(label=_("How many"), min_value=1, max_value=MAX_UNITS)
    direction = forms.ChoiceField(
        label=_("Where to"),
        choices=[
            (TO_BOOTH, _("From the online shop to the booth")),
            (TO_ONLINE, _("From the booth back to the online shop")),
        ],
        initial=TO_BOOTH,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, records, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stockrecord"].queryset = records
        self.fields["stockrecord"].label_from_instance = lambda record: record.product.get_title()


PAID_BY = [
    (OrderChannel.PaidBy.CASH, _("Cash")),
    (OrderChannel.PaidBy.CARD, _("Card reader")),
]


class SaleForm(PanelForm, forms.Form):
    """One quantity box per product at the booth (`units_<booth stock id>`), how it was paid,
    and the key that makes a retried submission the same sale."""

    paid_by = forms.ChoiceField(
        label=_("Paid by"), choices=PAID_BY, initial=OrderChannel.PaidBy.CASH,
        widget=forms.RadioSelect,
    )  # fmt: skip
    key = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, stocks, chosen=None, **kwargs):
        kwargs.setdefault("initial", {})
        kwargs["initial"].setdefault("key", uuid.uuid4())
        super().__init__(*args, **kwargs)
        self.stocks = stocks
        for stock in stocks:
            self.fields[self.name_of(stock)] = PersianIntegerField(
                label=stock.stockrecord.product.get_title(),
                required=False,
                min_value=0,
                max_value=MAX_UNITS,
                initial=1 if chosen and stock.pk in chosen else None,
            )
        self.style_widgets()

    @staticmethod
    def name_of(stock):
        return f"units_{stock.pk}"

    def rows(self):
        """(booth stock, its quantity box) for the template."""
        return [(stock, self[self.name_of(stock)]) for stock in self.stocks]

    def items(self):
        """[(booth stock id, quantity)] of the boxes filled in."""
        data = self.cleaned_data
        return [
            (stock.pk, data[self.name_of(stock)])
            for stock in self.stocks
            if data.get(self.name_of(stock))
        ]


def posted_key(data):
    """The idempotency key of a posted sale, or None when it is not a UUID."""
    try:
        return uuid.UUID(str(data.get("key", "")))
    except ValueError:
        return None


class PickupCodeForm(PanelForm, forms.Form):
    code = forms.CharField(
        label=_("The buyer's pick-up code"),
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"}),
    )

    def clean_code(self):
        return to_latin_digits(self.cleaned_data["code"]).strip()
