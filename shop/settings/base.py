"""Settings shared by every environment. Secrets and URLs come from the environment."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *  # noqa: F403

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = False
ALLOWED_HOSTS = [h for h in env("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "axes",
    "csp",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.forms",  # the form renderer below finds Django's widget templates here
    "django.contrib.postgres",
    # Oscar, with our forks in place of catalogue, partner and search.
    "shop.config.Shop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "catalog.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "sellers.apps.PartnerConfig",
    "shop.basket.apps.BasketConfig",
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "shop.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    "shop.dashboard.orders.apps.OrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "treebeard",
    "django_tables2",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    # Ours
    "shop",
    "shop.payments.apps.PaymentsConfig",
    "exhibitions.apps.ExhibitionsConfig",
    "cms.apps.CmsConfig",
    "insights.apps.InsightsConfig",
]

SITE_ID = 1

MIDDLEWARE = [
    "shop.middleware.RejectNulBytesMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "shop.middleware.ContentSecurityPolicyMiddleware",  # django-csp + the payment gateway
    "django.contrib.sessions.middleware.SessionMiddleware",
    "shop.middleware.PersianFirstLocaleMiddleware",
    "shop.middleware.PersianDigitsMiddleware",  # Persian digits in every page's text
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "shop.basket.middleware.BasketMiddleware",  # Oscar's, told when there is no voucher
    "shop.pagecache.middleware.PageCacheMiddleware",  # storefront pages, shop/pagecache
    "django.contrib.flatpages.middleware.FlatpageFallbackMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into shop.views.locked_out
]

# Widgets render through TEMPLATES, so shop/templates/ overrides widget templates too (ours
# drop the inline scripts and handlers our Content-Security-Policy refuses).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

ROOT_URLCONF = "shop.urls"
WSGI_APPLICATION = "shop.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "shop" / "templates"],
        "OPTIONS": {
            # Templates through our loader (shop/template_loaders.py: Oscar's English
            # aria-labels made translatable), cached as Django does by default.
            "loaders": [
                (
                    "django.template.loaders.cached.Loader",
                    ["shop.template_loaders.Loader"],
                )
            ],
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.core.context_processors.metadata",
            ],
            # Oscar's templates format every price with `currency_filters`; ours shows Toman.
            "libraries": {"currency_filters": "shop.templatetags.toman_currency"},
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL") or f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "shop.redis_cache.RedisCache",  # one client, not one per call
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses while locked out
    "oscar.apps.customer.auth_backends.EmailBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Login throttling (django-axes) on every login form: storefront, Oscar dashboard, Wagtail
# and Django admin. Five wrong passwords for one login from one address lock that pair out
# for 15 minutes (by pair, not by address alone: many Iranian mobile users share addresses).
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(env("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "shop.views.locked_out"
AXES_VERBOSE = False

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_REDIRECT_URL = "/"

# Persian first: Persian UI, Tehran time, Jalali dates (see shop/persian/).
LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", _("Persian")), ("en", _("English"))]
# Our catalogue (makemessages) first; then hand-kept corrections of Oscar's own Persian, which
# makemessages would drop from ours (docs/decisions.md, "Two Persian catalogues").
LOCALE_PATHS = [BASE_DIR / "shop" / "locale", BASE_DIR / "shop" / "locale_oscar"]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True
# Phone numbers read the Iranian way (0912 345 6789), not +98… which bidi flips in Persian text.
PHONENUMBER_DEFAULT_REGION = "IR"
PHONENUMBER_DEFAULT_FORMAT = "NATIONAL"

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Licence scans and other personal documents: never served as media (sellers/storage.py).
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "private-media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", False)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "no-reply@dastsaz.ir")

# Oscar
# The page cache (shop/pagecache): storefront pages rendered once for guests and buyers, for
# at most this many seconds (0 turns it off); any catalogue, stock or page change drops them.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"  # a page view reads no table
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "60"))
PAGE_CACHE_VIEWS = frozenset(
    {
        "home",
        "wagtail_serve",
        "catalogue:index",
        "catalogue:category",
        "catalogue:detail",
        "search:search",
        "producers:detail",
        "exhibitions:index",
        "exhibitions:month",
        "exhibitions:month-of",
        "exhibitions:detail",
    }
)

OSCAR_SHOP_NAME = _("Dastsaz")
OSCAR_SHOP_TAGLINE = _("Marketplace of Iran's home producers")
OSCAR_DEFAULT_CURRENCY = "IRR"
OSCAR_HOMEPAGE = "/"
OSCAR_PRODUCTS_PER_PAGE = 24
OSCAR_SLUG_ALLOW_UNICODE = True
OSCAR_DYNAMIC_CLASS_LOADER = "shop.class_loader.class_loader"
OSCAR_THUMBNAILER = "catalog.renditions.PillowThumbnailer"
OSCAR_ALLOW_ANON_CHECKOUT = True
OSCAR_EAGER_ALERTS = False  # product alerts are sent when stock comes back (sellers/alerts.py)
# Orders are placed before payment (shop/checkout/services.py).
OSCAR_INITIAL_ORDER_STATUS = "pending-payment"
OSCAR_INITIAL_LINE_STATUS = "pending-payment"
# The statuses staff may set by hand in Oscar's dashboard: none. An order becomes paid,
# cancelled or refunded only through shop/checkout (payment, expiry, the refund screen), which
# keep stock, money and the producers' ledger in step; they use ORDER_STATUS_FLOW.
ORDER_STATUS_FLOW = {
    "pending-payment": ("paid", "cancelled"),
    "paid": ("refunded",),
    "cancelled": (),
    "refunded": (),
}
OSCAR_ORDER_STATUS_PIPELINE = {status: () for status in ORDER_STATUS_FLOW}
OSCAR_LINE_STATUS_PIPELINE = OSCAR_ORDER_STATUS_PIPELINE
OSCAR_ORDER_STATUS_CASCADE = {"paid": "paid", "cancelled": "cancelled", "refunded": "refunded"}
OSCAR_MISSING_IMAGE_URL = "image_not_found.jpg"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL


def _staff_only(user, *args, **kwargs):
    return user.is_active and user.is_staff


OSCAR_DASHBOARD_NAVIGATION = OSCAR_DASHBOARD_NAVIGATION + [  # noqa: F405
    {
        "label": _("Searches without results"),
        "icon": "fas fa-search",
        "url_name": "unmet-demand",
        "access_fn": _staff_only,
    },
    {
        "label": _("Producer applications"),
        "icon": "fas fa-id-card",
        "url_name": "producer-applications",
        "access_fn": _staff_only,
    },
    {
        "label": _("Refunds to transfer"),
        "icon": "fas fa-undo",
        "url_name": "manual-refunds",
        "access_fn": _staff_only,
    },
    {
        "label": _("Commission rates"),
        "icon": "fas fa-percent",
        "url_name": "money-commission",
        "access_fn": _staff_only,
    },
    {
        "label": _("Producer payouts"),
        "icon": "fas fa-money-check-alt",
        "url_name": "money-batches",
        "access_fn": _staff_only,
    },
    {
        "label": _("Producer activity"),
        "icon": "fas fa-heartbeat",
        "url_name": "insights-activity",
        "access_fn": _staff_only,
    },
    {
        "label": _("Demand and supply"),
        "icon": "fas fa-balance-scale",
        "url_name": "insights-market",
        "access_fn": _staff_only,
    },
]

# Wagtail
WAGTAIL_SITE_NAME = "Dastsaz"
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# Text messages (shop/sms): the console backend logs them and keeps them in shop.sms.outbox;
# production sends through Kavenegar (shop/sms/kavenegar.py, settings/production.py).
SMS_BACKEND = env("SMS_BACKEND", "shop.sms.console.ConsoleBackend")
SMS_TIMEOUT_SECONDS = float(env("SMS_TIMEOUT_SECONDS", "5"))
KAVENEGAR_API_KEY = env("KAVENEGAR_API_KEY", "")
SMS_KAVENEGAR_URL = env("SMS_KAVENEGAR_URL", "https://api.kavenegar.com/v1/")
SMS_KAVENEGAR_SENDER = env("KAVENEGAR_SENDER", "")  # empty: the account's default line
# A lookup template (verify/lookup.json) for one-time codes; empty: codes go as plain messages.
SMS_KAVENEGAR_OTP_TEMPLATE = env("KAVENEGAR_OTP_TEMPLATE", "")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party avatars: privacy, and our img-src
WAGTAIL_I18N_ENABLED = True  # Persian pages first; English translations (simple_translation)
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# The admin speaks the editor's choice (account settings) among ours, else the site's language:
# Persian unless the editor picked English with the language cookie.
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_ENABLE_UPDATE_CHECK = False  # the admin would call releases.wagtail.org (connect-src)
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# External services (used by later modules; empty means the embedded default).
ELASTICSEARCH_URL = env("ELASTICSEARCH_URL", "")
ELASTICSEARCH_INDEX = env("ELASTICSEARCH_INDEX", "dastsaz-products")
# Writes become searchable at the index's next refresh (a second); tests refresh at once.
ELASTICSEARCH_REFRESH_ON_WRITE = False
# Zarinpal: our local sandbox server (shop/payments/zarinpal/sandbox.py) unless a real
# merchant id is set and ZARINPAL_SANDBOX is off.
ZARINPAL_MERCHANT_ID = env("ZARINPAL_MERCHANT_ID") or "00000000-0000-0000-0000-000000000000"
ZARINPAL_USE_SANDBOX = env_bool("ZARINPAL_SANDBOX", not env("ZARINPAL_MERCHANT_ID"))
ZARINPAL_SANDBOX_URL = env("ZARINPAL_SANDBOX_URL", "http://127.0.0.1:8001/")
ZARINPAL_TIMEOUT_SECONDS = int(env("ZARINPAL_TIMEOUT_SECONDS", "10"))

# Content-Security-Policy (django-csp). Scripts only from our own static files, plus inline
# blocks that carry the request's nonce (`{{ request.csp_nonce }}`); no inline handlers
# (onclick=…) anywhere: shop/static/dastsaz/behaviour.js does their work. Styles may be
# inline: Oscar's and Wagtail's widgets (TinyMCE, select2, Draftail) set style attributes, and
# a style cannot run code. Forms may post, and redirect after posting, to us and to the payment
# gateway (Chrome applies form-action to the redirect to Zarinpal; the gateway in use is added
# per request by shop.middleware.ContentSecurityPolicyMiddleware). Add origins with
# CSP_EXTRA_FORM_ACTION / CSP_EXTRA_IMG_SRC (space-separated) when a deployment needs them.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:", *env("CSP_EXTRA_IMG_SRC", "").split()],
        "font-src": [SELF, "data:"],
        "connect-src": [SELF],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],  # Wagtail previews the page in a frame of its own
        "form-action": [SELF, *env("CSP_EXTRA_FORM_ACTION", "").split()],  # + the gateway
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}
# An unpaid order waits for the gateway to say what became of a payment; after this long
# without an answer the payment is abandoned unverified (the bank returns any money).
PAYMENT_GIVE_UP_AFTER = timedelta(hours=int(env("PAYMENT_GIVE_UP_AFTER_HOURS", "6")))

# Where the demo command finds its reference data (shipped in catalog/reference/).
REFERENCE_DATA_DIR = BASE_DIR / "catalog" / "reference"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        # search.selectors logs Elasticsearch outages once; the client would log every retry.
        "elastic_transport": {"level": "ERROR"},
        "elasticsearch": {"level": "ERROR"},
    },
}

# Product search and listings (search/backends/); Elasticsearch arrives with the search issue.
SEARCH_BACKEND = env("SEARCH_BACKEND", "search.backends.database.DatabaseBackend")

# We replace Oscar's `currency_filters` library on purpose (TEMPLATES above).
SILENCED_SYSTEM_CHECKS = ["templates.W003"]

# Celery: background and scheduled work (shop/celery.py, tasks.py per app).
# With REDIS_URL the broker is Redis and `celery -A shop worker -B` runs tasks and schedules;
# without it (make run, development) tasks run inline and nothing is scheduled.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", env("REDIS_URL") or "memory://")
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not env("CELERY_BROKER_URL", env("REDIS_URL"))
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
CELERY_BEAT_SCHEDULE = {
    "reconcile-payments": {
        "task": "shop.checkout.tasks.reconcile_payments",
        "schedule": 5 * 60,
    },
    "expire-pending-orders": {
        "task": "shop.checkout.tasks.expire_pending_orders",
        "schedule": 10 * 60,
    },
    "licence-housekeeping": {  # reminders 30 and 7 days ahead; expired licences hide listings
        "task": "sellers.tasks.licence_housekeeping",
        "schedule": crontab(hour=6, minute=0),
    },
    # Exhibitions start and close by their dates; booth fees unpaid past their time expire.
    "exhibitions-housekeeping": {
        "task": "exhibitions.tasks.exhibitions_housekeeping",
        "schedule": 15 * 60,
    },
    # Producer activity and the early warning: figures for the pages, nudges to the quiet.
    "insights-refresh-activity": {
        "task": "insights.tasks.refresh_activity",
        "schedule": crontab(hour=5, minute=0),
    },
    # Saturday morning (07:00 in Tehran): the week that ended on Friday.
    "insights-refresh-market": {
        "task": "insights.tasks.refresh_market",
        "schedule": crontab(hour=3, minute=30, day_of_week="saturday"),
    },
}

# Producers' money (sellers/money): the commission without any rate row (hundredths of a
# percent), the days a delivered sale is held before it may be paid out (returns, disputes),
# and the smallest balance a payout batch pays (Rials).
SELLER_DEFAULT_COMMISSION_BP = int(env("SELLER_DEFAULT_COMMISSION_BP", "1000"))
SELLER_PAYOUT_HOLD_DAYS = int(env("SELLER_PAYOUT_HOLD_DAYS", "7"))
SELLER_PAYOUT_THRESHOLD_RIALS = int(env("SELLER_PAYOUT_THRESHOLD_RIALS", "1000000"))
