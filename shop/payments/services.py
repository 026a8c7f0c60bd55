"""Payment attempts change here, under a row lock, so a replayed callback does its work once.

The order side (marking it paid, releasing stock) is the checkout's; these services only
settle the attempt and say what happened.
"""

from django.db import transaction

from .exceptions import CallbackMismatch
from .models import PaymentAttempt
from .registry import ADAPTERS, adapter_for

Status = PaymentAttempt.Status


def create_attempt(order, adapter_name, amount_rials):
    if adapter_name not in ADAPTERS:
        raise ValueError(f"unknown payment adapter {adapter_name!r}")
    return PaymentAttempt.objects.create(
        order=order, adapter=adapter_name, amount_rials=int(amount_rials)
    )


def start_attempt(attempt, callback_url):
    """Open the payment at the gateway. Raises GatewayUnavailable / PaymentRejected; the
    attempt is saved either way with what the gateway said."""
    try:
        url = adapter_for(attempt).start(attempt, callback_url)
    finally:
        attempt.save()
    attempt.status = Status.REDIRECTED
    attempt.save(update_fields=["status", "authority", "replies", "updated_at"])
    return url


def _settle(attempt, outcome):
    attempt.status = outcome.status
    attempt.ref_id = outcome.ref_id or attempt.ref_id
    attempt.card_pan = outcome.card_pan or attempt.card_pan
    attempt.save()
    return attempt


def confirm_callback(authority, params, order=None):
    """Settle the attempt a gateway callback names. A replay finds it final and returns it
    unchanged; an unknown authority, or one of another order than `order`, raises
    CallbackMismatch."""
    with transaction.atomic():
        attempt = (
            PaymentAttempt.objects.select_for_update().filter(authority=authority or "").first()
        )
        if attempt is None:
            raise CallbackMismatch(f"no payment attempt with authority {authority!r}")
        if order is not None and attempt.order_id != order.pk:
            raise CallbackMismatch("the authority belongs to another order")
        if attempt.is_final:
            return attempt
        outcome = adapter_for(attempt).confirm(attempt, params)
        return _settle(attempt, outcome)


def reconcile(attempt_id):
    """Ask the gateway about an attempt whose outcome we do not know, and settle it."""
    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().get(pk=attempt_id)
        if attempt.is_final:
            return attempt
        return _settle(attempt, adapter_for(attempt).inquire(attempt))


def abandon(attempt_id, reason):
    """Give up an attempt without verifying it (its order was cancelled meanwhile).

    Zarinpal returns money it never verified to the buyer, so nothing is charged."""
    with transaction.atomic():
        attempt = PaymentAttempt.objects.select_for_update().get(pk=attempt_id)
        if attempt.is_final:
            return attempt
        attempt.record("abandoned", {"reason": reason})
        attempt.status = Status.FAILED
        attempt.save()
        return attempt


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
