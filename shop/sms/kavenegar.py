"""Kavenegar (kavenegar.com), the SMS provider in production: its REST API, over the stdlib.

    POST {SMS_KAVENEGAR_URL}{API-KEY}/sms/send.json       receptor, message, sender
    POST {SMS_KAVENEGAR_URL}{API-KEY}/verify/lookup.json  receptor, token, template

Every reply is JSON: {"return": {"status": 200, "message": "تایید شد"}, "entries": [...]},
each entry carrying the provider's `messageid`. A refusal answers with the same status as the
HTTP status and in `return.status` (411 invalid receptor, 412 invalid sender, 418 no credit,
424 no such template, 451 too many calls…); we raise SmsNotSent with that status. The API key
sits in the URL path, so the URL is never logged or put into an error.
"""

import http.client
import json
import logging
from urllib.error import HTTPError
from urllib.parse import quote, urlencode
from urllib.request import Request, urlopen

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from .base import SentSms, SmsBackend
from .exceptions import SmsNotSent

logger = logging.getLogger("shop.sms")

# Kavenegar statuses worth trying again later: its server was busy (409) or we called too
# often (451); 5xx are retried too. Every other refusal is about the message or the account.
RETRYABLE_STATUSES = {409, 451}


class KavenegarBackend(SmsBackend):
    def __init__(self, api_key=None, base_url=None, sender=None, otp_template=None, timeout=None):
        self.api_key = api_key or settings.KAVENEGAR_API_KEY
        if not self.api_key:
            raise ImproperlyConfigured("The Kavenegar SMS backend needs KAVENEGAR_API_KEY")
        self.base_url = (base_url or settings.SMS_KAVENEGAR_URL).rstrip("/") + "/"
        self.sender = settings.SMS_KAVENEGAR_SENDER if sender is None else sender
        self.otp_template = (
            settings.SMS_KAVENEGAR_OTP_TEMPLATE if otp_template is None else otp_template
        )
        self.timeout = timeout or settings.SMS_TIMEOUT_SECONDS

    def send(self, mobile, text):
        params = {"receptor": mobile, "message": text}
        if self.sender:
            params["sender"] = self.sender
        return self._sent(mobile, text, self._call("sms/send.json", params))

    def send_code(self, mobile, code, text):
        """Through a lookup template when one is configured (delivered on Kavenegar's fast
        verification route, even to numbers that block advertising); else as a message."""
        if not self.otp_template:
            return self.send(mobile, text)
        params = {"receptor": mobile, "token": code, "template": self.otp_template}
        return self._sent(mobile, text, self._call("verify/lookup.json", params))

    def _sent(self, mobile, text, reply):
        entries = reply.get("entries") or [{}]
        message_id = entries[0].get("messageid", "") if isinstance(entries[0], dict) else ""
        logger.info("SMS to %s accepted by Kavenegar as %s", mobile, message_id)
        return SentSms(mobile=mobile, text=text, provider_id=str(message_id))

    def _call(self, method, params):
        request = Request(
            f"{self.base_url}{quote(self.api_key, safe='')}/{method}",
            data=urlencode(params).encode(),
            headers={
                "Accept": "application/json",
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-8",
            },
            method="POST",
        )
        try:
            with urlopen(request, timeout=self.timeout) as response:
                http_status, body = response.status, response.read()
        except HTTPError as error:  # 4xx and 5xx still carry Kavenegar's JSON
            http_status, body = error.code, error.read()
        except (OSError, http.client.HTTPException) as error:  # timeout, refused, reset
            raise SmsNotSent(
                f"Kavenegar did not answer ({type(error).__name__}: {error})", retryable=True
            ) from None
        return self._reply(http_status, body)

    @staticmethod
    def _reply(http_status, body):
        try:
            reply = json.loads(body.decode("utf-8"))
            status = int(reply["return"]["status"])
            message = reply["return"].get("message", "")
        except (ValueError, KeyError, TypeError, AttributeError):
            raise SmsNotSent(
                f"Kavenegar answered HTTP {http_status} without its JSON reply",
                status=http_status,
                retryable=http_status >= 500,
            ) from None
        if status != 200 or http_status != 200:
            raise SmsNotSent(
                f"Kavenegar refused the message: {status} {message}",
                status=status,
                retryable=status in RETRYABLE_STATUSES or status >= 500 or http_status >= 500,
            )
        return reply
