"""Writes of the exhibitions app: an exhibition's state, applications and booth assignments.

Locks are taken in one order on every path: the application, then (fees.py) its payment
attempt. A booth is held by a `BoothAssignment`; two live assignments of one booth never
overlap in time: checked here to say so in Persian, and enforced by PostgreSQL's exclusion
constraint (migration 0002) for two requests that pass the check at the same moment — the
second insert waits for the first to commit and then fails, which is mapped to BoothTaken.
Booth fees are paid in fees.py.
"""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone

from .exceptions import (
    AlreadyApplied,
    ApplicationStateError,
    BoothTaken,
    ExhibitionClosed,
    FeeDiffers,
    NotApproved,
    OutsideWindow,
    ReasonRequired,
    StatusChangeNotAllowed,
    WrongBooth,
)
from .models import Booth, BoothApplication, BoothAssignment, Exhibition

Status = BoothApplication.Status
ExStatus = Exhibition.Status

# Which state an organizer may move an exhibition to from each state.
EXHIBITION_FLOW = {
    ExStatus.DRAFT: (ExStatus.ACCEPTING, ExStatus.RUNNING),
    ExStatus.ACCEPTING: (ExStatus.DRAFT, ExStatus.RUNNING, ExStatus.CLOSED),
    ExStatus.RUNNING: (ExStatus.CLOSED,),
    ExStatus.CLOSED: (),
}


def _notify(application, event):
    from .tasks import notify_application

    pk = application.pk
    transaction.on_commit(lambda: notify_application.delay(pk, event))


def lock_application(application):
    return BoothApplication.objects.select_for_update().get(pk=application.pk)


# ---- exhibitions ----------------------------------------------------------------------


def set_exhibition_status(exhibition, status):
    """Move an exhibition along its flow. Closing it settles what is still open: waiting
    applications are rejected and unpaid holds released (paid ones stay, as history)."""
    with transaction.atomic():
        exhibition = Exhibition.objects.select_for_update().get(pk=exhibition.pk)
        if status == exhibition.status:
            return exhibition
        if status not in EXHIBITION_FLOW[exhibition.status]:
            raise StatusChangeNotAllowed()
        exhibition.status = status
        exhibition.save(update_fields=["status"])
        if status == ExStatus.CLOSED:
            from .tasks import return_booth_stock

            pk = exhibition.pk
            transaction.on_commit(lambda: return_booth_stock.delay(pk))
            for application in exhibition.applications.filter(
                status__in=[Status.APPLIED, Status.ACCEPTED]
            ):
                _end(lock_application(application), Status.REJECTED, _closed_reason())
        return exhibition


def _closed_reason():
    from django.utils.translation import gettext

    return gettext("The exhibition closed before this application was settled.")


def advance_exhibitions(today=None):
    """The daily schedule: an exhibition taking applications starts running on its first
    day; a seasonal one closes the day after its last. Returns what changed."""
    today = today or timezone.localdate()
    changed = []
    for exhibition in Exhibition.objects.filter(status=ExStatus.ACCEPTING, starts_on__lte=today):
        changed.append(set_exhibition_status(exhibition, ExStatus.RUNNING))
    for exhibition in Exhibition.objects.filter(
        status__in=[ExStatus.ACCEPTING, ExStatus.RUNNING],
        kind=Exhibition.Kind.SEASONAL,
        ends_on__lt=today,
    ):
        changed.append(set_exhibition_status(exhibition, ExStatus.CLOSED))
    return changed


# ---- applications ---------------------------------------------------------------------


def apply(exhibition, producer, *, preferred_kind, crafts=(), products=(), note="", today=None):
    """A producer asks for a booth. Refused with a Persian reason when the producer is not
    approved with a valid licence, the exhibition takes no applications, the window is
    closed, or the producer has an open application there already."""
    today = today or timezone.localdate()
    if not producer.should_sell(today):
        raise NotApproved()
    if exhibition.status not in (ExStatus.ACCEPTING, ExStatus.RUNNING) or (
        exhibition.status == ExStatus.RUNNING and not exhibition.is_permanent
    ):
        raise ExhibitionClosed()
    if not exhibition.accepts_applications_on(today):
        raise OutsideWindow(exhibition)
    foreign = [p for p in products if p.stockrecords.exclude(partner=producer).exists()]
    if foreign:
        raise ApplicationStateError()
    try:
        with transaction.atomic():
            application = BoothApplication.objects.create(
                exhibition=exhibition,
                producer=producer,
                preferred_kind=preferred_kind,
                note=note,
            )
            application.crafts.set(crafts)
            application.products.set(products)
    except IntegrityError:
        raise AlreadyApplied() from None
    _notify(application, "applied")
    return application


def withdraw(application):
    """The producer takes back an application not yet paid."""
    with transaction.atomic():
        application = lock_application(application)
        if application.status not in (Status.APPLIED, Status.ACCEPTED):
            raise ApplicationStateError()
        return _end(application, Status.WITHDRAWN, "")


def reject(application, reason, by):
    """The organizer says no, with a reason the producer reads. A paid booth is not
    rejected (that is a refund, done by staff)."""
    if not (reason or "").strip():
        raise ReasonRequired()
    with transaction.atomic():
        application = lock_application(application)
        if application.status not in (Status.APPLIED, Status.ACCEPTED):
            raise ApplicationStateError()
        application.decided_at, application.decided_by = timezone.now(), by
        return _end(application, Status.REJECTED, reason.strip())


def _end(application, status, reason):
    """Close an application and free its booth. Call under the application's lock."""
    from . import fees

    fees.abandon_open_attempts(application, f"application {status}")
    application.status, application.reason = status, reason or application.reason
    application.save()
    _release(application)
    _notify(application, status)
    return application


def accept(application, booth, by, today=None):
    """The organizer accepts and assigns a booth: held for the exhibition's dates (a
    permanent one: a term from today). With a fee the producer has `pay_within_days` to pay;
    a free booth is confirmed at once."""
    today = today or timezone.localdate()
    with transaction.atomic():
        application = lock_application(application)
        if application.status != Status.APPLIED:
            raise ApplicationStateError()
        exhibition = application.exhibition
        if exhibition.status == ExStatus.CLOSED:
            raise ExhibitionClosed()
        _assign(application, booth, today)
        application.fee_rials = _fee_of(exhibition, booth)
        application.decided_at, application.decided_by = timezone.now(), by
        if application.fee_rials:
            application.status = Status.ACCEPTED
            application.pay_by = timezone.now() + datetime.timedelta(
                days=exhibition.pay_within_days
            )
        else:
            application.status, application.paid_at = Status.PAID, timezone.now()
        application.save()
        _notify(application, "accepted")
        return application


def move(application, booth, by, today=None):
    """Give an accepted or confirmed application another booth. Unpaid, the fee becomes the
    new booth's; paid, the new booth may not cost more than was paid."""
    today = today or timezone.localdate()
    with transaction.atomic():
        application = lock_application(application)
        if application.status not in (Status.ACCEPTED, Status.PAID):
            raise ApplicationStateError()
        current = application.current_assignment
        if current is not None and current.booth_id == booth.pk:
            return application
        fee = _fee_of(application.exhibition, booth)
        if application.status == Status.PAID and fee > application.fee_rials:
            raise FeeDiffers()
        start = current.starts_on if current else today
        _release(application)
        _assign(application, booth, start)
        if application.status == Status.ACCEPTED:
            application.fee_rials = fee
        application.decided_by = by
        application.save()
        _notify(application, "moved")
        return application


def _fee_of(exhibition, booth):
    return booth.fee_rials if exhibition.fee_policy == Exhibition.FeePolicy.PER_BOOTH else 0


def booth_is_free(booth, starts_on, ends_on):
    clashes = BoothAssignment.objects.filter(
        booth=booth, released_at__isnull=True, starts_on__lte=ends_on, ends_on__gte=starts_on
    )
    return not clashes.exists()


def _assign(application, booth, day):
    exhibition = application.exhibition
    if booth.exhibition_id != exhibition.pk:
        raise WrongBooth()
    starts_on, ends_on = exhibition.term_from(day)
    # Assignments to one booth queue on its row. Two inserts left to PostgreSQL's exclusion
    # constraint alone can each wait for the other's tuple and end in a deadlock.
    list(Booth.objects.select_for_update(no_key=True).filter(pk=booth.pk).values_list("pk"))
    if not booth_is_free(booth, starts_on, ends_on):
        raise BoothTaken(booth)
    try:
        with transaction.atomic():
            return BoothAssignment.objects.create(
                booth=booth, application=application, starts_on=starts_on, ends_on=ends_on
            )
    except IntegrityError:
        # Another request took the booth between the check and the insert (PostgreSQL's
        # exclusion constraint).
        raise BoothTaken(booth) from None


def _release(application):
    application.assignments.filter(released_at__isnull=True).update(released_at=timezone.now())
    # The cached prefetch (if any) must not show the released booth any more.
    if hasattr(application, "_prefetched_objects_cache"):
        application._prefetched_objects_cache.pop("assignments", None)


def expire_unpaid(now=None):
    """Applications accepted but unpaid past `pay_by` lose their booth (the schedule runs
    this). A payment the gateway may still confirm is asked about first; one it cannot yet
    answer for keeps the hold until it can. Returns the expired applications."""
    from . import fees

    now = now or timezone.now()
    expired = []
    for application in BoothApplication.objects.filter(status=Status.ACCEPTED, pay_by__lt=now):
        fees.reconcile_open_attempts(application)
        with transaction.atomic():
            application = lock_application(application)
            if application.status != Status.ACCEPTED or fees.has_unknown_attempt(application):
                continue
            expired.append(_end(application, Status.EXPIRED, ""))
    return expired
