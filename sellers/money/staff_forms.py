"""Forms of the staff money screens. Numbers accept Persian digits; money is typed in Toman
and cleaned to Rials (`*_rials` in cleaned_data) for the services."""

from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalog.models import ProductClass
from shop.persian.forms import JalaliDateField, PersianDecimalField, PersianIntegerField
from shop.persian.money import RIALS_PER_TOMAN

from ..models import Partner


class CommissionRateForm(forms.Form):
    percent = PersianDecimalField(
        label=_("Commission (percent)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
    )
    effective_from = JalaliDateField(label=_("In effect from"))
    product_class = forms.ModelChoiceField(
        ProductClass.objects.order_by("name"),
        label=_("Product type"),
        required=False,
        empty_label=_("All product types"),
    )
    producer = forms.ModelChoiceField(
        Partner.objects.order_by("name"),
        label=_("Producer"),
        required=False,
        empty_label=_("All producers"),
    )
    note = forms.CharField(label=_("Note"), max_length=255, required=False)

    def clean_effective_from(self):
        """From tomorrow at the earliest: an order paid today (or earlier) keeps the rate it
        was paid under, whatever staff add later."""
        day = self.cleaned_data["effective_from"]
        if day <= timezone.localdate():
            raise forms.ValidationError(
                _("A new rate starts tomorrow at the earliest; orders already paid keep theirs.")
            )
        return day


class BatchForm(forms.Form):
    threshold_toman = PersianIntegerField(
        label=_("Pay producers owed at least (Toman)"), min_value=1, max_value=10**12
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "initial",
            {"threshold_toman": settings.SELLER_PAYOUT_THRESHOLD_RIALS // RIALS_PER_TOMAN},
        )
        super().__init__(*args, **kwargs)

    def threshold_rials(self):
        """The threshold typed, or the default one while none (or a wrong one) is typed."""
        if self.is_bound and self.is_valid():
            return self.cleaned_data["threshold_toman"] * RIALS_PER_TOMAN
        return settings.SELLER_PAYOUT_THRESHOLD_RIALS


class MarkPaidForm(forms.Form):
    confirm = forms.BooleanField(label=_("I transferred this list at the bank"))


class AdjustmentForm(forms.Form):
    amount_toman = PersianIntegerField(
        label=_("Amount (Toman; negative takes from the producer)"),
        min_value=-(10**12),
        max_value=10**12,
    )
    memo = forms.CharField(label=_("Reason"), max_length=255)

    def clean_amount_toman(self):
        amount_toman = self.cleaned_data["amount_toman"]
        if amount_toman == 0:
            raise forms.ValidationError(_("Enter an amount other than zero."))
        return amount_toman

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("amount_toman") is not None:
            cleaned["amount_rials"] = cleaned["amount_toman"] * RIALS_PER_TOMAN
        return cleaned
