from urllib.parse import unquote_to_bytes, urlsplit

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _

from shop.persian.html_digits import persian_digits_in_html
from shop.persian.numbers import ui_language

FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class RejectNulBytesMiddleware:
    """A NUL byte has no place in a path, a query or a form field (PostgreSQL cannot store
    one, and some views 500 on it): answer 400 for every URL, in this one place."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self.has_nul(request):
            with translation.override(settings.LANGUAGE_CODE):
                message = _("The address or the form contains a character that is not allowed.")
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def has_nul(request):
        if "\x00" in request.path_info:
            return True
        if b"\x00" in unquote_to_bytes(request.META.get("QUERY_STRING", "")):
            return True
        if request.method == "POST" and request.content_type in FORMS:
            return any("\x00" in value for _key, values in request.POST.lists() for value in values)
        return False


class PersianFirstLocaleMiddleware:
    """Persian unless the visitor chose another language (language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, which shows
    most visitors in Iran an English site; Dastsaz is Persian first.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware; forms may also lead to the payment gateway in use now.

    The gateway is the Zarinpal sandbox or Zarinpal itself depending on settings read at
    request time (tests move the sandbox to a free port), so its origin is added here rather
    than fixed in CONTENT_SECURITY_POLICY.
    """

    def get_policy_parts(self, request, response, report_only=False):
        from shop.payments.zarinpal.client import gateway_url

        parts = super().get_policy_parts(request, response, report_only)
        if not report_only:
            url = urlsplit(gateway_url())
            update = dict(parts.update or {})
            update["form-action"] = [f"{url.scheme}://{url.netloc}"]
            parts.update = update
        return parts


class PersianDigitsMiddleware:
    """Persian digits in the visible text of every HTML page in the Persian UI, in this one
    place (shop/persian/html_digits.py says what stays as written). Inside the locale
    middleware, so the page's language is still active."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return in_persian_digits(self.get_response(request))


def in_persian_digits(response):
    """`response` with Persian digits in its text, if it is an HTML page in the Persian UI
    (once: a page served from the page cache was stored with them)."""
    if (
        response.streaming
        or getattr(response, "persian_digits_done", False)
        or not response.get("Content-Type", "").startswith("text/html")
        or getattr(response, "is_rendered", True) is False
        or ui_language() != "fa"
    ):
        return response
    charset = response.charset or "utf-8"
    html = response.content.decode(charset)
    shown = persian_digits_in_html(html)
    if shown is not html:
        response.content = shown.encode(charset)
        if response.has_header("Content-Length"):
            response["Content-Length"] = str(len(response.content))
    response.persian_digits_done = True
    return response
