"""Paid in person at an exhibition booth: the producer confirms the money was received."""

from .base import Outcome, PaymentAdapter
from .models import PaymentAttempt


class BoothAdapter(PaymentAdapter):
    name = "booth"

    def start(self, attempt, callback_url):
        attempt.authority = f"{self.name}-{attempt.reference}-{attempt.pk}"
        return callback_url  # nothing to redirect to: the buyer pays at the booth

    def confirm(self, attempt, params):
        # `params["received_by"]`: the id of the user who took the money (the service that
        # settles it checks who that may be).
        attempt.record("received", {"by": params.get("received_by")})
        return Outcome(PaymentAttempt.Status.PAID, ref_id=attempt.authority)

    def inquire(self, attempt, verify=True):
        return Outcome(attempt.status)

    def refund(self, attempt):
        return False  # money handed back in person is recorded as a manual refund
