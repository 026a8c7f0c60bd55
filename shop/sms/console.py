"""Development and tests: messages go to the log and to `shop.sms.outbox`."""

import logging

from .base import SentSms, SmsBackend

logger = logging.getLogger("shop.sms")


class ConsoleBackend(SmsBackend):
    def send(self, mobile, text):
        from . import outbox

        sent = SentSms(mobile=mobile, text=text, provider_id=f"console-{len(outbox) + 1}")
        outbox.append(sent)
        logger.info("SMS to %s: %s", mobile, text)
        return sent
