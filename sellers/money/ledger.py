"""Writing to the ledger: every booking is balanced, booked once, and never changed.

Accounts and signs (LedgerEntry.Account): the PRODUCER account holds what Dastsaz owes each
producer (positive: owed to them). Every booking also moves the same amount the other way on
a house account, so a booking's lines sum to zero:

- a delivered fulfilment: sale (buyers' payments held → producer), commission (producer →
  commission income); available for payout after the hold (SELLER_PAYOUT_HOLD_DAYS);
- a refund of a delivered fulfilment: both reversed, with the same availability as the sale;
- a payout marked paid: producer → bank; a booth fee: producer → fee income (paid online,
  or taken from later sales); a sharer's part of a shared booth's fee: sharer → holder (two
  producer lines); an adjustment by staff: either way with the adjustments account.

Call these inside the transaction and lock of the step that causes them (delivery, refund,
marking a batch paid), so the step and its booking commit together or not at all.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from ..models import LedgerEntry
from .commission import amounts_for

Account, Kind = LedgerEntry.Account, LedgerEntry.Kind


class UnbalancedBooking(Exception):
    pass


def _book(producer, lines, available_on, **links):
    """Write one booking: `lines` are (account, kind, amount_rials), or (account, kind,
    amount_rials, producer) for a line of another producer (a transfer between two producers);
    they must sum to zero. Lines without their own producer are `producer`'s."""
    lines = [(*line, producer) if len(line) == 3 else tuple(line) for line in lines]
    if sum(amount for _account, _kind, amount, _producer in lines) != 0:
        raise UnbalancedBooking(lines)
    booking = uuid.uuid4()
    entries = [
        LedgerEntry(
            booking=booking,
            producer=line_producer,
            account=account,
            kind=kind,
            amount_rials=amount,
            available_on=available_on,
            **links,
        )
        for account, kind, amount, line_producer in lines
        if amount
    ]
    return LedgerEntry.objects.bulk_create(entries)


def hold_until(delivered_at):
    return timezone.localdate(delivered_at) + timedelta(days=settings.SELLER_PAYOUT_HOLD_DAYS)


def _exhibition_of(order):
    """The exhibition whose channel the order is in (None: the online shop)."""
    channel = getattr(order, "channel", None) if order.pk else None
    return channel.exhibition if channel is not None else None


def book_sale(fulfilment):
    """A delivered fulfilment's sale and commission (once: a retry books nothing)."""
    sold = LedgerEntry.objects.filter(
        fulfilment=fulfilment, account=Account.PRODUCER, kind=Kind.SALE
    )
    if sold.exists():
        return []
    amounts = amounts_for(fulfilment)
    order_number = fulfilment.order.number
    return _book(
        fulfilment.producer,
        [
            (Account.BUYERS, Kind.SALE, -amounts.sale_rials),
            (Account.PRODUCER, Kind.SALE, amounts.sale_rials),
            (Account.PRODUCER, Kind.COMMISSION, -amounts.commission_rials),
            (Account.COMMISSION, Kind.COMMISSION, amounts.commission_rials),
        ],
        hold_until(fulfilment.delivered_at or timezone.now()),
        fulfilment=fulfilment,
        memo=order_number,
        exhibition=_exhibition_of(fulfilment.order),
    )


def book_booth_sale(fulfilment):
    """A sale made in person at a booth: the producer took the money, so only Dastsaz's
    commission is booked (the producer owes it; it is taken from what Dastsaz owes them)."""
    booked = LedgerEntry.objects.filter(
        fulfilment=fulfilment, account=Account.PRODUCER, kind=Kind.COMMISSION
    )
    if booked.exists():
        return []
    amounts = amounts_for(fulfilment)
    return _book(
        fulfilment.producer,
        [
            (Account.PRODUCER, Kind.COMMISSION, -amounts.commission_rials),
            (Account.COMMISSION, Kind.COMMISSION, amounts.commission_rials),
        ],
        timezone.localdate(),
        fulfilment=fulfilment,
        memo=fulfilment.order.number,
        exhibition=_exhibition_of(fulfilment.order),
    )


def book_till_transfer(fulfilment, till):
    """A booth mate sold `fulfilment`'s goods and took the money: the sale is the
    fulfilment's producer's, its money sits in the till of `till` (that producer), who owes it
    to them. Linked to the fulfilment, so a refund reverses it (book_refund)."""
    sale_rials = amounts_for(fulfilment).sale_rials
    return _book(
        fulfilment.producer,
        [
            (Account.PRODUCER, Kind.SALE, -sale_rials, till),
            (Account.PRODUCER, Kind.SALE, sale_rials, fulfilment.producer),
        ],
        timezone.localdate(),
        fulfilment=fulfilment,
        memo=f"{fulfilment.order.number} ({till.name})",
        exhibition=_exhibition_of(fulfilment.order),
    )


def book_refund(fulfilment, by=None):
    """Reverse a fulfilment's booked sale and commission when its buyer is refunded.

    Nothing to do for a fulfilment never delivered (no sale was booked) or already reversed.
    The reversal carries the sale's availability: a sale still on hold nets to nothing; one
    already available (perhaps paid out) leaves the producer owing it. The sale's money goes
    back from where it was held: buyers' payments, or a booth mate's till (book_till_transfer).
    """
    lines = LedgerEntry.objects.filter(fulfilment=fulfilment, account=Account.PRODUCER)
    booked = {e.kind: e for e in lines if e.producer_id == fulfilment.producer_id}
    till = next((e for e in lines if e.producer_id != fulfilment.producer_id), None)
    sale = booked.get(Kind.SALE)
    if Kind.REFUND in booked or Kind.COMMISSION_REFUND in booked:
        return []
    if sale is None and Kind.COMMISSION not in booked:
        return []
    first = sale or booked[Kind.COMMISSION]  # a booth sale books its commission only
    sale_rials = sale.amount_rials if sale else 0
    commission = -booked[Kind.COMMISSION].amount_rials if Kind.COMMISSION in booked else 0
    held = (
        (Account.PRODUCER, Kind.REFUND, sale_rials, till.producer)
        if till is not None
        else (Account.BUYERS, Kind.REFUND, sale_rials)
    )
    return _book(
        fulfilment.producer,
        [
            (Account.PRODUCER, Kind.REFUND, -sale_rials),
            held,
            (Account.PRODUCER, Kind.COMMISSION_REFUND, commission),
            (Account.COMMISSION, Kind.COMMISSION_REFUND, -commission),
        ],
        first.available_on,
        fulfilment=fulfilment,
        memo=first.memo,
        created_by=by,
        exhibition=first.exhibition,
    )


def book_payout(payout, by, on=None):
    return _book(
        payout.producer,
        [
            (Account.PRODUCER, Kind.PAYOUT, -payout.amount_rials),
            (Account.BANK, Kind.PAYOUT, payout.amount_rials),
        ],
        on or timezone.localdate(),
        payout=payout,
        memo=payout.reference,
        created_by=by,
    )


def book_booth_fee(producer, amount_rials, memo, by=None, exhibition=None):
    """What a producer owes for a booth, taken from what Dastsaz owes them."""
    return _book(
        producer,
        [
            (Account.PRODUCER, Kind.BOOTH_FEE, -amount_rials),
            (Account.FEES, Kind.BOOTH_FEE, amount_rials),
        ],
        timezone.localdate(),
        memo=memo,
        created_by=by,
        exhibition=exhibition,
    )


def book_fee_share(sharer, holder, amount_rials, memo, exhibition, by=None):
    """A producer sharing another's booth carries their part of its fee: the holder paid the
    whole fee, so the part moves from the sharer's account to the holder's."""
    return _book(
        holder,
        [
            (Account.PRODUCER, Kind.BOOTH_FEE, -amount_rials, sharer),
            (Account.PRODUCER, Kind.BOOTH_FEE, amount_rials, holder),
        ],
        timezone.localdate(),
        memo=memo,
        created_by=by,
        exhibition=exhibition,
    )


def book_adjustment(producer, amount_rials, memo, by):
    """A correction by staff: positive owes the producer more, negative less."""
    return _book(
        producer,
        [
            (Account.PRODUCER, Kind.ADJUSTMENT, amount_rials),
            (Account.ADJUSTMENTS, Kind.ADJUSTMENT, -amount_rials),
        ],
        timezone.localdate(),
        memo=memo,
        created_by=by,
    )
