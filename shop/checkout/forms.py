"""Iranian addresses: a province from the list, a city, a 10-digit postal code and a
mobile number (09xxxxxxxxx). Persian and Arabic digits are accepted everywhere."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import forms as oscar_forms

from catalog.selectors import provinces
from shop.persian.digits import to_latin_digits
from shop.persian.identity import normalise_mobile

from .selectors import shipping_countries

SEPARATORS = re.compile(r"[\s\-‐–—_.]")


def normalise_postcode(value):
    digits = SEPARATORS.sub("", to_latin_digits(value or ""))
    if not re.fullmatch(r"\d{10}", digits):
        raise forms.ValidationError(_("A postal code has 10 digits."), code="postcode")
    return f"{digits[:5]}-{digits[5:]}"  # the form Oscar's address model validates for IR


def international_mobile(value):
    """+989… as the address's phone-number field stores it; any form people type accepted
    (shop/persian/identity.py is the one parser)."""
    return "+98" + normalise_mobile(value or "")[1:]


class ShippingAddressForm(oscar_forms.ShippingAddressForm):
    """The address; for a guest also the e-mail the order's receipt and shipments go to, so
    a guest gives both on one page (Oscar asks for the e-mail on a page of its own)."""

    def __init__(self, *args, guest=False, **kwargs):
        super().__init__(*args, **kwargs)
        if guest:
            self.fields["email"] = forms.EmailField(
                label=_("Email address"),
                help_text=_("The receipt and each shipment's tracking are sent here."),
                widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
            )
            self.order_fields(["email", *self.fields])
        names = [name for _pk, _code, name in provinces()]
        self.fields["state"] = forms.ChoiceField(
            label=_("Province"), choices=[("", "---------")] + [(n, n) for n in names]
        )
        self.fields["line4"].required = True
        self.fields["line4"].label = _("City")
        self.fields["postcode"].required = True
        self.fields["postcode"].label = _("Postal code (10 digits)")
        self.fields["phone_number"].required = True
        self.fields["phone_number"].label = _("Mobile number")
        self.fields["phone_number"].widget.attrs.update({"inputmode": "tel", "dir": "ltr"})
        self.fields["postcode"].widget.attrs.update({"inputmode": "numeric", "dir": "ltr"})

    def adjust_country_field(self):
        """Oscar's, without its query for the usual case, one shipping country (from the
        cache): nothing to choose, the field goes. With more, Oscar's choice."""
        countries = shipping_countries()
        if len(countries) != 1:
            return super().adjust_country_field()
        self.fields.pop("country", None)
        self.instance.country = countries[0]

    def clean_postcode(self):
        return normalise_postcode(self.cleaned_data.get("postcode"))

    def clean_phone_number(self):
        return international_mobile(self.cleaned_data.get("phone_number"))
