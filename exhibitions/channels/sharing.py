"""Shared booths: a producer whose booth is confirmed invites others (a cooperative, a province
pavilion, a support company's producers) to sell from it, each carrying an agreed share of
the fee.

The holder paid the whole fee (online, in cash, or from later sales); when an invited
producer accepts, their part of it moves from their ledger account to the holder's
(`ledger.book_fee_share`). Parts are whole Rials, rounded so that the accepted parts add up
exactly to the rounded total of their shares; the holder carries the rest. Ending a share
refunds nothing; the sharer's unsold booth units go back to their online stock.

Once accepted, the sharer sells from the booth (`stock.booth_of`, `sales.booth_mates`); each
sale's fulfilment and ledger lines are the producer's whose product was sold.

Locks: the holder's application first (every change of its shares waits for the one before),
then the share.
"""

from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext

from sellers.models import Partner
from sellers.money import ledger
from shop.persian.digits import to_latin_digits

from ..exceptions import (
    CannotShare,
    NotAllowed,
    NotYourBooth,
    PickupsWaiting,
    ProducerNotFound,
    ShareStateError,
    ShareTooLarge,
)
from ..models import BoothApplication, BoothShare, BoothStock, Exhibition
from . import stock as booth_stock

WHOLE_BP = 10_000
Share = BoothShare.Status
OPEN = (Share.INVITED, Share.ACCEPTED)


# ---- the arithmetic ----------------------------------------------------------------------


def _rounded(fee_rials, share_bp):
    """fee × share / 100% in whole Rials, half up."""
    return (fee_rials * share_bp + WHOLE_BP // 2) // WHOLE_BP


def next_part(fee_rials, booked_bp, booked_rials, share_bp):
    """The part of a fee for a new share of `share_bp`, when shares of `booked_bp` carry
    `booked_rials` already: whatever makes the parts add up to the rounded total."""
    return max(_rounded(fee_rials, booked_bp + share_bp) - booked_rials, 0)


def fee_parts(fee_rials, shares_bp):
    """Each share's part of `fee_rials`, accepted in this order, and the holder's rest:
    (parts, holder_rials); sum(parts) + holder_rials == fee_rials."""
    parts, booked_bp, booked_rials = [], 0, 0
    for share_bp in shares_bp:
        part = next_part(fee_rials, booked_bp, booked_rials, share_bp)
        parts.append(part)
        booked_bp, booked_rials = booked_bp + share_bp, booked_rials + part
    return parts, fee_rials - booked_rials


# ---- reads ---------------------------------------------------------------------------------


def shares_of(application):
    return application.shares.select_related("producer").order_by("pk")


def open_bp(application, exclude=None):
    shares = application.shares.filter(status__in=OPEN)
    if exclude is not None:
        shares = shares.exclude(pk=exclude.pk)
    return shares.aggregate(total=Sum("share_bp"))["total"] or 0


def holder_part(application):
    """What the holder carries of the fee after the accepted shares."""
    taken = application.shares.filter(status=Share.ACCEPTED).aggregate(t=Sum("fee_rials"))["t"]
    return application.fee_rials - (taken or 0)


def invitations_for(producer):
    """Shares offered to or held by `producer` at exhibitions not closed, newest first."""
    return (
        BoothShare.objects.filter(producer=producer, status__in=OPEN)
        .exclude(application__exhibition__status=Exhibition.Status.CLOSED)
        .select_related("application__exhibition__venue", "application__producer")
        .order_by("-pk")
    )


def find_producer(text):
    """An approved producer by licence number (Persian digits accepted) or shop address."""
    text = to_latin_digits((text or "").strip())
    if not text:
        raise ProducerNotFound()
    producer = (
        Partner.objects.filter(Q(licence_number=text) | Q(slug=text))
        .filter(status__in=Partner.APPROVED)
        .first()
    )
    if producer is None:
        raise ProducerNotFound()
    return producer


def _is_at(producer, exhibition):
    """Whether `producer` has an open application or an open share at `exhibition`."""
    applied = BoothApplication.objects.filter(
        exhibition=exhibition, producer=producer, status__in=BoothApplication.OPEN
    )
    shared = BoothShare.objects.filter(
        application__exhibition=exhibition, producer=producer, status__in=OPEN
    )
    return applied.exists() or shared.exists()


# ---- writes --------------------------------------------------------------------------------


def _lock_holding(application, error=NotYourBooth):
    application = (
        BoothApplication.objects.select_for_update()
        .select_related("exhibition", "producer")
        .get(pk=application.pk)
    )
    if (
        application.status != BoothApplication.Status.PAID
        or application.exhibition.status == Exhibition.Status.CLOSED
        or not application.assignments.filter(released_at__isnull=True).exists()
    ):
        raise error()
    return application


def _is_holder(application, by):
    return application.producer.users.filter(pk=by.pk).exists()


def invite(application, producer, share_bp, by):
    """The holder of a confirmed booth invites `producer` to share it, carrying `share_bp`
    (hundredths of a percent) of the fee. Returns the share (invited)."""
    share_bp = int(share_bp)
    with transaction.atomic():
        application = _lock_holding(application)
        if not _is_holder(application, by):
            raise NotYourBooth()
        if (
            producer.pk == application.producer_id
            or not producer.should_sell()
            or _is_at(producer, application.exhibition)
        ):
            raise CannotShare()
        left = WHOLE_BP - 1 - open_bp(application)
        if share_bp < 1 or share_bp > left:
            raise ShareTooLarge(max(left, 0))
        try:
            with transaction.atomic():
                return BoothShare.objects.create(
                    application=application, producer=producer, share_bp=share_bp, invited_by=by
                )
        except IntegrityError:
            raise CannotShare() from None


def _lock_share(share, application):
    return BoothShare.objects.select_for_update().get(pk=share.pk, application=application)


def accept(share, by):
    """The invited producer accepts: their part of the fee moves to the holder, and they sell
    from the booth from now on."""
    with transaction.atomic():
        application = _lock_holding(share.application, ShareStateError)
        share = _lock_share(share, application)
        if not share.producer.users.filter(pk=by.pk).exists():
            raise NotAllowed()
        if share.status != Share.INVITED:
            raise ShareStateError()
        exhibition = application.exhibition
        others = BoothApplication.objects.filter(
            exhibition=exhibition, producer=share.producer, status__in=BoothApplication.OPEN
        )
        if others.exists() or not share.producer.should_sell():
            raise CannotShare()
        accepted = application.shares.filter(status=Share.ACCEPTED).aggregate(
            bp=Sum("share_bp"), rials=Sum("fee_rials")
        )
        share.fee_rials = next_part(
            application.fee_rials, accepted["bp"] or 0, accepted["rials"] or 0, share.share_bp
        )
        share.status, share.decided_at = Share.ACCEPTED, timezone.now()
        share.save(update_fields=["status", "fee_rials", "decided_at"])
        if share.fee_rials:
            memo = gettext("Share of booth %(code)s at %(exhibition)s") % {
                "code": application.booth.code if application.booth else "",
                "exhibition": exhibition.title,
            }
            ledger.book_fee_share(
                share.producer, application.producer, share.fee_rials, memo, exhibition, by
            )
        return share


def decline(share, by):
    with transaction.atomic():
        share = BoothShare.objects.select_for_update().get(pk=share.pk)
        if not share.producer.users.filter(pk=by.pk).exists():
            raise NotAllowed()
        if share.status != Share.INVITED:
            raise ShareStateError()
        share.status, share.decided_at = Share.DECLINED, timezone.now()
        share.save(update_fields=["status", "decided_at"])
        return share


def end(share, by):
    """The holder ends a share (or withdraws an invitation), or the sharer leaves. Nothing is
    refunded; the sharer's unsold, unreserved booth units go back online."""
    with transaction.atomic():
        application = BoothApplication.objects.select_for_update().get(pk=share.application_id)
        share = _lock_share(share, application)
        holder = _is_holder(application, by)
        if not (holder or share.producer.users.filter(pk=by.pk).exists()):
            raise NotAllowed()
        if share.status not in OPEN:
            raise ShareStateError()
        was_selling = share.status == Share.ACCEPTED
        held = BoothStock.objects.filter(
            exhibition_id=application.exhibition_id, producer=share.producer, reserved__gt=0
        )
        if was_selling and held.exists():
            raise PickupsWaiting()
        share.status = Share.ENDED  # decided_at stays: when (if ever) it was accepted
        share.save(update_fields=["status"])
        if was_selling:
            stocks = BoothStock.objects.filter(
                exhibition_id=application.exhibition_id, producer=share.producer, quantity__gt=0
            )
            for stock in stocks.order_by("pk"):
                booth_stock.return_to_online(stock, by=by)
        return share
