"""Text messages to Iranian mobiles, through the backend in settings.SMS_BACKEND.

`send_sms(mobile, text)` is the one entry point (and `send_code` for one-time codes); backends
live beside it, one per provider: console.py for development and tests, kavenegar.py for
production. The console backend keeps what it sent in `outbox`, as Django's locmem email
backend does. From a request, queue `tasks.send_sms_task` with `transaction.on_commit`.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.module_loading import import_string

from shop.persian.identity import normalise_mobile

from .exceptions import SmsNotSent

outbox = []  # the console backend's sent messages, for tests


def backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(mobile, text):
    """Send `text` to `mobile` (as typed: 09…, +98…, Persian digits); returns a SentSms.

    Raises SmsNotSent when `mobile` is no Iranian mobile number or the provider refuses.
    """
    return backend().send(_mobile(mobile), str(text))


def send_code(mobile, code, text):
    """Send the one-time `code` to `mobile`; `text` is the whole message with the code in it."""
    return backend().send_code(_mobile(mobile), str(code), str(text))


def _mobile(mobile):
    try:
        return normalise_mobile(mobile)
    except ValidationError:
        raise SmsNotSent(f"{mobile!r} is not an Iranian mobile number") from None
