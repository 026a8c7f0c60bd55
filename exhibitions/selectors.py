"""Reads of the exhibitions app. Panels reach every object through a selector scoped to its
owner (`exhibitions_of(organizer)`, `applications_for(producer)`), so another owner's object
is a 404 by construction."""

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    Value,
    When,
)
from django.utils import timezone

from catalog.models import Province

from .models import Booth, BoothApplication, BoothAssignment, Exhibition, Organizer

Status = Exhibition.Status
PUBLIC = (Status.ACCEPTING, Status.RUNNING, Status.CLOSED)


def organizer_of(user):
    """The active organizer this account is a member of, or None."""
    if not user.is_authenticated:
        return None
    return Organizer.objects.filter(users=user, is_active=True).order_by("pk").first()


# ---- organizer's --------------------------------------------------------------------


def exhibitions_of(organizer):
    return Exhibition.objects.filter(organizer=organizer).select_related("venue__province")


def venues_of(organizer):
    return organizer.venues.select_related("province", "city")


def booths_of(organizer):
    return Booth.objects.filter(exhibition__organizer=organizer)


def applications_to(organizer):
    return _applications().filter(exhibition__organizer=organizer)


def exhibitions_overview(organizer):
    """The organizer's exhibitions with how many applications wait for an answer, wait for
    their fee, are confirmed, and how many booths each has."""
    Waiting = BoothApplication.Status
    return exhibitions_of(organizer).annotate(
        waiting=Count(
            "applications", filter=Q(applications__status=Waiting.APPLIED), distinct=True
        ),
        unpaid=Count(
            "applications", filter=Q(applications__status=Waiting.ACCEPTED), distinct=True
        ),
        confirmed=Count("applications", filter=Q(applications__status=Waiting.PAID), distinct=True),
        booth_count=Count("booths", distinct=True),
    )


def free_booths(exhibition, starts_on, ends_on, prefer_kind=None):
    """The exhibition's booths no live hold covers between `starts_on` and `ends_on`; those of
    `prefer_kind` first, then in row, column order."""
    held = BoothAssignment.objects.filter(
        booth=OuterRef("pk"), released_at__isnull=True, starts_on__lte=ends_on,
        ends_on__gte=starts_on,
    )  # fmt: skip
    preferred = Case(
        When(kind=prefer_kind, then=Value(0)), default=Value(1), output_field=IntegerField()
    )
    return (
        exhibition.booths.filter(~Exists(held))
        .annotate(preferred=preferred)
        .order_by("preferred", "row", "column")
    )


# ---- producer's ---------------------------------------------------------------------


def applications_for(producer):
    return _applications().filter(producer=producer)


def _applications():
    return BoothApplication.objects.select_related(
        "exhibition__venue__province", "producer"
    ).prefetch_related(
        Prefetch(
            "assignments",
            queryset=BoothAssignment.objects.filter(released_at__isnull=True).select_related(
                "booth"
            ),
        )
    )


def open_for_applications(today=None):
    """Exhibitions a producer may apply to today."""
    today = today or timezone.localdate()
    return (
        Exhibition.objects.filter(
            Q(status=Status.ACCEPTING) | Q(status=Status.RUNNING, kind=Exhibition.Kind.PERMANENT),
            applications_open_on__lte=today,
            applications_close_on__gte=today,
        )
        .select_related("venue__province", "venue__city")
        .order_by("starts_on", "pk")
    )


# ---- public -------------------------------------------------------------------------


def public_exhibitions():
    """Exhibitions anyone may see: all but drafts and those of inactive organizers."""
    return Exhibition.objects.filter(status__in=PUBLIC, organizer__is_active=True).select_related(
        "venue__province", "venue__city", "organizer"
    )


def running_on(day=None, exhibitions=None):
    """Open to visitors on `day`: running (or past its first day), not past its last day."""
    day = day or timezone.localdate()
    exhibitions = public_exhibitions() if exhibitions is None else exhibitions
    return exhibitions.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=day),
        status=Status.RUNNING,
        starts_on__lte=day,
    )


def upcoming(day=None, exhibitions=None):
    day = day or timezone.localdate()
    exhibitions = public_exhibitions() if exhibitions is None else exhibitions
    return exhibitions.filter(status__in=[Status.ACCEPTING, Status.RUNNING], starts_on__gt=day)


def overlapping_month(first_day, last_day, exhibitions=None):
    """Exhibitions open on some day between `first_day` and `last_day` (a calendar month)."""
    exhibitions = public_exhibitions() if exhibitions is None else exhibitions
    return exhibitions.filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=first_day), starts_on__lte=last_day
    )


def current_exhibitions(day=None, province_code=None, kind=None):
    """The public list: running on `day` first, then upcoming, each by first day; optionally
    of one province (by code) and one kind. Each carries `is_upcoming`."""
    day = day or timezone.localdate()
    exhibitions = public_exhibitions()
    if province_code:
        exhibitions = exhibitions.filter(venue__province__code=province_code)
    if kind:
        exhibitions = exhibitions.filter(kind=kind)
    return (
        (running_on(day, exhibitions) | upcoming(day, exhibitions))
        .annotate(
            is_upcoming=Case(
                When(starts_on__gt=day, then=Value(True)),
                default=Value(False),
                output_field=BooleanField(),
            )
        )
        .order_by("is_upcoming", "starts_on", "pk")
    )


def provinces_with_exhibitions(day=None):
    """The provinces with an exhibition running or upcoming, for the list's filter."""
    day = day or timezone.localdate()
    current = running_on(day) | upcoming(day)
    return Province.objects.filter(venues__exhibitions__in=current.values("pk")).distinct()


def live_assignments(exhibition, day=None):
    """The booths held now: for a seasonal fair, any live hold; for a permanent exhibition,
    holds whose term includes `day` (today)."""
    holds = BoothAssignment.objects.filter(
        booth__exhibition=exhibition, released_at__isnull=True
    ).select_related("application__producer", "booth")
    if exhibition.is_permanent:
        day = day or timezone.localdate()
        holds = holds.filter(starts_on__lte=day, ends_on__gte=day)
    return holds


def floor_plan(exhibition, producer=None, day=None):
    """Each booth with its state for the plan: 'yours' (held by `producer`), 'taken', or
    'free', and who holds it when the booth is confirmed (paid). A list of (booth, state,
    application or None) in row, column order."""
    holds = {a.booth_id: a.application for a in live_assignments(exhibition, day)}
    plan = []
    for booth in exhibition.booths.order_by("row", "column"):
        application = holds.get(booth.pk)
        if application is None:
            state = "free"
        elif producer is not None and application.producer_id == producer.pk:
            state = "yours"
        else:
            state = "taken"
        plan.append((booth, state, application))
    return plan


def participants(exhibition):
    """Producers with a confirmed booth, with their booth codes, for the public page."""
    paid = (
        live_assignments(exhibition)
        .filter(application__status=BoothApplication.Status.PAID)
        .order_by("booth__row", "booth__column")
    )
    return [(a.application.producer, a.booth) for a in paid]


def product_exhibitions(product_ids):
    """{product id: [exhibition slug, …]}: the public exhibitions (not closed) a product is
    brought to by a confirmed application — what search's `exhibition` filter indexes."""
    through = BoothApplication.products.through
    rows = through.objects.filter(
        product_id__in=product_ids,
        boothapplication__status=BoothApplication.Status.PAID,
        boothapplication__exhibition__status__in=[Status.ACCEPTING, Status.RUNNING],
        boothapplication__exhibition__organizer__is_active=True,
    ).values_list("product_id", "boothapplication__exhibition__slug")
    found = {}
    for product_id, slug in rows:
        if slug not in found.setdefault(product_id, []):
            found[product_id].append(slug)
    return found
