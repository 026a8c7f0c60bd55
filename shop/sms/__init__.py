"""Text messages to Iranian mobiles, through the backend in settings.SMS_BACKEND.

`send_sms(mobile, text)` is the one entry point; backends live beside it, one per provider
(console.py for development and tests). The console backend keeps what it sent in `outbox`,
as Django's locmem email backend does.
"""

from django.conf import settings
from django.utils.module_loading import import_string

outbox = []  # the console backend's sent messages, for tests


def backend():
    return import_string(settings.SMS_BACKEND)()


def send_sms(mobile, text):
    """Send `text` to `mobile` (09…); raises SmsNotSent when the provider refuses."""
    return backend().send(mobile, text)
