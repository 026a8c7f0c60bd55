from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Each test run writes uploads to its own folder (set by tests/conftest.py).
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
SERVE_MEDIA = True
# Tests search the database unless they ask for Elasticsearch (tests/search/conftest.py), so
# the rest of the suite never reads an index that other tests filled.
ELASTICSEARCH_TEST_URL = ELASTICSEARCH_URL  # noqa: F405
ELASTICSEARCH_URL = ""
ELASTICSEARCH_INDEX = "dastsaz-test-products"
ELASTICSEARCH_REFRESH_ON_WRITE = True
# Celery: tasks run inline in tests; tests/test_celery_worker.py starts a real worker itself.
CELERY_TASK_ALWAYS_EAGER = True
# Text messages go to shop.sms.outbox whatever the environment says.
SMS_BACKEND = "shop.sms.console.ConsoleBackend"
