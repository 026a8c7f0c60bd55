"""Payment attempts change here, under a row lock, so a replayed callback does its work once.

The order side (marking it paid, releasing stock) is the checkout's; these services only
settle the attempt and say what happened.
"""

import logging

from django.db import transaction

from .base import Outcome
from .exceptions import CallbackMismatch, GatewayUnavailable, PaymentRejected
from .models import PaymentAttempt, Refund
from .registry import ADAPTERS, adapter_for

logger = logging.getLogger(__name__)
Status = PaymentAttempt.Status


def create_attempt(order, adapter_name, amount_rials, application=None):
    """An attempt to pay an order, or (order None) a booth application's fee."""
    if adapter_name not in ADAPTERS:
        raise ValueError(f"unknown payment adapter {adapter_name!r}")
    return PaymentAttempt.objects.create(
        order=order, application=application, adapter=adapter_name,
        amount_rials=int(amount_rials),
    )  # fmt: skip


def start_attempt(attempt, callback_url):
    """Open the payment at the gateway. Raises GatewayUnavailable / PaymentRejected; the
    attempt is saved either way with what the gateway said."""
    try:
        url = adapter_for(attempt).start(attempt, callback_url)
    except BaseException:
        attempt.save()
        raise
    attempt.status = Status.REDIRECTED
    attempt.save()  # with what the gateway said (one write)
    return url


def _settle(attempt, outcome):
    attempt.status = outcome.status
    attempt.ref_id = outcome.ref_id or attempt.ref_id
    attempt.card_pan = outcome.card_pan or attempt.card_pan
    attempt.save()
    return attempt


def lock_attempt(attempt_id):
    """The attempt, row-locked. Call inside a transaction, after locking its order."""
    return PaymentAttempt.objects.select_for_update().get(pk=attempt_id)


# The functions below take an attempt the caller has locked (checkout.services locks the
# order, then the attempt) and leave a final attempt as it is.


def confirm(attempt, params, adapter_name):
    """Settle the attempt from its gateway's callback. Each adapter's attempts are settled
    only through that adapter's own path: anything else raises CallbackMismatch. A refusal
    from the gateway (PaymentRejected) leaves the outcome unknown, for reconciliation."""
    if attempt.adapter != adapter_name:
        raise CallbackMismatch(f"a {attempt.adapter} payment cannot be settled as {adapter_name}")
    if attempt.is_final:
        return attempt
    try:
        outcome = adapter_for(attempt).confirm(attempt, params)
    except PaymentRejected as error:
        logger.error("Gateway refused to settle attempt %s: %s", attempt.pk, error)
        outcome = Outcome(Status.UNKNOWN, message=str(error))
    return _settle(attempt, outcome)


def reconcile(attempt, verify=True):
    """Ask the gateway about the attempt and settle it; paid but unverified money is
    verified only when `verify` (see PaymentAdapter.inquire)."""
    if attempt.is_final:
        return attempt
    return _settle(attempt, adapter_for(attempt).inquire(attempt, verify=verify))


def abandon(attempt, reason):
    """Give up an attempt without verifying it: Zarinpal returns money it never verified to
    the buyer by itself, so nothing is charged."""
    if attempt.is_final:
        return attempt
    attempt.record("abandoned", {"reason": reason})
    attempt.status = Status.FAILED
    attempt.save()
    return attempt


def give_back(attempt, reason):
    """Money verified that must not stay (a second payment of one order, or a payment of an
    order no longer waiting for it): reversed at the gateway when it still can, otherwise
    recorded for staff to transfer by hand. Returns the Refund."""
    try:
        reversed_at_gateway = adapter_for(attempt).refund(attempt)
    except GatewayUnavailable:
        reversed_at_gateway = False
    attempt.status = Status.REFUNDED
    attempt.save()
    method = Refund.Method.GATEWAY if reversed_at_gateway else Refund.Method.MANUAL
    logger.error("Attempt %s (%s Rials) given back: %s (%s)", attempt.pk,
                 attempt.amount_rials, reason, method)  # fmt: skip
    return Refund.objects.create(
        attempt=attempt, amount_rials=attempt.amount_rials, method=method, reason=reason
    )


def mark_transferred(refund_id, by):
    """Staff say a manual refund's money has been transferred to the buyer."""
    from django.utils import timezone

    with transaction.atomic():
        refund = Refund.objects.select_for_update().get(pk=refund_id)
        if refund.method == Refund.Method.MANUAL and refund.transferred_at is None:
            refund.transferred_at, refund.transferred_by = timezone.now(), by
            refund.save(update_fields=["transferred_at", "transferred_by"])
        return refund


def manual_refunds_to_transfer():
    return (
        Refund.objects.filter(method=Refund.Method.MANUAL, transferred_at__isnull=True)
        .select_related("attempt__order")
        .order_by("created_at")
    )


def confirm_callback(authority, params, adapter_name="zarinpal"):
    """Settle the attempt a callback names, on its own (no order side): a replay finds it
    final and returns it unchanged; an unknown authority raises CallbackMismatch."""
    with transaction.atomic():
        attempt = (
            PaymentAttempt.objects.select_for_update().filter(authority=authority or "").first()
        )
        if attempt is None:
            raise CallbackMismatch(f"no payment attempt with authority {authority!r}")
        return confirm(attempt, params, adapter_name)


def attempts_to_reconcile():
    """Attempts whose outcome we do not know: unknown ones, and those the gateway lists as
    paid but unverified (the buyer paid and never came back)."""
    from .zarinpal.adapter import unverified_authorities

    unknown = PaymentAttempt.objects.filter(status=Status.UNKNOWN)
    paid_elsewhere = PaymentAttempt.objects.filter(
        status__in=[Status.CREATED, Status.REDIRECTED],
        adapter="zarinpal",
        authority__in=unverified_authorities(),
    )
    return list((unknown | paid_elsewhere).distinct().order_by("id"))
