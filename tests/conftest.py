import shutil
import tempfile

import pytest
from django.conf import settings as django_settings

from catalog.services import seed_reference_data
from shop.payments.zarinpal import sandbox


def pytest_configure(config):
    # Uploads and renditions of a test run go to a folder of their own.
    django_settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="dastsaz-media-")
    django_settings.PRIVATE_MEDIA_ROOT = tempfile.mkdtemp(prefix="dastsaz-private-")


def pytest_unconfigure(config):
    shutil.rmtree(django_settings.MEDIA_ROOT, ignore_errors=True)
    shutil.rmtree(django_settings.PRIVATE_MEDIA_ROOT, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    # Browser journeys and other transactional tests (a real Celery worker) flush the database
    # after themselves; run them last so the seeded reference data stays for every other test.
    items.sort(key=flushes_database)


def flushes_database(item):
    if item.get_closest_marker("e2e") is not None:
        return True
    marker = item.get_closest_marker("django_db")
    return marker is not None and marker.kwargs.get("transaction", False)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        seed_reference_data()


@pytest.fixture
def reference_data(db):
    """Provinces, product classes and craft categories (seeded once per session)."""
    seed_reference_data()  # no-op when present; restores it after a flush


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache (home page lists are cached)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def page_cache_off(settings):
    """Every request renders its page: for tests of what rendering costs (query ceilings)
    or of the view's context. What a cached page costs: tests/shop/test_page_cache.py."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def sms_outbox():
    """The console SMS backend's outbox, empty for each test (like mail.outbox)."""
    from shop import sms

    sms.outbox.clear()
    yield sms.outbox
    sms.outbox.clear()


@pytest.fixture(scope="session")
def sandbox_server():
    """Our Zarinpal sandbox on a free port, over real HTTP, for the whole test session."""
    server = sandbox.start(port=0)
    yield server
    server.shutdown()
    server.server_close()


@pytest.fixture
def zarinpal(sandbox_server, settings):
    """Point the Zarinpal adapter at the sandbox; a clean gateway for each test."""
    sandbox_server.sandbox.reset()
    settings.ZARINPAL_USE_SANDBOX = True
    settings.ZARINPAL_SANDBOX_URL = sandbox_server.url
    settings.ZARINPAL_MERCHANT_ID = sandbox.SANDBOX_MERCHANT_ID
    settings.ZARINPAL_TIMEOUT_SECONDS = 2
    return sandbox_server
