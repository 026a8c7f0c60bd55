from abc import ABC, abstractmethod
from dataclasses import dataclass


@dataclass(frozen=True)
class SentSms:
    mobile: str
    text: str
    provider_id: str = ""


class SmsBackend(ABC):
    @abstractmethod
    def send(self, mobile: str, text: str) -> SentSms:
        """Send one message or raise SmsNotSent."""
