"""Booth fees, paid through the payment adapters: Zarinpal online, or cash the organizer
records. A fee attempt is a `PaymentAttempt` of an application (not of an order).

Every path that settles one locks the application, then the attempt, and brings the
application in line the way checkout does for orders: the first paid attempt confirms the
booth; money verified for an application no longer waiting for it (expired, rejected,
withdrawn, paid already) is given back; a callback replayed finds the attempt final and
changes nothing.
"""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from shop.payments import services as payments
from shop.payments.exceptions import CallbackMismatch
from shop.payments.models import PaymentAttempt

from .exceptions import (
    CannotDefer,
    CannotPay,
    DeferralCapExceeded,
    NotAllowed,
    PaymentDeadlinePassed,
)
from .models import BoothApplication

logger = logging.getLogger(__name__)
Status = BoothApplication.Status
Paid = PaymentAttempt.Status
OPEN = (Paid.CREATED, Paid.REDIRECTED, Paid.UNKNOWN)


def _check_payable(application, now=None):
    if application.status != Status.ACCEPTED or application.fee_rials <= 0:
        raise CannotPay()
    if application.pay_by and application.pay_by < (now or timezone.now()):
        raise PaymentDeadlinePassed()


def start_online_payment(application, callback_url):
    """Open a Zarinpal payment of the fee; returns the URL to send the producer to. Raises
    CannotPay / PaymentDeadlinePassed, or the gateway's GatewayUnavailable /
    PaymentRejected (the attempt is kept failed, so nothing waits on it)."""
    from shop.payments.exceptions import GatewayUnavailable, PaymentRejected

    with transaction.atomic():
        application = BoothApplication.objects.select_for_update().get(pk=application.pk)
        _check_payable(application)
        attempt = payments.create_attempt(
            None, "zarinpal", application.fee_rials, application=application
        )
    try:
        return payments.start_attempt(attempt, callback_url)
    except (GatewayUnavailable, PaymentRejected):
        payments.abandon(attempt, "the gateway did not open the payment")
        raise


def record_cash(application, by):
    """The organizer's member took the fee in cash: recorded through the cash adapter."""
    with transaction.atomic():
        application = BoothApplication.objects.select_for_update().get(pk=application.pk)
        if not application.exhibition.organizer.users.filter(pk=by.pk).exists():
            raise NotAllowed()
        _check_payable(application)
        attempt = payments.create_attempt(
            None, "cash", application.fee_rials, application=application
        )
        payments.start_attempt(attempt, "")
        payments.confirm(attempt, {"received_by": by.pk}, "cash")
        _bring_in_line(application, attempt)
        return application


def may_defer(application):
    """Whether the producer is offered to have this fee taken from their later sales."""
    cap = application.exhibition.fee_deferral_cap_rials
    return application.may_pay and 0 < application.fee_rials <= cap


def defer_fee(application, by):
    """The producer has the fee taken from their later sales instead of paying it now: the
    fee is booked against their ledger account (their balance goes down; later sales fill
    it) and the booth is confirmed as a paid fee confirms it. Allowed for a fee up to the
    exhibition's cap, while the application waits for payment. A second click finds the
    application confirmed and books nothing."""
    from sellers.money import ledger

    with transaction.atomic():
        application = (
            BoothApplication.objects.select_for_update()
            .select_related("exhibition", "producer")
            .get(pk=application.pk)
        )
        if not application.producer.users.filter(pk=by.pk).exists():
            raise NotAllowed()
        if application.fee_deferred and application.status == Status.PAID:
            return application
        _check_payable(application)
        if has_unknown_attempt(application):
            raise CannotDefer()  # a payment's outcome is not known yet: it decides first
        abandon_open_attempts(application, "the fee is taken from later sales")
        cap = application.exhibition.fee_deferral_cap_rials
        if application.fee_rials > cap:
            raise DeferralCapExceeded(cap)
        exhibition = application.exhibition
        booth = application.booth
        memo = gettext("Booth %(code)s at %(exhibition)s, from later sales") % {
            "code": booth.code if booth else "",
            "exhibition": exhibition.title,
        }
        ledger.book_booth_fee(
            application.producer, application.fee_rials, memo, by, exhibition=exhibition
        )
        application.fee_deferred = True
        application.save(update_fields=["fee_deferred"])
        _confirm(application, f"deferred by user {by.pk}")
        return application


def _lock(attempt_id):
    application_id = PaymentAttempt.objects.values_list("application_id", flat=True).get(
        pk=attempt_id
    )
    if application_id is None:
        raise CallbackMismatch("this attempt pays an order, not a booth fee")
    application = BoothApplication.objects.select_for_update().get(pk=application_id)
    return application, payments.lock_attempt(attempt_id)


def _settle_locked(attempt_id, act, adapter_name=None):
    with transaction.atomic():
        application, attempt = _lock(attempt_id)
        if adapter_name and attempt.adapter != adapter_name:
            raise CallbackMismatch(f"a {attempt.adapter} payment is not settled here")
        before = attempt.status
        if not attempt.is_final:
            if application.status == Status.ACCEPTED:
                act(attempt)
            else:
                payments.reconcile(attempt, verify=False)
                if attempt.status in (Paid.CREATED, Paid.REDIRECTED):
                    payments.abandon(attempt, f"the application is {application.status}")
        if attempt.status != before:
            _bring_in_line(application, attempt)
        return attempt, application


def _bring_in_line(application, attempt):
    if attempt.status != Paid.PAID:
        return
    paid_before = application.payment_attempts.filter(status=Paid.PAID).exclude(pk=attempt.pk)
    if application.status == Status.ACCEPTED and not paid_before.exists():
        _confirm(application, f"ref {attempt.ref_id}")
    else:
        payments.give_back(attempt, f"booth application {application.pk} was {application.status}")


def _confirm(application, how):
    """The booth is confirmed: the fee is paid (or taken from later sales)."""
    application.status, application.paid_at = Status.PAID, timezone.now()
    application.save(update_fields=["status", "paid_at"])
    from .services import _notify

    _notify(application, "paid")
    logger.info("Booth fee of application %s settled (%s)", application.pk, how)


def settle_callback(attempt_id, params, adapter_name="zarinpal"):
    """Zarinpal's callback for a fee attempt. Returns (attempt, application)."""

    def confirm(attempt):
        payments.confirm(attempt, params, adapter_name)

    return _settle_locked(attempt_id, confirm, adapter_name)


def reconcile_attempt(attempt_id):
    attempt, _application = _settle_locked(attempt_id, payments.reconcile)
    return attempt


def reconcile_fee_payments():
    """Ask the gateway about every fee attempt whose outcome is unknown (the schedule's
    reconcile_payments runs this beside the orders' one)."""
    return [reconcile_attempt(a.pk) for a in payments.attempts_to_reconcile() if a.application_id]


def reconcile_open_attempts(application):
    for attempt in application.payment_attempts.filter(status__in=OPEN):
        reconcile_attempt(attempt.pk)


def has_unknown_attempt(application):
    return application.payment_attempts.filter(status=Paid.UNKNOWN).exists()


def abandon_open_attempts(application, reason):
    """Under the application's lock, when it stops waiting for payment: attempts not yet
    answered are given up (Zarinpal returns unverified money by itself); unknown ones stay
    for reconciliation, which gives back money verified after all."""
    for attempt in application.payment_attempts.select_for_update().filter(
        status__in=[Paid.CREATED, Paid.REDIRECTED]
    ):
        payments.abandon(attempt, reason)
