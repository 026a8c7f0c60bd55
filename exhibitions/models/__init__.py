"""Organizers, venues, exhibitions (permanent or seasonal), booths, applications and booth
assignments.

An exhibition's life: draft → accepting applications → running → closed. A producer applies
(applied); the organizer rejects with a reason, or accepts and assigns a booth (accepted: the
booth is held until the fee is paid, or until `pay_by`, when the hold expires and the booth is
free again); a paid (or free) assignment is confirmed (paid). A booth is never held twice for
overlapping dates: `BoothAssignment` rows that are not released may not overlap per booth, a
rule PostgreSQL enforces with an exclusion constraint (migration 0001) and the services check
first to say it in Persian.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Organizer(models.Model):
    """An organisation that runs exhibitions: a provincial labour office, a university jihad
    branch, a public-library network, a support company. Its member accounts work at
    `/organizer/`."""

    class Kind(models.TextChoices):
        LABOUR_OFFICE = "labour_office", _("provincial labour office")
        UNIVERSITY_JIHAD = "university_jihad", _("university jihad branch")
        LIBRARY_NETWORK = "library_network", _("public-library network")
        SUPPORT_COMPANY = "support_company", _("support company")
        OTHER = "other", _("other organisation")

    name = models.CharField(_("name"), max_length=128, db_collation="persian")
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, default=Kind.OTHER)
    province = models.ForeignKey(
        "catalogue.Province", on_delete=models.PROTECT, null=True, blank=True,
        related_name="organizers", verbose_name=_("province"),
    )  # fmt: skip
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    users = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="organizers", blank=True, verbose_name=_("members")
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("organizer")
        verbose_name_plural = _("organizers")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Venue(models.Model):
    organizer = models.ForeignKey(
        Organizer, on_delete=models.CASCADE, related_name="venues", verbose_name=_("organizer")
    )
    name = models.CharField(_("name"), max_length=128, db_collation="persian")
    address = models.CharField(_("address"), max_length=255)
    province = models.ForeignKey(
        "catalogue.Province", on_delete=models.PROTECT, related_name="venues",
        verbose_name=_("province"),
    )  # fmt: skip
    city = models.ForeignKey(
        "catalogue.City", on_delete=models.PROTECT, null=True, blank=True,
        related_name="venues", verbose_name=_("city"),
    )  # fmt: skip
    latitude = models.DecimalField(
        _("latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    class Meta:
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="venue_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="venue_longitude_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def map_url(self):
        """An OpenStreetMap link (phones offer to open it in their map app), or ''."""
        if self.latitude is None or self.longitude is None:
            return ""
        lat, lon = self.latitude, self.longitude
        return f"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}"


class Exhibition(models.Model):
    class Kind(models.TextChoices):
        PERMANENT = "permanent", _("permanent")
        SEASONAL = "seasonal", _("seasonal")

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        ACCEPTING = "accepting", _("accepting applications")
        RUNNING = "running", _("running")
        CLOSED = "closed", _("closed")

    class FeePolicy(models.TextChoices):
        PER_BOOTH = "per_booth", _("each booth's fee, paid before the exhibition")
        FREE = "free", _("free of charge")

    organizer = models.ForeignKey(
        Organizer, on_delete=models.PROTECT, related_name="exhibitions",
        verbose_name=_("organizer"),
    )  # fmt: skip
    venue = models.ForeignKey(
        Venue, on_delete=models.PROTECT, related_name="exhibitions", verbose_name=_("venue")
    )
    title = models.CharField(_("title"), max_length=160)
    slug = models.SlugField(_("address"), max_length=160, unique=True, allow_unicode=True)
    description = models.TextField(_("description"), blank=True)
    cover_image = models.ImageField(_("cover image"), upload_to="exhibitions/", blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SEASONAL)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    applications_open_on = models.DateField(_("applications open on"))
    applications_close_on = models.DateField(_("applications close on"))
    fee_policy = models.CharField(
        _("booth fee"), max_length=16, choices=FeePolicy.choices, default=FeePolicy.PER_BOOTH
    )
    pay_within_days = models.PositiveSmallIntegerField(
        _("days to pay the booth fee"),
        default=3,
        help_text=_("An accepted producer who has not paid by then loses the booth."),
    )
    # How long a producer holds a booth of a permanent exhibition (a seasonal fair: all of it).
    term_days = models.PositiveSmallIntegerField(
        _("booth term in days (permanent exhibitions)"), default=30
    )
    # Up to this much of a booth fee a producer may leave to be taken from their future sales
    # (through the ledger) instead of paying it before the exhibition; 0: always paid first.
    fee_deferral_cap_rials = models.PositiveBigIntegerField(
        _("fee that may be taken from later sales, up to (Rials)"), default=0
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("exhibition")
        verbose_name_plural = _("exhibitions")
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(kind="permanent", ends_on__isnull=True)
                    | Q(kind="seasonal", ends_on__isnull=False, ends_on__gte=models.F("starts_on"))
                ),
                name="exhibition_dates_match_kind",
            ),
            models.CheckConstraint(
                condition=Q(applications_close_on__gte=models.F("applications_open_on")),
                name="exhibition_application_window",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("exhibitions:detail", kwargs={"slug": self.slug})

    @property
    def is_permanent(self):
        return self.kind == self.Kind.PERMANENT

    def accepts_applications_on(self, day):
        return (
            self.status == self.Status.ACCEPTING
            or (self.status == self.Status.RUNNING and self.is_permanent)
        ) and self.applications_open_on <= day <= self.applications_close_on

    def term_from(self, day):
        """The dates a booth is held for, from `day`: a seasonal fair's own dates; a
        permanent exhibition's term from the later of `day` and its first day."""
        if not self.is_permanent:
            return self.starts_on, self.ends_on
        start = max(day, self.starts_on)
        return start, start + datetime.timedelta(days=self.term_days - 1)


class OpeningHours(models.Model):
    """One weekday's hours. Weekdays count from Saturday (0), as the Persian week does."""

    class Weekday(models.IntegerChoices):
        SATURDAY = 0, _("Saturday")
        SUNDAY = 1, _("Sunday")
        MONDAY = 2, _("Monday")
        TUESDAY = 3, _("Tuesday")
        WEDNESDAY = 4, _("Wednesday")
        THURSDAY = 5, _("Thursday")
        FRIDAY = 6, _("Friday")

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens_at = models.TimeField(_("opens"))
    closes_at = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens_at"]
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "weekday"], name="one_hours_per_day"),
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="hours_close_after_open"
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"

    @staticmethod
    def weekday_of(day):
        """Python's Monday=0 to the Persian week's Saturday=0."""
        return (day.weekday() + 2) % 7


class Booth(models.Model):
    class Kind(models.TextChoices):
        STANDARD = "standard", _("standard")
        CORNER = "corner", _("corner")
        FOOD = "food", _("food")

    exhibition = models.ForeignKey(Exhibition, on_delete=models.CASCADE, related_name="booths")
    code = models.CharField(_("code"), max_length=16)
    size_m2 = models.DecimalField(_("size (m²)"), max_digits=6, decimal_places=2, default=9)
    row = models.PositiveSmallIntegerField(_("row"))
    column = models.PositiveSmallIntegerField(_("column"))
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.STANDARD)
    fee_rials = models.PositiveBigIntegerField(_("fee (Rials)"), default=0)

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["row", "column"]
        constraints = [
            models.UniqueConstraint(fields=["exhibition", "code"], name="booth_code_unique"),
            models.UniqueConstraint(
                fields=["exhibition", "row", "column"], name="booth_position_unique"
            ),
            models.CheckConstraint(condition=Q(size_m2__gt=0), name="booth_size_positive"),
        ]

    def __str__(self):
        return self.code


class BoothApplication(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("waiting for the organizer")
        ACCEPTED = "accepted", _("accepted, fee to pay")
        PAID = "paid", _("booth confirmed")
        REJECTED = "rejected", _("rejected")
        EXPIRED = "expired", _("expired unpaid")
        WITHDRAWN = "withdrawn", _("withdrawn")

    OPEN = (Status.APPLIED, Status.ACCEPTED, Status.PAID)

    exhibition = models.ForeignKey(
        Exhibition, on_delete=models.PROTECT, related_name="applications"
    )
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="booth_applications"
    )
    preferred_kind = models.CharField(
        _("preferred booth type"), max_length=16, choices=Booth.Kind.choices,
        default=Booth.Kind.STANDARD,
    )  # fmt: skip
    crafts = models.ManyToManyField(
        "catalogue.Category", blank=True, related_name="+", verbose_name=_("crafts")
    )
    products = models.ManyToManyField(
        "catalogue.Product", blank=True, related_name="booth_applications",
        verbose_name=_("products you will bring"),
    )  # fmt: skip
    note = models.TextField(_("note to the organizer"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.APPLIED, db_index=True
    )
    reason = models.TextField(_("reason"), blank=True)
    fee_rials = models.PositiveBigIntegerField(_("fee (Rials)"), default=0)
    pay_by = models.DateTimeField(_("pay by"), null=True, blank=True)
    paid_at = models.DateTimeField(_("paid"), null=True, blank=True)
    # The fee is taken from the producer's later sales (a ledger booking) instead of paid.
    fee_deferred = models.BooleanField(_("fee taken from later sales"), default=False)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("booth application")
        verbose_name_plural = _("booth applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            # One open application per producer and exhibition.
            models.UniqueConstraint(
                fields=["exhibition", "producer"],
                condition=Q(status__in=["applied", "accepted", "paid"]),
                name="one_open_application",
            ),
        ]

    def __str__(self):
        return f"{self.producer} @ {self.exhibition}"

    @property
    def booth(self):
        assignment = self.current_assignment
        return assignment.booth if assignment else None

    @property
    def current_assignment(self):
        for assignment in self.assignments.all():
            if assignment.released_at is None:
                return assignment
        return None

    @property
    def may_pay(self):
        return self.status == self.Status.ACCEPTED and self.fee_rials > 0


class BoothAssignment(models.Model):
    """A booth held for one application over [starts_on, ends_on] (ends_on inclusive). A
    released assignment (rejected, expired, withdrawn, moved) no longer holds the booth."""

    booth = models.ForeignKey(Booth, on_delete=models.PROTECT, related_name="assignments")
    application = models.ForeignKey(
        BoothApplication, on_delete=models.PROTECT, related_name="assignments"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="assignment_dates_order"
            ),
            models.UniqueConstraint(
                fields=["application"],
                condition=Q(released_at__isnull=True),
                name="one_live_assignment_per_application",
            ),
        ]

    def __str__(self):
        return f"{self.booth} {self.starts_on}–{self.ends_on}"


from .channels import BoothShare, BoothStock, OrderChannel, StockMove  # noqa: E402, F401
