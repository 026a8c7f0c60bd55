"""Organizer panel forms: Persian labels, Jalali dates, Persian digits accepted in every
number and time; nothing that names an organizer (it comes from the session only,
organizer/access.py) and every choice of an object limited to the organizer's own."""

import datetime
import re
from decimal import Decimal

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from catalog.models import City
from sellers.exceptions import SellersError
from sellers.panel.forms import PanelForm
from sellers.photos import clean_photo
from shop.persian.digits import to_latin_digits, to_persian_digits
from shop.persian.forms import JalaliDateField, PersianDecimalField, PersianIntegerField
from shop.persian.money import RIALS_PER_TOMAN, format_toman, to_toman
from shop.persian.numbers import ui_language

from .. import layout
from ..floorplan import size_label
from ..models import Booth, BoothApplication, Exhibition, OpeningHours, Venue

MAX_FEE_TOMAN = 10_000_000_000
IMAGE_ACCEPT = {"accept": "image/jpeg,image/png,image/webp"}


def shown_size(size_m2):
    """9.00 -> 9, 7.50 -> 7.5, 10.00 -> 10 (never 1E+1), as a form shows a size back."""
    return Decimal(format(Decimal(size_m2).normalize(), "f"))


# ---- fields -----------------------------------------------------------------------------


class PersianTimeField(forms.TimeField):
    """A time of day typed as ۱۰:۳۰, 10:30, ۱۰٫۳۰ or just ۱۰; shown back as ۱۰:۳۰."""

    widget = forms.TextInput
    input_formats = ["%H:%M"]
    default_error_messages = {"invalid": _("Enter the time like ۱۰:۳۰ (hours:minutes).")}

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"\s*[.٫:؛،,]\s*", ":", to_latin_digits(value).strip())
            if value.isdigit():
                value = f"{value}:00"
        return super().to_python(value)

    def prepare_value(self, value):
        if isinstance(value, datetime.time):
            return to_persian_digits(value.strftime("%H:%M"))
        return value

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        return {**attrs, "inputmode": "decimal", "dir": "ltr", "autocomplete": "off"}


class TomanField(PersianIntegerField):
    """A fee in Toman (۲٬۰۰۰٬۰۰۰ accepted); the form stores it in Rials (× 10)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", MAX_FEE_TOMAN)
        super().__init__(**kwargs)


def _size_field(**kwargs):
    return PersianDecimalField(
        label=_("Size (m²)"),
        max_digits=6,
        decimal_places=2,
        min_value=Decimal("0.5"),
        max_value=Decimal("9999"),
        **kwargs,
    )


# ---- venues -----------------------------------------------------------------------------


class CoordinateField(PersianDecimalField):
    """Degrees as a map app copies them (often eight decimals or more), kept to six: about
    ten centimetres, as the venue stores them."""

    def __init__(self, **kwargs):
        super().__init__(max_digits=9, decimal_places=6, required=False, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value is None or abs(value) >= 1000:  # out of range: the validators say so
            return value
        return value.quantize(Decimal("0.000001"))


class VenueForm(PanelForm, forms.ModelForm):
    latitude = CoordinateField(
        label=_("Latitude"),
        min_value=-90,
        max_value=90,
        help_text=_("From the map app, e.g. ۳۲٫۶۵۷ for Isfahan. Leave empty if unknown."),
    )
    longitude = CoordinateField(
        label=_("Longitude"),
        min_value=-180,
        max_value=180,
        help_text=_("e.g. ۵۱٫۶۷۷ for Isfahan."),
    )

    class Meta:
        model = Venue
        fields = ("name", "address", "province", "city", "latitude", "longitude")
        labels = {"name": _("Name of the place"), "address": _("Address")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cities = City.objects.select_related("province").order_by("province__name_fa", "name_fa")
        grouped = {}
        for city in cities:
            grouped.setdefault(str(city.province), []).append((city.pk, str(city)))
        self.fields["city"].choices = [("", "---------"), *grouped.items()]
        self.fields["city"].help_text = _("Choose a city of the province; or leave it empty.")

    def clean(self):
        data = super().clean()
        province, city = data.get("province"), data.get("city")
        if province and city and city.province_id != province.pk:
            self.add_error("city", _("This city is not in the province you chose."))
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            if "latitude" not in self.errors and "longitude" not in self.errors:
                self.add_error("longitude", _("Enter both latitude and longitude, or neither."))
        return data


# ---- exhibitions ------------------------------------------------------------------------


class ExhibitionForm(PanelForm, forms.ModelForm):
    slug = forms.CharField(
        label=_("Web address"),
        max_length=160,
        required=False,
        help_text=_("Leave empty to make it from the title."),
    )
    starts_on = JalaliDateField(label=_("First day"))
    ends_on = JalaliDateField(
        label=_("Last day"),
        required=False,
        help_text=_("Seasonal exhibitions only; a permanent exhibition has no last day."),
    )
    applications_open_on = JalaliDateField(label=_("Applications open on"))
    applications_close_on = JalaliDateField(label=_("Applications close on"))
    pay_within_days = PersianIntegerField(
        label=_("Days to pay the booth fee"),
        min_value=1,
        max_value=60,
        initial=3,
        help_text=_("An accepted producer who has not paid by then loses the booth."),
    )
    term_days = PersianIntegerField(
        label=_("Booth term in days"),
        min_value=1,
        max_value=366,
        initial=30,
        help_text=_("Permanent exhibitions: how long a producer holds a booth."),
    )
    fee_deferral_cap_toman = TomanField(
        label=_("Fee that may be taken from later sales, up to (Toman)"),
        required=False,
        initial=0,
        help_text=_(
            "A producer without the money for a booth fee up to this amount may have it taken "
            "from their later sales instead. ۰: every fee is paid before the exhibition."
        ),
    )

    class Meta:
        model = Exhibition
        fields = (
            "title",
            "slug",
            "description",
            "cover_image",
            "kind",
            "venue",
            "starts_on",
            "ends_on",
            "applications_open_on",
            "applications_close_on",
            "fee_policy",
            "pay_within_days",
            "term_days",
        )
        labels = {"title": _("Title"), "description": _("Description")}
        widgets = {
            "description": forms.Textarea(attrs={"rows": 4}),
            "cover_image": forms.FileInput(attrs=IMAGE_ACCEPT),
            "kind": forms.RadioSelect,
            "fee_policy": forms.RadioSelect,
        }

    def __init__(self, *args, organizer, **kwargs):
        super().__init__(*args, **kwargs)
        from .. import selectors

        self.fields["venue"].queryset = selectors.venues_of(organizer)
        self.fields["venue"].empty_label = None
        self.fields["kind"].choices = Exhibition.Kind.choices
        self.fields["fee_policy"].choices = Exhibition.FeePolicy.choices
        if self.instance.pk and self.instance.slug:
            self.initial.setdefault("slug", self.instance.slug)
        if self.instance.pk:
            cap = to_toman(self.instance.fee_deferral_cap_rials)
            self.initial.setdefault("fee_deferral_cap_toman", cap)

    def save(self, commit=True):
        cap_toman = self.cleaned_data.get("fee_deferral_cap_toman") or 0
        self.instance.fee_deferral_cap_rials = cap_toman * RIALS_PER_TOMAN
        return super().save(commit)

    def clean_slug(self):
        typed = self.cleaned_data.get("slug", "").strip()
        slug = slugify(typed or self.cleaned_data.get("title", ""), allow_unicode=True)[:150]
        if not slug:
            if typed or self.cleaned_data.get("title"):
                raise forms.ValidationError(_("Use letters or digits in the web address."))
            return slug  # the title is missing: its own error says so
        taken = Exhibition.objects.exclude(pk=self.instance.pk).values_list("slug", flat=True)
        if typed:
            if taken.filter(slug=slug).exists():
                raise forms.ValidationError(
                    _("Another exhibition has this web address; choose another.")
                )
            return slug
        candidate, number = slug, 2
        while taken.filter(slug=candidate).exists():
            candidate, number = f"{slug}-{number}", number + 1
        return candidate

    def clean_cover_image(self):
        upload = self.cleaned_data.get("cover_image")
        if upload and upload is not self.instance.cover_image and hasattr(upload, "size"):
            try:
                return clean_photo(upload)
            except SellersError as error:
                raise forms.ValidationError(str(error)) from error
        return upload

    def clean(self):
        data = super().clean()
        kind, starts, ends = data.get("kind"), data.get("starts_on"), data.get("ends_on")
        if kind == Exhibition.Kind.SEASONAL and starts and "ends_on" not in self.errors:
            if ends is None:
                self.add_error("ends_on", _("A seasonal exhibition needs its last day."))
            elif ends < starts:
                self.add_error("ends_on", _("The last day cannot be before the first day."))
        if kind == Exhibition.Kind.PERMANENT and ends is not None:
            self.add_error("ends_on", _("A permanent exhibition has no last day; leave it empty."))
        opens, closes = data.get("applications_open_on"), data.get("applications_close_on")
        if opens and closes and closes < opens:
            self.add_error(
                "applications_close_on",
                _("Applications cannot close before they open."),
            )
        return data


class OpeningHoursForm(PanelForm, forms.Form):
    """The week's hours, Saturday to Friday: each day closed, or its opening and closing."""

    def __init__(self, *args, hours=(), **kwargs):
        super().__init__(*args, **kwargs)
        known = {h.weekday: h for h in hours}
        for day in OpeningHours.Weekday.values:
            self.fields[f"closed_{day}"] = forms.BooleanField(
                label=_("Closed"), required=False, initial=bool(known) and day not in known
            )
            self.fields[f"opens_{day}"] = PersianTimeField(
                label=_("Opens"), required=False, initial=getattr(known.get(day), "opens_at", None)
            )
            self.fields[f"closes_{day}"] = PersianTimeField(
                label=_("Closes"),
                required=False,
                initial=getattr(known.get(day), "closes_at", None),
            )
        self.style_widgets()
        for field in self.fields.values():
            if isinstance(field, PersianTimeField):
                field.widget.attrs["placeholder"] = "۱۰:۰۰"

    def days(self):
        """(weekday name, closed, opens, closes) bound fields, one row a day."""
        return [
            (name, self[f"closed_{day}"], self[f"opens_{day}"], self[f"closes_{day}"])
            for day, name in OpeningHours.Weekday.choices
        ]

    def clean(self):
        data = super().clean()
        for day, _name in OpeningHours.Weekday.choices:
            if data.get(f"closed_{day}"):
                continue
            opens, closes = data.get(f"opens_{day}"), data.get(f"closes_{day}")
            if f"opens_{day}" in self.errors or f"closes_{day}" in self.errors:
                continue
            if opens is None or closes is None:
                self.add_error(
                    f"opens_{day}" if opens is None else f"closes_{day}",
                    _("Enter the opening and closing time, or mark the day closed."),
                )
            elif closes <= opens:
                self.add_error(f"closes_{day}", _("It must close after it opens."))
        return data

    def week(self):
        data = self.cleaned_data
        return {
            day: None
            if data.get(f"closed_{day}")
            else (data[f"opens_{day}"], data[f"closes_{day}"])
            for day, _name in OpeningHours.Weekday.choices
        }


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Exhibition.Status.choices)


# ---- booths -----------------------------------------------------------------------------


class BoothForm(PanelForm, forms.ModelForm):
    size_m2 = _size_field()
    row = PersianIntegerField(label=_("Row"), min_value=1, max_value=99)
    column = PersianIntegerField(label=_("Column"), min_value=1, max_value=99)
    fee_toman = TomanField(label=_("Fee (Toman)"))

    class Meta:
        model = Booth
        fields = ("code", "size_m2", "row", "column", "kind")
        labels = {"code": _("Code"), "kind": _("Type")}
        help_texts = {"code": _("As it is written on the booth, e.g. B7.")}

    def __init__(self, *args, exhibition, **kwargs):
        super().__init__(*args, **kwargs)
        self.exhibition = exhibition
        if self.instance.pk:
            self.initial.setdefault("fee_toman", to_toman(self.instance.fee_rials))
            self.initial.setdefault("size_m2", shown_size(self.instance.size_m2))

    def clean_code(self):
        code = to_latin_digits(self.cleaned_data["code"]).strip().upper()
        others = self.exhibition.booths.exclude(pk=self.instance.pk)
        if others.filter(code=code).exists():
            raise forms.ValidationError(_("Another booth of this exhibition has this code."))
        return code

    def clean(self):
        data = super().clean()
        row, column = data.get("row"), data.get("column")
        others = self.exhibition.booths.exclude(pk=self.instance.pk)
        if row and column and others.filter(row=row, column=column).exists():
            self.add_error("column", _("Another booth stands at this row and column."))
        return data

    def save(self, commit=True):
        booth = super().save(commit=False)
        booth.exhibition = self.exhibition
        booth.fee_rials = self.cleaned_data["fee_toman"] * RIALS_PER_TOMAN
        if commit:
            booth.save()
        return booth


class BoothGridForm(PanelForm, forms.Form):
    rows = PersianIntegerField(
        label=_("Rows"),
        min_value=1,
        max_value=layout.MAX_GRID_ROWS,
        help_text=_("Rows are lettered A, B, C …"),
    )
    columns = PersianIntegerField(
        label=_("Booths in each row"),
        min_value=1,
        max_value=layout.MAX_GRID_COLUMNS,
    )
    numbering = forms.ChoiceField(
        label=_("Numbering"),
        choices=(
            (layout.PER_ROW, _("Each row from 1: A1 … A5, B1 … B5")),
            (layout.THROUGH, _("Through the hall: A1 … A5, B6 … B10")),
        ),
        initial=layout.PER_ROW,
        widget=forms.RadioSelect,
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Booth.Kind.choices)
    size_m2 = _size_field(initial=9)
    fee_toman = TomanField(label=_("Fee of each booth (Toman)"))

    def grid(self):
        data = self.cleaned_data
        return {
            "rows": data["rows"],
            "columns": data["columns"],
            "numbering": data["numbering"],
            "kind": data["kind"],
            "size_m2": data["size_m2"],
            "fee_rials": data["fee_toman"] * RIALS_PER_TOMAN,
        }


# ---- applications -----------------------------------------------------------------------


class ApplicationFilterForm(PanelForm, forms.Form):
    exhibition = forms.ModelChoiceField(
        Exhibition.objects.none(), label=_("Exhibition"), required=False, empty_label=_("All")
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=(("", _("All")), *BoothApplication.Status.choices),
        required=False,
    )

    def __init__(self, *args, exhibitions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["exhibition"].queryset = exhibitions


def booth_label(booth, with_fee=True):
    """B7 · corner · ۹ m² · ۲٬۰۰۰٬۰۰۰ تومان"""
    parts = [
        booth.code,
        booth.get_kind_display(),
        f"{size_label(booth)} m²",
    ]
    if with_fee:
        parts.append(format_toman(booth.fee_rials, ui_language()))
    return " · ".join(str(part) for part in parts)


class BoothChoiceForm(PanelForm, forms.Form):
    """A booth among those free for the application's dates (preferred type first)."""

    booth = forms.ModelChoiceField(
        Booth.objects.none(),
        label=_("Booth"),
        empty_label=None,
        error_messages={"invalid_choice": _("That booth is not free any more; choose another.")},
    )

    def __init__(self, *args, booths, with_fee=True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths
        self.fields["booth"].label_from_instance = lambda booth: booth_label(booth, with_fee)


class RejectForm(PanelForm, forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The producer reads this."),
        error_messages={"required": _("Please write the reason; the producer will read it.")},
    )
