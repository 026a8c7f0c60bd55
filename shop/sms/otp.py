"""One-time codes sent by SMS: to prove a mobile number (joining as a producer, logging in).

    issue_code(mobile, "join")            # sends «کد تأیید دست‌ساز: ۱۲۳۴۵۶»
    check_code(mobile, "join", "۱۲۳۴۵۶")  # True once

A code is six random digits, kept in the cache only as an HMAC (keyed with SECRET_KEY) for
five minutes. It works once, and dies after five wrong tries. A mobile gets a new code for a
purpose at most once a minute and at most five codes an hour in all; asking sooner raises
OtpThrottled. The cache must be shared by every web process (Redis in production and tests).

`clock` is the time source, a module attribute so tests can move time on without sleeping;
cache timeouts only clean up, every expiry is decided against `clock()`.
"""

import math
import re
import secrets
import time

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext

from shop.persian.digits import to_latin_digits
from shop.persian.identity import normalise_mobile
from shop.persian.numbers import localised_number

from . import send_code, send_sms
from .exceptions import OtpThrottled, SmsNotSent

CODE_SECONDS = 5 * 60
RESEND_SECONDS = 60
CODES_PER_HOUR = 5
WRONG_TRIES = 5
HOUR = 60 * 60

clock = time.time

_PURPOSE = re.compile(r"[a-z][a-z0-9_-]{0,30}")


def issue_code(mobile, purpose, note="") -> None:
    """Send a new code for `purpose` to `mobile` (as typed), replacing any earlier one.
    `note` (already translated) goes before the code: what the code is consent to.

    Raises ValidationError for a number that is not an Iranian mobile, OtpThrottled when
    asked again too soon, SmsNotSent when the provider refused (no code is then kept and the
    person may ask again at once).
    """
    mobile, purpose = normalise_mobile(mobile), _purpose(purpose)
    code = f"{secrets.randbelow(10**6):06d}"
    _keep(mobile, purpose, code)
    with translation.override(settings.LANGUAGE_CODE):
        text = gettext("Dastsaz verification code: %(code)s") % {"code": localised_number(code)}
    try:
        if note:
            # A provider's code template (Kavenegar lookup) carries the code only: the note
            # saying what the code consents to goes as its own message, just before it.
            send_sms(mobile, note)
        send_code(mobile, code, text)
    except SmsNotSent:
        cache.delete_many([_key("code", purpose, mobile), _key("last", purpose, mobile)])
        raise


def check_code(mobile, purpose, code) -> bool:
    """True when `code` (Persian, Arabic or Latin digits) is the live code for `mobile` and
    `purpose`; the code is then used up. Every try counts toward the five wrong ones."""
    try:
        mobile = normalise_mobile(mobile)
    except ValidationError:
        return False
    purpose = _purpose(purpose)
    code = re.sub(r"\s", "", to_latin_digits(str(code or "")))
    code_key, tries_key = _key("code", purpose, mobile), _key("tries", purpose, mobile)
    kept = cache.get(code_key)
    if kept is None or kept["expires"] <= clock():
        return False
    try:
        tries = cache.incr(tries_key)
    except ValueError:  # the counter is gone: the code is as good as expired
        return False
    if tries > WRONG_TRIES:
        cache.delete_many([code_key, tries_key])
        return False
    if not constant_time_compare(kept["hmac"], _hmac(mobile, purpose, code)):
        if tries == WRONG_TRIES:
            cache.delete_many([code_key, tries_key])
        return False
    return bool(cache.delete(code_key))  # of two tries at once with the code, one wins


def _keep(mobile, purpose, code):
    """Check the throttles and keep the new code's HMAC, under a short per-mobile lock."""
    lock = _key("lock", "-", mobile)
    if not cache.add(lock, 1, timeout=10):
        raise OtpThrottled(RESEND_SECONDS)  # a code for this number is being sent right now
    try:
        now = clock()
        last = cache.get(_key("last", purpose, mobile))
        if last is not None and now < last + RESEND_SECONDS:
            raise OtpThrottled(math.ceil(last + RESEND_SECONDS - now))
        sent = [at for at in cache.get(_key("sent", "-", mobile), []) if at > now - HOUR]
        if len(sent) >= CODES_PER_HOUR:
            raise OtpThrottled(math.ceil(sent[0] + HOUR - now))
        cache.set_many(
            {
                _key("code", purpose, mobile): {
                    "hmac": _hmac(mobile, purpose, code),
                    "expires": now + CODE_SECONDS,
                },
                _key("tries", purpose, mobile): 0,
            },
            timeout=CODE_SECONDS,
        )
        cache.set(_key("last", purpose, mobile), now, timeout=RESEND_SECONDS)
        cache.set(_key("sent", "-", mobile), [*sent, now], timeout=HOUR)
    finally:
        cache.delete(lock)


def _hmac(mobile, purpose, code):
    return salted_hmac("shop.sms.otp", f"{purpose}:{mobile}:{code}", algorithm="sha256").hexdigest()


def _key(kind, purpose, mobile):
    return f"otp:{kind}:{purpose}:{mobile}"


def _purpose(purpose):
    if not _PURPOSE.fullmatch(purpose):
        raise ValueError(f"an OTP purpose is a short lowercase word, not {purpose!r}")
    return purpose
