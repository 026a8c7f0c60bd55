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
AMOUNT_MISMATCH, NOT_PAID = -50, -51
# Inquiry statuses: the buyer has not paid (yet); the attempt stays open.
NOT_PAID_YET = ("PENDING", "IN_BANK")


class _NotPaid(Exception):
    """Verify said this authority is not paid (-51): ask the gateway what it is instead."""


def _plain(reply):
    if is_dataclass(reply):
        return {k: v for k, v in asdict(reply).items() if v is not None}
    return getattr(reply, "value", reply)


class ZarinpalAdapter(PaymentAdapter):
    name = "zarinpal"

    def start(self, attempt, callback_url):
        description = attempt.description
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
        """The callback's `Status` is only a hint (anyone can forge it): an "OK" is verified,
        anything else is asked about; a payment the gateway still waits for stays open."""
        if params.get("Authority") != attempt.authority:
            raise CallbackMismatch("the callback's authority is not this attempt's")
        if params.get("Status") == "OK":
            try:
                return self._verify(attempt)
            except _NotPaid:
                return self.inquire(attempt, verify=False)
        attempt.record("callback", dict(params))
        return self.inquire(attempt)

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
            if error.code == AMOUNT_MISMATCH:
                return Outcome(Status.FAILED, message=str(error))
            if error.code == NOT_PAID:
                raise _NotPaid from error
            raise PaymentRejected(error.code, str(error)) from error
        attempt.record("verify", _plain(reply))
        return Outcome(Status.PAID, ref_id=str(reply.ref_id), card_pan=reply.card_pan or "")

    def inquire(self, attempt, verify=True):
        """What the gateway says of the attempt. A payment made but not verified is verified
        only when `verify` (its order still waits for it); otherwise it stays open."""
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
        if status.value == "VERIFIED" or (status.value == "PAID" and verify):
            # Verified already (101 gives its reference) or paid and wanted: verify.
            try:
                return self._verify(attempt)
            except _NotPaid:
                return Outcome(Status.UNKNOWN, message="inquiry and verify disagree")
        if status.value == "REVERSED":
            return Outcome(Status.REFUNDED)
        if status.value == "FAILED":
            return Outcome(Status.FAILED)
        if status.value == "PAID" or status.value in NOT_PAID_YET:
            return Outcome(Status.REDIRECTED, message=f"{status.value} at the gateway")
        return Outcome(Status.UNKNOWN, message=f"unexpected inquiry status {status.value}")

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
