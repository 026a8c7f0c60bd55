"""Seller panel forms: Persian labels, Persian digits accepted, nothing that names a producer
(the acting producer comes from the session only, sellers/access.py)."""

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.apps.customer.forms import EmailUserCreationForm

from catalog.models import Category, City, Product
from shop.persian.collation import persian_order
from shop.persian.digits import to_latin_digits
from shop.persian.forms import (
    JalaliDateField,
    MobileField,
    NationalIdField,
    PersianIntegerField,
    ShebaField,
)
from shop.persian.money import RIALS_PER_TOMAN, to_toman
from shop.sms import otp

from ..exceptions import SellersError
from ..models import Carrier, Fulfilment, Partner
from ..photos import clean_photo
from ..producers import mobile_taken
from ..selectors import for_sale

MAX_PRICE_TOMAN = 10_000_000_000


class PanelForm:
    """Bootstrap classes for every widget, so shop/templates/panel/field.html draws big,
    thumb-sized fields: boxes and selects full width, radios and checkboxes as a list."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self):
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.CheckboxInput):
                widget.attrs["class"] = "form-check-input"
            elif isinstance(widget, forms.FileInput):
                widget.attrs["class"] = "form-control-file"
            elif not isinstance(widget, forms.HiddenInput):
                widget.attrs["class"] = "form-control form-control-lg"


def craft_categories(product_class):
    root = Category.objects.filter(code=product_class.slug).first()
    if root is None:
        return Category.objects.none()
    children = root.get_children().order_by(persian_order("name"))
    return children if children.exists() else Category.objects.filter(pk=root.pk)


def _attribute_field(attribute):
    required = attribute.required
    label = attribute.name
    if attribute.type == "integer":
        return PersianIntegerField(label=label, required=required, min_value=0)
    if attribute.type == "option" and attribute.option_group_id:
        options = attribute.option_group.options.order_by("option")
        return forms.ModelChoiceField(options, label=label, required=required)
    if attribute.type == "date":
        return JalaliDateField(label=label, required=required)
    return forms.CharField(label=label, required=required, max_length=255)


class ListingForm(PanelForm, forms.Form):
    """One listing of a given product class, with that class's attributes."""

    title = forms.CharField(label=_("Name of the product"), max_length=255)
    category = forms.ModelChoiceField(Category.objects.none(), label=_("Craft"))
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    price_toman = PersianIntegerField(
        label=_("Price (Toman)"), min_value=1, max_value=MAX_PRICE_TOMAN
    )
    stock = PersianIntegerField(label=_("How many are for sale"), min_value=0, max_value=100_000)
    unit = forms.ChoiceField(label=_("Sold by"), choices=Product.Unit.choices)
    made_to_order = forms.TypedChoiceField(
        label=_("Ready to ship?"),
        choices=((0, _("Ready to ship")), (1, _("Made to order"))),
        coerce=int,
        widget=forms.RadioSelect,
        initial=0,
    )
    preparation_days = PersianIntegerField(
        label=_("Days to make or prepare"), min_value=0, max_value=120, required=False
    )
    carriers = forms.MultipleChoiceField(
        label=_("Carriers you send with"),
        choices=Carrier.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    is_public = forms.BooleanField(label=_("On show in the shop"), required=False)

    def __init__(self, *args, product_class, **kwargs):
        super().__init__(*args, **kwargs)
        self.product_class = product_class
        self.fields["category"].queryset = craft_categories(product_class)
        self.fields["category"].label_from_instance = lambda category: category.name
        if not product_class.track_stock:
            del self.fields["stock"]
        if not product_class.requires_shipping:
            del self.fields["carriers"]
        attributes = product_class.attributes.select_related("option_group").order_by("pk")
        self.attributes = list(attributes)
        for attribute in self.attributes:
            self.fields[f"attr_{attribute.code}"] = _attribute_field(attribute)
        self.style_widgets()

    def clean(self):
        data = super().clean()
        if data.get("made_to_order"):
            if not data.get("preparation_days"):
                self.add_error("preparation_days", _("Say how many days it takes to make."))
        else:
            data["preparation_days"] = 0
        if "carriers" in self.fields and not data.get("carriers"):
            self.add_error("carriers", _("Choose at least one way to send it."))
        return data

    def listing_values(self):
        data = self.cleaned_data
        return {
            "fields": {
                "title": data["title"],
                "description": data.get("description", ""),
                "unit": data["unit"],
                "preparation_days": data["preparation_days"],
                "carriers": data.get("carriers", []),
            },
            "category": data["category"],
            "price_rials": data["price_toman"] * RIALS_PER_TOMAN,
            "stock": data.get("stock"),
            "attributes": {
                a.code: data.get(f"attr_{a.code}")
                for a in self.attributes
                if data.get(f"attr_{a.code}") not in (None, "")
            },
            "is_public": data["is_public"],
        }

    @classmethod
    def initial_for(cls, product, record):
        values = {v.attribute.code: v.value for v in product.attribute_values.all()}
        categories = product.categories.all()  # prefetched by selectors.listings_for
        initial = {
            "title": product.title,
            "category": categories[0] if categories else None,
            "description": product.description,
            "price_toman": to_toman(record.price or 0),
            "stock": for_sale(record),
            "unit": product.unit,
            "made_to_order": 1 if product.preparation_days else 0,
            "preparation_days": product.preparation_days or None,
            "carriers": product.carriers,
            "is_public": product.is_public,
        }
        initial.update({f"attr_{code}": value for code, value in values.items()})
        return initial


class QuickEditForm(PanelForm, forms.Form):
    """Price and stock from the listings page, one row at a time."""

    price_toman = PersianIntegerField(
        label=_("Price (Toman)"), min_value=1, max_value=MAX_PRICE_TOMAN
    )
    stock = PersianIntegerField(label=_("For sale"), min_value=0, max_value=100_000, required=False)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented pattern): a list of uploads."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class PhotosForm(PanelForm, forms.Form):
    photos = MultipleFileField(
        label=_("Photos"),
        widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class ShipForm(PanelForm, forms.Form):
    carrier = forms.ChoiceField(label=_("Carrier"), choices=Carrier.choices)
    tracking_code = forms.CharField(label=_("Tracking code"), max_length=64, required=False)

    def clean_tracking_code(self):
        return to_latin_digits(self.cleaned_data["tracking_code"]).strip()

    def clean(self):
        data = super().clean()
        if data.get("carrier") and data["carrier"] != Carrier.COURIER:
            if not data.get("tracking_code"):
                self.add_error("tracking_code", _("Write the tracking code on the receipt."))
        return data


class CancelForm(PanelForm, forms.Form):
    reason = forms.CharField(
        label=_("Why can you not send it?"),
        max_length=255,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FulfilmentFilterForm(PanelForm, forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=(("", _("All")),) + tuple(Fulfilment.Status.choices),
        required=False,
    )


class ImportForm(PanelForm, forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Send a .csv or .xlsx file."))
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB; split it into parts."))
        return upload


# --- Joining and the profile ---------------------------------------------------------------


class JoinDetailsForm(PanelForm, forms.Form):
    name = forms.CharField(
        label=_("Name of your workshop or brand"),
        max_length=128,
        help_text=_("As buyers will see it, e.g. «گلیم‌بافی مریم»."),
    )
    mobile = MobileField(help_text=_("We send a confirmation code to it."))

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        if mobile_taken(mobile):
            raise forms.ValidationError(_("A producer account already has this mobile number."))
        return mobile


class JoinForm(JoinDetailsForm, EmailUserCreationForm):
    """A new account and a producer: email and password to log in, the mobile to confirm."""

    field_order = ("name", "mobile", "email", "password1", "password2")

    class Meta(EmailUserCreationForm.Meta):
        pass


class CodeForm(PanelForm, forms.Form):
    """The code an SMS carried to `mobile` for `purpose` (shop/sms/otp.py): valid only when
    it is the live code, which it then uses up."""

    code = forms.CharField(
        label=_("Confirmation code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "dir": "ltr"}
        ),
    )

    def __init__(self, *args, mobile="", purpose="", **kwargs):
        super().__init__(*args, **kwargs)
        self.mobile, self.purpose = mobile, purpose

    def clean_code(self):
        code = self.cleaned_data["code"]
        if not otp.check_code(self.mobile, self.purpose, code):
            raise forms.ValidationError(_("This code is not right or has expired."))
        return code


class ProfileForm(PanelForm, forms.ModelForm):
    """What staff check and buyers read. Licence details are locked once approved: staff
    record a renewed licence (sellers/producers.py: record_licence)."""

    LICENCE_FIELDS = (
        "licence_number",
        "licence_issuer",
        "licence_issued_on",
        "licence_expires_on",
        "licence_scan",
    )

    national_id = NationalIdField()
    sheba = ShebaField(help_text=_("Your payouts go to this account."))
    sheba_holder = forms.CharField(
        label=_("Account holder's name"),
        max_length=128,
        required=False,
        help_text=_("As the bank knows it; a transfer to a different name may be returned."),
    )
    licence_issued_on = JalaliDateField(label=_("Licence issued on"))
    licence_expires_on = JalaliDateField(label=_("Licence valid until"))
    shipping_fee_toman = PersianIntegerField(
        label=_("Shipping fee (Toman)"), min_value=0, max_value=100_000_000
    )
    free_shipping_from_toman = PersianIntegerField(
        label=_("Free shipping for orders from (Toman)"),
        min_value=0,
        max_value=10_000_000_000,
        required=False,
        help_text=_("Leave empty if shipping is never free."),
    )
    processing_days = PersianIntegerField(
        label=_("Days to dispatch an order"), min_value=0, max_value=60
    )

    class Meta:
        model = Partner
        fields = (
            "name",
            "story",
            "photo",
            "province",
            "city",
            "crafts",
            "national_id",
            "licence_number",
            "licence_issuer",
            "licence_issued_on",
            "licence_expires_on",
            "licence_scan",
            "sheba",
            "sheba_holder",
            "processing_days",
        )
        labels = {"name": _("Name of your workshop or brand"), "story": _("Your story")}
        widgets = {
            "story": forms.Textarea(attrs={"rows": 4}),
            "crafts": forms.CheckboxSelectMultiple,
            "photo": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
            "licence_scan": forms.FileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        producer = self.instance
        self.fields["crafts"].queryset = Category.objects.filter(depth=2).order_by(
            persian_order("name")
        )
        self.fields["city"].queryset = City.objects.select_related("province").order_by(
            "province__name_fa", "name_fa"
        )
        for name in ("province", "city", "national_id", "licence_number", "licence_issuer"):
            self.fields[name].required = True
        self.fields["licence_scan"].required = not producer.licence_scan
        self.fields["shipping_fee_toman"].initial = to_toman(producer.base_shipping_fee_rials)
        if producer.free_shipping_threshold_rials is not None:
            self.fields["free_shipping_from_toman"].initial = to_toman(
                producer.free_shipping_threshold_rials
            )
        if producer.is_approved:
            for name in self.LICENCE_FIELDS:
                self.fields[name].disabled = True
                self.fields[name].required = False

    def _clean_image(self, name):
        upload = self.cleaned_data.get(name)
        if upload and upload is not getattr(self.instance, name) and hasattr(upload, "size"):
            try:
                return clean_photo(upload)
            except SellersError as error:
                raise forms.ValidationError(str(error)) from error
        return upload

    def clean_photo(self):
        return self._clean_image("photo")

    def clean_licence_scan(self):
        if self.fields["licence_scan"].disabled:
            return self.instance.licence_scan
        return self._clean_image("licence_scan")

    def clean(self):
        data = super().clean()
        issued, expires = data.get("licence_issued_on"), data.get("licence_expires_on")
        if issued and expires and expires <= issued:
            self.add_error("licence_expires_on", _("The licence must end after it was issued."))
        return data

    def save(self, commit=True):
        producer = super().save(commit=False)
        producer.base_shipping_fee_rials = self.cleaned_data["shipping_fee_toman"] * RIALS_PER_TOMAN
        free = self.cleaned_data.get("free_shipping_from_toman")
        producer.free_shipping_threshold_rials = None if free is None else free * RIALS_PER_TOMAN
        if commit:
            producer.save()
            self.save_m2m()
        return producer
