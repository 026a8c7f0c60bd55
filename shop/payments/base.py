"""The one interface every payment adapter implements (architecture.md, Payments)."""

from abc import ABC, abstractmethod
from dataclasses import dataclass

from .models import PaymentAttempt


@dataclass(frozen=True)
class Outcome:
    """What the gateway says about an attempt."""

    status: str  # a PaymentAttempt.Status value
    ref_id: str = ""
    card_pan: str = ""
    message: str = ""


class PaymentAdapter(ABC):
    name: str

    @abstractmethod
    def start(self, attempt: PaymentAttempt, callback_url: str) -> str:
        """Open the payment at the gateway; return the URL to send the buyer to."""

    @abstractmethod
    def confirm(self, attempt: PaymentAttempt, params: dict) -> Outcome:
        """Settle the attempt from the gateway's callback parameters."""

    @abstractmethod
    def inquire(self, attempt: PaymentAttempt, verify: bool = True) -> Outcome:
        """Ask the gateway what became of an attempt whose outcome we do not know; money
        paid but not verified is verified only when `verify`, else the attempt stays open."""

    @abstractmethod
    def refund(self, attempt: PaymentAttempt) -> bool:
        """Give the money back through the gateway if it still can; False if it cannot."""
