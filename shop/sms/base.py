from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class SentSms:
    mobile: str
    text: str
    provider_id: str = ""


class SmsBackend(ABC):
    """One SMS provider. `mobile` is always 09 and nine digits (shop.sms normalises it)."""

    @abstractmethod
    def send(self, mobile: str, text: str) -> SentSms:
        """Send one message or raise SmsNotSent."""

    def send_code(self, mobile: str, code: str, text: str) -> SentSms:
        """Send a one-time code. `text` is the whole message with the code in it; a provider
        with a faster verification route (Kavenegar's lookup templates) may use `code`."""
        return self.send(mobile, text)
