"""The payments vocabulary: what can go wrong, in domain words."""


class PaymentError(Exception):
    """Base of every payment failure."""


class GatewayUnavailable(PaymentError):
    """The gateway did not answer (timeout, dropped connection, 5xx): outcome unknown."""


class PaymentRejected(PaymentError):
    """The gateway answered with a refusal (bad merchant, amount, authority …)."""

    def __init__(self, code, message=""):
        self.code = code
        super().__init__(f"[{code}] {message}".strip())


class CallbackMismatch(PaymentError):
    """A callback that does not belong to this attempt (another or an unknown authority)."""
