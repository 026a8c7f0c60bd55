"""Zarinpal behind our adapter interface: irgateway replies become `Outcome`s."""

from dataclasses import asdict, is_dataclass

from ..base import Outcome, PaymentAdapter
from ..exceptions import CallbackMismatch, GatewayUnavailable, PaymentRejected
from ..models import PaymentAttempt
from .client import (
    GatewayProtocolError,
    GatewayTransportError,
    PaymentAmountMismatch,
    ZarinpalException,
    make_client,
)

Status = PaymentAttempt.Status
# Verify codes that mean the buyer did not pay this amount: the attempt has failed.
NOT_PAID_CODES = (-50, -51)


def _plain(reply):
    if is_dataclass(reply):
        return {k: v for k, v in asdict(reply).items() if v is not None}
    return getattr(reply, "value", reply)


class ZarinpalAdapter(PaymentAdapter):
    name = "zarinpal"

    def start(self, attempt, callback_url):
        description = f"سفارش {attempt.order.number} در دست‌ساز"
        try:
            with make_client() as client:
                reply = client.request(attempt.amount_rials, callback_url, description)
        except (GatewayTransportError, GatewayProtocolError) as error:
            attempt.record("request", {"error": str(error)})
            raise GatewayUnavailable(str(error)) from error
        except ZarinpalException as error:
            attempt.record("request", {"code": error.code, "error": str(error)})
            raise PaymentRejected(error.code, str(error)) from error
        attempt.authority = reply.authority
        attempt.record("request", _plain(reply))
        return reply.payment_url

    def confirm(self, attempt, params):
        if params.get("Authority") != attempt.authority:
            raise CallbackMismatch("the callback's authority is not this attempt's")
        if params.get("Status") != "OK":
            attempt.record("callback", dict(params))
            return Outcome(Status.FAILED, message="cancelled at the gateway")
        return self._verify(attempt)

    def _verify(self, attempt):
        """Verify with the amount *we* stored; 101 counts only for this authority and amount
        (the gateway checks both before answering 101)."""
        try:
            with make_client() as client:
                reply = client.verify(
                    attempt.authority,
                    attempt.amount_rials,
                    amount_is_rials=True,
                    allow_already_verified=True,
                )
        except (GatewayTransportError, GatewayProtocolError) as error:
            attempt.record("verify", {"error": str(error)})
            return Outcome(Status.UNKNOWN, message=str(error))
        except PaymentAmountMismatch as error:
            attempt.record("verify", {"error": str(error)})
            return Outcome(Status.FAILED, message=str(error))
        except ZarinpalException as error:
            attempt.record("verify", {"code": error.code, "error": str(error)})
            if error.code in NOT_PAID_CODES:
                return Outcome(Status.FAILED, message=str(error))
            raise PaymentRejected(error.code, str(error)) from error
        attempt.record("verify", _plain(reply))
        return Outcome(Status.PAID, ref_id=str(reply.ref_id), card_pan=reply.card_pan or "")

    def inquire(self, attempt):
        if not attempt.authority:
            return Outcome(Status.FAILED, message="never reached the gateway")
        try:
            with make_client() as client:
                status = client.inquiry(attempt.authority)
        except (GatewayTransportError, GatewayProtocolError) as error:
            attempt.record("inquiry", {"error": str(error)})
            return Outcome(Status.UNKNOWN, message=str(error))
        except ZarinpalException as error:
            attempt.record("inquiry", {"code": error.code, "error": str(error)})
            return Outcome(Status.FAILED if error.code == -54 else Status.UNKNOWN)
        attempt.record("inquiry", status.value)
        if status.value in ("PAID", "VERIFIED", "IN_BANK"):
            # Paid but perhaps not verified: verifying settles it (101 when already done).
            return self._verify(attempt)
        if status.value == "REVERSED":
            return Outcome(Status.REFUNDED)
        if status.value == "FAILED":
            return Outcome(Status.FAILED)
        return Outcome(Status.UNKNOWN, message="still pending at the gateway")

    def refund(self, attempt):
        try:
            with make_client() as client:
                reversed_ = client.reverse(attempt.authority)
        except (GatewayTransportError, GatewayProtocolError) as error:
            attempt.record("reverse", {"error": str(error)})
            raise GatewayUnavailable(str(error)) from error
        attempt.record("reverse", {"reversed": reversed_})
        return reversed_


def unverified_authorities():
    """Authorities the gateway has been paid for but that nobody verified yet."""
    try:
        with make_client() as client:
            return [t.authority for t in client.unverified().authorities]
    except (GatewayTransportError, GatewayProtocolError, ZarinpalException) as error:
        raise GatewayUnavailable(str(error)) from error
