"""Payout batches: staff make a bank transfer list, transfer it, and mark it paid.

A batch pays each producer whose payable balance (available after the hold, less what open
batches already hold for them) reaches the threshold, to the Sheba on file at that moment.
Making a batch locks the producers' rows in id order, so two staff members making batches at
once are served one after the other and the second sees the first's payouts as reserved: no
producer is ever paid more than their available balance. Marking a batch paid books the
payout entries; cancelling an open batch releases what it held.
"""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.spreadsheets import csv_text

from ..exceptions import PayoutError
from ..models import Partner, Payout, PayoutBatch
from . import ledger, selectors


def create_batch(by, threshold_rials=None, on=None):
    """A new open batch for everyone payable on `on` (default today), or PayoutError."""
    on = on or timezone.localdate()
    if threshold_rials is None:
        threshold_rials = settings.SELLER_PAYOUT_THRESHOLD_RIALS
    threshold_rials = max(int(threshold_rials), 1)
    with transaction.atomic():
        producers = list(selectors.payout_candidates(on).select_for_update().order_by("pk"))
        payable = selectors.payable_by_producer([p.pk for p in producers], on)
        due = [(p, payable[p.pk]) for p in producers if payable.get(p.pk, 0) >= threshold_rials]
        if not due:
            raise PayoutError(_("No producer has a payable balance above the threshold."))
        batch = PayoutBatch.objects.create(
            threshold_rials=threshold_rials, cutoff=on, created_by=by
        )
        Payout.objects.bulk_create(
            Payout(
                batch=batch,
                producer=producer,
                amount_rials=amount,
                sheba=producer.sheba,
                account_name=producer.sheba_holder or producer.name,
            )
            for producer, amount in due
        )
    return batch


def _lock_open(batch):
    batch = PayoutBatch.objects.select_for_update().get(pk=batch.pk)
    if batch.status != PayoutBatch.Status.OPEN:
        raise PayoutError(_("This batch was already paid or cancelled."))
    return batch


def mark_paid(batch, by):
    """The bank transferred the list: book each payout, close the batch (once)."""
    with transaction.atomic():
        batch = _lock_open(batch)
        payouts = list(batch.payouts.select_related("producer", "batch").order_by("producer_id"))
        list(Partner.objects.select_for_update().filter(pk__in=[p.producer_id for p in payouts]))
        today = timezone.localdate()
        for payout in payouts:
            ledger.book_payout(payout, by, on=today)
        batch.status = PayoutBatch.Status.PAID
        batch.closed_by, batch.closed_at = by, timezone.now()
        batch.save()
    return batch


def cancel_batch(batch, by):
    """An open batch not transferred after all: what it held becomes payable again."""
    with transaction.atomic():
        batch = _lock_open(batch)
        batch.status = PayoutBatch.Status.CANCELLED
        batch.closed_by, batch.closed_at = by, timezone.now()
        batch.save()
    return batch


TRANSFER_COLUMNS = ["sheba", "name", "amount_rials", "reference", "description"]


def transfer_list_csv(batch):
    """The bank's group transfer list (UTF-8 with BOM, so spreadsheet programs read Persian)."""
    rows = (
        [
            payout.sheba,
            payout.account_name,
            payout.amount_rials,
            payout.reference,
            f"Dastsaz payout {batch.reference}",
        ]
        for payout in batch.payouts.order_by("pk")
    )
    return csv_text(TRANSFER_COLUMNS, rows)
