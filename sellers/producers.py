"""Producer lifecycle: application, staff decisions, the licence and its expiry.

Every change of what a producer may do goes through here, under a row lock, and ends in
`refresh_selling`, which keeps `Partner.is_selling` (listings public) true exactly while the
producer is approved and the licence unexpired. Producers are told of each decision by SMS
and email once the change commits (sellers/notifications.py).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from .exceptions import ProducerStateError
from .models import Partner

Status = Partner.Status
REMINDER_DAYS = (30, 7)

# Which decisions staff may take from which state.
ALLOWED = {
    "approve": {Status.APPLIED, Status.REJECTED, Status.SUSPENDED},
    "reject": {Status.APPLIED},
    "suspend": {Status.NEWCOMER, Status.ACTIVE},
    "close": {Status.APPLIED, Status.NEWCOMER, Status.ACTIVE, Status.SUSPENDED, Status.REJECTED},
}


def _locked(producer):
    return Partner.objects.select_for_update().get(pk=producer.pk)


def unique_slug(name, producer_id=None):
    base = slugify(name, allow_unicode=True)[:100] or "producer"
    slug, n = base, 1
    while Partner.objects.filter(slug=slug).exclude(pk=producer_id).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


def refresh_selling(producer, day=None):
    """Set `is_selling` from the state and the licence; True when it changed.

    Saving the producer reindexes their products on commit (search/signals.py), so the
    listings appear or hide with it.
    """
    selling = producer.should_sell(day)
    if producer.is_selling == selling:
        return False
    producer.is_selling = selling
    producer.save(update_fields=["is_selling"])
    return True


def _decide(producer, action, status, reason="", by=None):
    from .tasks import notify_producer_of_decision

    with transaction.atomic():
        producer = _locked(producer)
        if producer.status not in ALLOWED[action]:
            raise ProducerStateError(producer.status, action)
        producer.status = status
        producer.status_reason = reason
        producer.status_changed_at = timezone.now()
        if action == "approve" and producer.licence_number and producer.licence_verified_at is None:
            producer.licence_verified_at = timezone.now()  # staff checked the scan
        if not producer.slug:
            producer.slug = unique_slug(producer.name, producer.pk)
        producer.save()
        refresh_selling(producer)
        transaction.on_commit(lambda: notify_producer_of_decision.delay(producer.pk, action))
    return producer


def approve(producer, by=None):
    """Approved producers start as newcomers."""
    return _decide(producer, "approve", Status.NEWCOMER, by=by)


def reject(producer, reason, by=None):
    if not reason.strip():
        raise ProducerStateError(producer.status, "reject", needs_reason=True)
    return _decide(producer, "reject", Status.REJECTED, reason=reason.strip(), by=by)


def suspend(producer, reason, by=None):
    if not reason.strip():
        raise ProducerStateError(producer.status, "suspend", needs_reason=True)
    return _decide(producer, "suspend", Status.SUSPENDED, reason=reason.strip(), by=by)


def close(producer, reason="", by=None):
    return _decide(producer, "close", Status.CLOSED, reason=reason, by=by)


def record_licence(producer, *, number, issuer, issued_on, expires_on, scan=None, by=None):
    """Staff record a renewed (or corrected) licence: checked now, reminders start over."""
    with transaction.atomic():
        producer = _locked(producer)
        producer.licence_number = number
        producer.licence_issuer = issuer
        producer.licence_issued_on = issued_on
        producer.licence_expires_on = expires_on
        if scan is not None:
            producer.licence_scan = scan
        producer.licence_verified_at = timezone.now()
        producer.licence_reminded_days = None
        producer.full_clean(exclude=["licence_scan", "photo"])
        producer.save()
        refresh_selling(producer)
    return producer


def hide_expired_licences(day=None):
    """Daily: producers whose licence ran out stop selling (and come back on renewal)."""
    day = day or timezone.localdate()
    changed = 0
    stale = Partner.objects.filter(is_selling=True, licence_expires_on__lt=day)
    for producer_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            changed += refresh_selling(Partner.objects.select_for_update().get(pk=producer_id), day)
    return changed


def send_licence_reminders(day=None):
    """Daily: remind approved producers 30 and 7 days before the licence expires, once each."""
    from .notifications import tell_producer_licence_expires

    day = day or timezone.localdate()
    sent = 0
    for days in sorted(REMINDER_DAYS):  # the nearest first: one message, not two
        due = Partner.objects.filter(
            status__in=Partner.APPROVED,
            licence_expires_on__gt=day,
            licence_expires_on__lte=day + datetime.timedelta(days=days),
        ).exclude(licence_reminded_days__lte=days)
        for producer_id in due.values_list("pk", flat=True):
            with transaction.atomic():
                producer = Partner.objects.select_for_update().get(pk=producer_id)
                if producer.licence_reminded_days is not None and (
                    producer.licence_reminded_days <= days
                ):
                    continue
                producer.licence_reminded_days = days
                producer.save(update_fields=["licence_reminded_days"])
                transaction.on_commit(lambda pk=producer.pk: tell_producer_licence_expires(pk, day))
                sent += 1
    return sent


# --- Joining, from the producer's side ----------------------------------------------------


def mobile_taken(mobile):
    return Partner.objects.filter(mobile=mobile).exclude(status=Status.CLOSED).exists()


@transaction.atomic
def join(user, *, name, mobile):
    """A confirmed mobile becomes a producer account: applied, its profile still to fill.

    Staff see it in the queue once the profile is sent (`submit_profile`)."""
    producer = Partner.objects.create(name=name, mobile=mobile, status=Status.APPLIED)
    producer.code = f"producer-{producer.pk}"
    producer.slug = unique_slug(name, producer.pk)
    producer.save(update_fields=["code", "slug"])
    producer.users.add(user)
    return producer


@transaction.atomic
def submit_profile(producer):
    """The producer sent (or corrected) their profile: a rejected application goes back to
    staff. Licence details can change only before approval (staff record renewals)."""
    producer = _locked(producer)
    if producer.status == Status.REJECTED:
        producer.status = Status.APPLIED
        producer.status_reason = ""
        producer.status_changed_at = timezone.now()
        producer.save(update_fields=["status", "status_reason", "status_changed_at"])
    return producer


@transaction.atomic
def change_sheba(producer, sheba):
    """A new payout account, after the producer confirmed it with the code sent to their
    mobile. Open payout batches keep the Sheba they were made with."""
    producer = _locked(producer)
    producer.sheba = sheba
    producer.save(update_fields=["sheba"])
    return producer
