import shutil
import tempfile

import pytest
from django.conf import settings as django_settings

from catalog.services import seed_reference_data


def pytest_configure(config):
    # Uploads and renditions of a test run go to a folder of their own.
    django_settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="dastsaz-media-")


def pytest_unconfigure(config):
    shutil.rmtree(django_settings.MEDIA_ROOT, ignore_errors=True)


def pytest_collection_modifyitems(config, items):
    # Browser journeys use a live server and flush the database after themselves;
    # run them last so the seeded reference data stays for every other test.
    items.sort(key=lambda item: item.get_closest_marker("e2e") is not None)


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
