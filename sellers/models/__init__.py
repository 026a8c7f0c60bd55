from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from oscar.apps.partner.abstract_models import AbstractPartner

from ..storage import private_storage

licence_number_validator = RegexValidator(
    r"^[0-9]{6,20}$",
    _("A home-business licence number is 6 to 20 digits."),
)


class Partner(AbstractPartner):
    """A producer: a licensed home business that sells on Dastsaz (an Oscar Partner).

    States as Iranian marketplaces keep them: applied → approved (newcomer, then active) or
    rejected with a reason; suspended; closed. Listings are public only while the producer is
    approved and the licence unexpired: `is_selling` keeps that fact for queries and is set
    only by `sellers.services.producers.refresh_selling`.
    """

    class Status(models.TextChoices):
        APPLIED = "applied", _("applied")
        NEWCOMER = "newcomer", _("approved (newcomer)")
        ACTIVE = "active", _("approved (active)")
        REJECTED = "rejected", _("rejected")
        SUSPENDED = "suspended", _("suspended")
        CLOSED = "closed", _("closed")

    APPROVED = (Status.NEWCOMER, Status.ACTIVE)

    # Oscar's field with the "persian" collation: producer lists sort by the alphabet.
    name = models.CharField(
        pgettext_lazy("Partner's name", "Name"),
        max_length=128,
        blank=True,
        db_index=True,
        db_collation="persian",
    )
    slug = models.SlugField(
        _("address"), max_length=128, unique=True, null=True, blank=True, allow_unicode=True
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLIED
    )
    status_reason = models.TextField(_("reason"), blank=True)
    status_changed_at = models.DateTimeField(_("status changed"), null=True, blank=True)
    is_selling = models.BooleanField(_("listings public"), default=False, db_index=True)
    mobile = models.CharField(_("mobile"), max_length=11, blank=True)
    national_id = models.CharField(_("national id"), max_length=10, blank=True)
    sheba = models.CharField(_("Sheba"), max_length=26, blank=True)
    # The bank account holder's name: a group transfer (Paya) checks it against the Sheba.
    sheba_holder = models.CharField(_("account holder's name"), max_length=128, blank=True)
    photo = models.ImageField(_("photo"), upload_to="producers/", blank=True)
    crafts = models.ManyToManyField(
        "catalogue.Category", blank=True, related_name="producers", verbose_name=_("crafts")
    )
    licence_issuer = models.CharField(_("issued by"), max_length=128, blank=True)
    licence_issued_on = models.DateField(_("licence issued on"), null=True, blank=True)
    licence_expires_on = models.DateField(_("licence expires on"), null=True, blank=True)
    licence_scan = models.FileField(
        _("licence scan"), upload_to="licences/", storage=private_storage, blank=True
    )
    licence_verified_at = models.DateTimeField(_("licence verified"), null=True, blank=True)
    # The last expiry reminder sent for the current licence: 30, then 7 (days before).
    licence_reminded_days = models.PositiveSmallIntegerField(null=True, blank=True)

    province = models.ForeignKey(
        "catalogue.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producers",
        verbose_name=_("province"),
    )
    city = models.ForeignKey(
        "catalogue.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producers",
        verbose_name=_("city"),
    )
    licence_number = models.CharField(
        _("home-business licence number"),
        max_length=20,
        blank=True,
        validators=[licence_number_validator],
        help_text=_("As printed on the licence from the national licensing portal."),
    )
    story = models.TextField(_("story"), blank=True)
    # Shipping profile: the producer posts from their own city.
    base_shipping_fee_rials = models.PositiveBigIntegerField(
        _("shipping fee (Rials)"), default=600_000
    )
    free_shipping_threshold_rials = models.PositiveBigIntegerField(
        _("free shipping from (Rials)"), null=True, blank=True
    )
    processing_days = models.PositiveSmallIntegerField(_("days to dispatch"), default=2)
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta(AbstractPartner.Meta):
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        constraints = [
            models.UniqueConstraint(
                fields=["licence_number"],
                condition=~models.Q(licence_number=""),
                name="unique_producer_licence_number",
            ),
        ]

    @property
    def is_approved(self):
        return self.status in self.APPROVED

    def licence_valid_on(self, day=None):
        day = day or timezone.localdate()
        return self.licence_expires_on is not None and self.licence_expires_on >= day

    @property
    def licence_is_verified(self):
        return self.licence_verified_at is not None and self.licence_valid_on()

    def licence_days_left(self, day=None):
        if self.licence_expires_on is None:
            return None
        return (self.licence_expires_on - (day or timezone.localdate())).days

    def should_sell(self, day=None):
        return self.is_approved and self.licence_valid_on(day)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("producers:detail", kwargs={"slug": self.slug}) if self.slug else ""

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            raise ValidationError({"city": _("This city is not in the chosen province.")})


from oscar.apps.partner.models import *  # noqa: E402, F403, I001


class Carrier(models.TextChoices):
    """How a parcel leaves a home workshop."""

    POST = "post", _("Iran Post")
    TIPAX = "tipax", _("Tipax")
    CHAPAR = "chapar", _("Chapar")
    COURIER = "courier", _("courier")


class Fulfilment(models.Model):
    """One producer's part of an order: its lines, its shipping charge, its progress."""

    class Status(models.TextChoices):
        NEW = "new", _("new")
        ACCEPTED = "accepted", _("accepted")
        SHIPPED = "shipped", _("shipped")
        DELIVERED = "delivered", _("delivered")
        CANCELLED = "cancelled", _("cancelled")

    order = models.ForeignKey("order.Order", on_delete=models.PROTECT, related_name="fulfilments")
    producer = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="fulfilments")
    lines = models.ManyToManyField("order.Line", related_name="+")
    shipping_charge_rials = models.BigIntegerField(default=0)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.NEW)
    carrier = models.CharField(_("carrier"), max_length=64, blank=True, choices=Carrier.choices)
    tracking_code = models.CharField(_("tracking code"), max_length=64, blank=True)
    cancel_reason = models.CharField(_("reason"), max_length=255, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    shipped_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("fulfilment")
        verbose_name_plural = _("fulfilments")
        constraints = [
            models.UniqueConstraint(
                fields=["order", "producer"], name="one_fulfilment_per_producer"
            ),
        ]

    def __str__(self):
        return f"{self.order.number} / {self.producer}"


class ListingImport(models.Model):
    """A CSV or XLSX file of listings a producer uploaded; a worker reads it row by row."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("in progress")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    producer = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="imports")
    file = models.FileField(upload_to="imports/", storage=private_storage)
    original_name = models.CharField(max_length=255)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.QUEUED)
    total_rows = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)
    updated_count = models.PositiveIntegerField(default=0)
    # [{"row": 3, "errors": ["…"]}, …] in the producer's language at the time of import.
    row_errors = models.JSONField(default=list, blank=True)
    failure = models.TextField(blank=True)
    created_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.original_name

    @property
    def percent(self):
        return 100 if not self.total_rows else round(100 * self.processed_rows / self.total_rows)

    @property
    def is_finished(self):
        return self.status in (self.Status.DONE, self.Status.FAILED)


from .money import CommissionRate, LedgerEntry, LedgerImmutable, Payout, PayoutBatch  # noqa: E402, F401
from .support import (  # noqa: E402, F401
    Right,
    SupportAction,
    SupportCompany,
    SupportGrant,
    SupportMember,
)
