"""The sellers app's error vocabulary; each carries the Persian message a person sees."""

from django.utils.translation import gettext_lazy as _


class SellersError(Exception):
    message = _("This could not be done.")

    def __str__(self):
        return str(self.message)


class ProducerStateError(SellersError):
    """A decision that the producer's current state does not allow."""

    def __init__(self, status, action, needs_reason=False):
        super().__init__(status, action)
        self.status, self.action, self.needs_reason = status, action, needs_reason
        self.message = (
            _("Please write the reason; the producer will read it.")
            if needs_reason
            else _("This producer's current state does not allow that.")
        )


class CannotPublish(SellersError):
    """Only an approved producer with an unexpired licence may put listings on show."""

    message = _(
        "Your listings can go on show once your application is approved and your licence "
        "is valid. You can still prepare them."
    )


class FulfilmentStateError(SellersError):
    """A step the fulfilment's current state does not allow (say, shipping a cancelled one)."""

    def __init__(self, status, action):
        super().__init__(status, action)
        self.status, self.action = status, action
        self.message = _("This order is no longer at a stage where that can be done.")


class PickupNotShipped(SellersError):
    """A click-and-collect part is handed over at the booth, never posted."""

    message = _(
        "The buyer collects this order at your booth, so it is not sent by post. Hand it "
        "over when the buyer tells you the pick-up code."
    )


class StockBelowReserved(SellersError):
    message = _("Stock cannot be negative.")


class PhotoRefused(SellersError):
    """An upload that is not a photo we keep: the message says why, in the person's words."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class PayoutError(SellersError):
    """A payout batch step its state does not allow, or nothing to pay."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class SupportAccessDenied(SellersError):
    message = _("This producer has not given your company access to this part of their panel.")


class GrantError(SellersError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message
