"""Ways in to the exhibitions: the storefront header, the home page's section (running and
coming exhibitions) and the seller panel home's list of exhibitions open for applications."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from exhibitions.models import Exhibition
from shop.persian.dates import format_jalali_date
from tests.factories import ExhibitionFactory, OrganizerFactory

pytestmark = pytest.mark.django_db

HOME_CEILING = 10  # 8 today, one of them the exhibitions
PANEL_HOME_CEILING = 15  # 13 today


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def permanent(**fields):
    return ExhibitionFactory(
        kind="permanent", status="running", starts_on=days(-60), ends_on=None,
        applications_open_on=days(-90), applications_close_on=days(300), **fields,
    )  # fmt: skip


def count_queries(client, url):
    client.get(url)  # warm: session, basket and caches
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/", "/catalogue/"])
def test_the_storefront_header_links_to_the_exhibitions(client, reference_data, url):
    html = client.get(url).content.decode()
    assert 'href="/exhibitions/" data-testid="exhibitions-link"' in html


def test_the_home_page_shows_three_exhibitions_open_now_first_then_the_soonest_coming(
    client, reference_data
):
    open_now = permanent(title="بازارچه دائمی پارک ائل‌گلی")
    soon = ExhibitionFactory(title="نمایشگاه نوروزی اصفهان", starts_on=days(10))
    later = ExhibitionFactory(title="نمایشگاه پاییزه شیراز", starts_on=days(40))
    latest = ExhibitionFactory(title="نمایشگاه یلدا", starts_on=days(70))

    response = client.get("/")

    assert response.context["exhibitions"] == [open_now, soon, later]
    html = response.content.decode()
    assert 'data-testid="home-exhibitions"' in html
    assert 'href="/exhibitions/" data-testid="all-exhibitions-link"' in html
    assert f'href="/exhibitions/{soon.slug}/"' in html
    assert latest.title not in html
    # Seasonal dates in the Jalali calendar with Persian digits, and the place.
    assert format_jalali_date(soon.starts_on) in html and format_jalali_date(soon.ends_on) in html
    assert soon.venue.city.name_fa in html
    assert response.context["exhibitions"][0].is_open_now
    assert not response.context["exhibitions"][1].is_open_now


def test_the_home_page_leaves_out_drafts_closed_finished_and_inactive_organizers(
    client, reference_data
):
    ExhibitionFactory(status="draft")
    started = {"starts_on": days(-20), "applications_open_on": days(-40)}
    ExhibitionFactory(status="closed", **started)
    finished = ExhibitionFactory(status="running", **started)
    Exhibition.objects.filter(pk=finished.pk).update(ends_on=days(-1))
    ExhibitionFactory(organizer=OrganizerFactory(is_active=False))

    response = client.get("/")

    assert response.context["exhibitions"] == []
    assert 'data-testid="home-exhibitions"' not in response.content.decode()


@pytest.mark.usefixtures("page_cache_off")
def test_the_home_page_exhibitions_cost_the_same_queries_for_one_or_three(
    client, reference_data, django_assert_max_num_queries
):
    permanent()
    one = count_queries(client, "/")
    ExhibitionFactory()
    ExhibitionFactory()
    assert count_queries(client, "/") == one
    with django_assert_max_num_queries(HOME_CEILING):
        response = client.get("/")
    assert len(response.context["exhibitions"]) == 3


def test_the_panel_home_lists_three_exhibitions_taking_applications(producer_client):
    client, _producer = producer_client
    first = ExhibitionFactory(title="نمایشگاه نوروزی اصفهان", starts_on=days(10))
    running = permanent(title="بازارچه پایانه ارومیه")
    ExhibitionFactory(starts_on=days(20))
    ExhibitionFactory(starts_on=days(30))
    not_yet = ExhibitionFactory(
        title="نمایشگاه تابستانه", starts_on=days(200), applications_open_on=days(100)
    )
    draft = ExhibitionFactory(title="پیش‌نویس", status="draft")

    response = client.get(reverse("seller:home"))

    shown = list(response.context["exhibitions"])
    assert shown[:2] == [running, first] and len(shown) == 3
    html = response.content.decode()
    assert 'data-testid="home-exhibitions"' in html
    for exhibition in shown:  # each opens its application form
        assert f'href="{reverse("seller:exhibition-apply", args=[exhibition.pk])}"' in html
    assert f'href="{reverse("seller:exhibitions")}"' in html
    assert format_jalali_date(first.applications_close_on) in html
    assert not_yet.title not in html and draft.title not in html


def test_the_panel_home_has_no_exhibitions_block_when_none_takes_applications(producer_client):
    client, _producer = producer_client
    ExhibitionFactory(status="draft")
    html = client.get(reverse("seller:home")).content.decode()
    assert 'data-testid="home-exhibitions"' not in html


def test_the_panel_home_exhibitions_cost_the_same_queries_for_one_or_three(
    producer_client, django_assert_max_num_queries
):
    client, _producer = producer_client
    ExhibitionFactory()
    one = count_queries(client, reverse("seller:home"))
    ExhibitionFactory()
    permanent()
    assert count_queries(client, reverse("seller:home")) == one
    with django_assert_max_num_queries(PANEL_HOME_CEILING):
        client.get(reverse("seller:home"))
