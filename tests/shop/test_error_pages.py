"""The 404 and 500 pages: Persian, right to left, in the site's look, with a way on."""

import pytest
from django.template import loader
from django.urls import include, path
from django.utils import translation
from django.utils.translation import gettext

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("a page that fails")


# This module doubles as a URLconf: the site's addresses plus one that always fails.
urlpatterns = [path("broken/", broken_view), path("", include("shop.urls"))]


@pytest.fixture
def live_settings(settings):
    """As in production: DEBUG off, so Django shows the 404 and 500 templates."""
    settings.DEBUG = False
    settings.ROOT_URLCONF = __name__
    return settings


def persian(msgid):
    with translation.override("fa"):
        return gettext(msgid)


def test_an_unknown_address_gets_the_persian_not_found_page_with_search_and_home(
    client, reference_data, live_settings
):
    response = client.get("/no-such-page-here/")
    assert response.status_code == 404
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl"' in html
    assert "bootstrap-rtl.min.css" in html and "dastsaz/dastsaz.css" in html
    assert persian("We could not find this page") in html
    assert f"<title>{persian('Page not found')} | {persian('Dastsaz')}</title>" in html
    assert 'data-testid="not-found-search"' in html and 'action="/search/"' in html
    assert 'data-testid="home-link"' in html
    assert "۴۰۴" in html


def test_a_missing_product_gets_the_persian_not_found_page(client, reference_data, live_settings):
    response = client.get("/catalogue/no-such-product_999999/")
    assert response.status_code == 404
    assert 'data-testid="not-found"' in response.content.decode()


def test_a_failing_page_gets_the_persian_server_error_page(client, reference_data, live_settings):
    client.raise_request_exception = False
    response = client.get("/broken/")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in html
    assert persian("Something went wrong on our side") in html
    assert "bootstrap-rtl.min.css" in html and "dastsaz/favicon.svg" in html
    assert 'data-testid="home-link"' in html and "۵۰۰" in html


def test_the_server_error_page_needs_no_request_and_no_database(django_assert_num_queries):
    with translation.override("en"), django_assert_num_queries(0):
        html = loader.get_template("500.html").render()
    assert '<html lang="fa" dir="rtl">' in html
    assert persian("Something went wrong on our side") in html
