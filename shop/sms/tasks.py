"""Text messages sent by a worker. Queue with `transaction.on_commit`:

    transaction.on_commit(lambda: send_sms_task.delay(producer.mobile, text))

A refusal about the message or the account (invalid number, no credit) is logged and dropped;
a provider that is down or busy is tried again, three times, a minute apart and longer.
"""

import logging

from celery import shared_task

from . import send_sms
from .exceptions import SmsNotSent

logger = logging.getLogger("shop.sms")


@shared_task(
    bind=True,
    name="shop.sms.tasks.send_sms_task",
    max_retries=3,
    default_retry_delay=60,
)
def send_sms_task(self, mobile, text):
    """True when the provider took the message; False when it refused it for good."""
    try:
        send_sms(mobile, text)
    except SmsNotSent as error:
        if error.retryable and self.request.retries < self.max_retries:
            raise self.retry(exc=error, countdown=60 * 2**self.request.retries) from None
        logger.warning("SMS to %s not sent: %s", mobile, error)
        return False
    return True
