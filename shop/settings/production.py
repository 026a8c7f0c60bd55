import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False
for required in ("SECRET_KEY", "DATABASE_URL"):
    if not os.environ.get(required):
        raise ImproperlyConfigured(f"{required} must be set in production")

# Production never talks to the Zarinpal sandbox by accident: it needs a real merchant id,
# or ZARINPAL_SANDBOX=true said on purpose (a staging site).
if ZARINPAL_USE_SANDBOX and os.environ.get("ZARINPAL_SANDBOX", "").lower() != "true":  # noqa: F405
    raise ImproperlyConfigured(
        "production would use the Zarinpal sandbox: set ZARINPAL_MERCHANT_ID, or "
        "ZARINPAL_SANDBOX=true on purpose"
    )

# Production sends text messages through Kavenegar, with an API key; the console backend
# (messages only in the log) only when SMS_CONSOLE=true is said on purpose (a staging site).
SMS_CONSOLE = os.environ.get("SMS_CONSOLE", "").lower() == "true"
SMS_BACKEND = os.environ.get("SMS_BACKEND") or (
    "shop.sms.console.ConsoleBackend" if SMS_CONSOLE else "shop.sms.kavenegar.KavenegarBackend"
)
if SMS_BACKEND == "shop.sms.console.ConsoleBackend" and not SMS_CONSOLE:
    raise ImproperlyConfigured(
        "production would write text messages to the log only: set KAVENEGAR_API_KEY, or "
        "SMS_CONSOLE=true on purpose"
    )
if SMS_BACKEND == "shop.sms.kavenegar.KavenegarBackend" and not KAVENEGAR_API_KEY:  # noqa: F405
    raise ImproperlyConfigured("production sends text messages by Kavenegar: set KAVENEGAR_API_KEY")

# Static files served by the app itself (WhiteNoise), compressed and fingerprinted, so a
# fresh container serves /static/ after collectstatic.
MIDDLEWARE = [  # noqa: F405
    *MIDDLEWARE[:2],  # noqa: F405  (NUL bytes, security)
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[2:],  # noqa: F405
]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS behind the proxy, which says so in X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
SECURE_REDIRECT_EXEMPT = [r"^healthz/$"]  # the load balancer probes over plain HTTP
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
