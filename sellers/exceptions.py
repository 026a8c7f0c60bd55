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
