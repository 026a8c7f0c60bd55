"""The public exhibition pages: the list, the Jalali month view and each exhibition's page."""

import datetime
import re

import jdatetime
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from catalog.models import Province
from exhibitions import fees, services
from exhibitions.models import Exhibition, OpeningHours
from tests.factories import (
    ExhibitionFactory,
    OrganizerFactory,
    ProducerFactory,
    VenueFactory,
    booth_grid,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate
DAY = datetime.timedelta(days=1)


def running(**fields):
    """A seasonal fair open to visitors today."""
    today = TODAY()
    defaults = {
        "status": "running",
        "starts_on": today - 2 * DAY,
        "ends_on": today + 2 * DAY,
        "applications_open_on": today - 30 * DAY,
        "applications_close_on": today - 3 * DAY,
    }
    return ExhibitionFactory(**{**defaults, **fields})


def permanent(**fields):
    today = TODAY()
    defaults = {
        "kind": "permanent",
        "status": "running",
        "starts_on": today - 60 * DAY,
        "ends_on": None,
        "applications_open_on": today - 90 * DAY,
        "applications_close_on": today + 300 * DAY,
    }
    return ExhibitionFactory(**{**defaults, **fields})


def in_province(code, **fields):
    organizer = OrganizerFactory(province=Province.objects.get(code=code))
    return ExhibitionFactory(organizer=organizer, **fields)


def slugs_listed(response):
    return re.findall(r'data-testid="exhibition-card" data-slug="([^"]+)"', response.text)


def paid_application(exhibition, producer, booth, by):
    application = services.apply(exhibition, producer, preferred_kind="standard")
    services.accept(application, booth, by)
    return fees.record_cash(application, by)


def accepted_application(exhibition, producer, booth, by):
    application = services.apply(exhibition, producer, preferred_kind="standard")
    return services.accept(application, booth, by)


# ---- the list ------------------------------------------------------------------------


def test_list_shows_running_exhibitions_first_then_upcoming(reference_data, client):
    later = ExhibitionFactory(slug="later", starts_on=TODAY() + 20 * DAY)
    sooner = ExhibitionFactory(slug="sooner")
    now = running(slug="now")
    park = permanent(slug="park")

    response = client.get(reverse("exhibitions:index"))

    assert response.status_code == 200
    assert slugs_listed(response) == [park.slug, now.slug, sooner.slug, later.slug]
    html = response.text
    assert html.index('data-testid="running"') < html.index('data-slug="now"')
    assert html.index('data-slug="now"') < html.index('data-testid="upcoming"')
    assert html.index('data-testid="upcoming"') < html.index('data-slug="sooner"')


def test_list_hides_drafts_finished_closed_and_inactive_organizers(reference_data, client):
    ExhibitionFactory(slug="draft", status="draft")
    ExhibitionFactory(slug="closed", status="closed")
    running(slug="over", starts_on=TODAY() - 9 * DAY, ends_on=TODAY() - DAY)
    ExhibitionFactory(slug="hidden", organizer=OrganizerFactory(is_active=False))
    shown = ExhibitionFactory(slug="shown")

    response = client.get(reverse("exhibitions:index"))

    assert slugs_listed(response) == [shown.slug]


def test_list_card_gives_venue_city_jalali_dates_status_and_link(reference_data, client):
    fair = ExhibitionFactory(
        slug="nowruz",
        starts_on=jdatetime.date(1406, 1, 10).togregorian(),
        ends_on=jdatetime.date(1406, 1, 14).togregorian(),
    )

    response = client.get(reverse("exhibitions:index"))

    card = response.text.split('data-slug="nowruz"')[1].split("</article>")[0]
    assert fair.get_absolute_url() in card
    assert fair.venue.name in card
    assert fair.venue.city.name_fa in card
    assert "۱۰ فروردین ۱۴۰۶" in card and "۱۴ فروردین ۱۴۰۶" in card
    assert 'data-testid="status"' in card


def test_list_filters_by_province_with_links_for_provinces_that_have_exhibitions(
    reference_data, client
):
    isfahan = in_province("ISF", slug="isfahan")
    tabriz = in_province("AZE", slug="tabriz")

    everything = client.get(reverse("exhibitions:index"))
    response = client.get(reverse("exhibitions:index"), {"province": "AZE"})

    assert set(slugs_listed(everything)) == {isfahan.slug, tabriz.slug}
    assert slugs_listed(response) == [tabriz.slug]
    assert response.context["province"].code == "AZE"
    links = {url for _label, url, _active in everything.context["province_links"]}
    assert links == {reverse("exhibitions:index"), "?province=ISF", "?province=AZE"}
    # The province's own feed is offered.
    assert reverse("exhibitions:province-calendar", args=["AZE"]) in response.text


def test_list_filters_by_kind_and_keeps_the_province(reference_data, client):
    park = in_province("AZE", slug="park", kind="permanent", ends_on=None)
    in_province("AZE", slug="fair")
    in_province("ISF", slug="elsewhere", kind="permanent", ends_on=None)

    response = client.get(reverse("exhibitions:index"), {"province": "AZE", "kind": "permanent"})

    assert slugs_listed(response) == [park.slug]
    kind_links = {url for _label, url, _active in response.context["kind_links"]}
    assert kind_links == {
        "?province=AZE",
        "?province=AZE&kind=permanent",
        "?province=AZE&kind=seasonal",
    }


def test_list_ignores_an_unknown_province_or_kind(reference_data, client):
    fair = ExhibitionFactory(slug="fair")

    response = client.get(reverse("exhibitions:index"), {"province": "XXX", "kind": "weekly"})

    assert response.status_code == 200
    assert slugs_listed(response) == [fair.slug]
    assert response.context["province"] is None and response.context["kind"] is None


def test_list_says_so_when_nothing_is_on(reference_data, client):
    response = client.get(reverse("exhibitions:index"))

    assert 'data-testid="no-exhibitions"' in response.text


def test_list_pages_at_twenty_within_a_query_ceiling(
    reference_data, client, django_assert_max_num_queries
):
    organizer = OrganizerFactory()
    venue = VenueFactory(organizer=organizer)
    for _ in range(25):
        ExhibitionFactory(organizer=organizer, venue=venue)

    with django_assert_max_num_queries(8):  # 6, + the navigation when the cache is cold
        first = client.get(reverse("exhibitions:index"))
    second = client.get(reverse("exhibitions:index"), {"page": 2})

    assert len(slugs_listed(first)) == 20
    assert len(slugs_listed(second)) == 5
    assert 'rel="next"' in first.text


# ---- the month view ------------------------------------------------------------------


def farvardin_1406(client):
    return client.get(reverse("exhibitions:month-of", args=[1406, 1]))


def cell(response, jalali_day):
    """The month grid's day, by its day of the month."""
    for week in response.context["weeks"]:
        for day in week:
            if day and day.jalali.day == jalali_day:
                return day
    raise AssertionError(jalali_day)


def test_month_lists_a_seasonal_fair_on_each_of_its_days(reference_data, client):
    fair = ExhibitionFactory(
        slug="nowruz",
        starts_on=jdatetime.date(1406, 1, 10).togregorian(),
        ends_on=jdatetime.date(1406, 1, 14).togregorian(),
    )

    response = farvardin_1406(client)

    assert response.status_code == 200
    for day in range(10, 15):
        assert cell(response, day).open == [fair]
    assert cell(response, 9).open == [] and cell(response, 15).open == []
    assert len([d for week in response.context["weeks"] for d in week if d]) == 31
    # 21 March 2027 is a Sunday: the first week starts on Saturday with one empty cell.
    first_week = response.context["weeks"][0]
    assert first_week[0] is None and first_week[1].jalali.day == 1
    assert all(len(week) == 7 for week in response.context["weeks"])
    # The day cell links the fair, with the day in Persian digits.
    html = response.text
    tenth = html.split(f'data-date="{fair.starts_on:%Y-%m-%d}"')[1].split("</td>")[0]
    assert 'data-exhibition="nowruz"' in tenth and "۱۰" in tenth


def test_month_shows_an_exhibition_closed_on_weekdays_without_hours(reference_data, client):
    park = permanent(slug="park", starts_on=datetime.date(2027, 1, 1))
    for weekday in range(6):  # Saturday to Thursday
        OpeningHours.objects.create(
            exhibition=park,
            weekday=weekday,
            opens_at=datetime.time(9),
            closes_at=datetime.time(18),
        )

    response = farvardin_1406(client)

    friday = cell(response, 6)  # 6 Farvardin 1406 = Friday 26 March 2027
    assert friday.date.weekday() == 4
    assert friday.open == [] and friday.closed == [park]
    assert cell(response, 7).open == [park]
    assert 'data-closed="park"' in response.text


def test_month_leaves_out_drafts_and_inactive_organizers(reference_data, client):
    first = jdatetime.date(1406, 1, 10).togregorian()
    ExhibitionFactory(status="draft", starts_on=first)
    ExhibitionFactory(organizer=OrganizerFactory(is_active=False), starts_on=first)

    response = farvardin_1406(client)

    assert all(not d.open for week in response.context["weeks"] for d in week if d)


def test_month_links_the_months_before_and_after(reference_data, client):
    response = farvardin_1406(client)

    assert response.context["previous_url"] == reverse("exhibitions:month-of", args=[1405, 12])
    assert response.context["next_url"] == reverse("exhibitions:month-of", args=[1406, 2])


def test_month_without_arguments_is_this_jalali_month(reference_data, client):
    this_month = jdatetime.date.fromgregorian(date=TODAY())

    response = client.get(reverse("exhibitions:month"))

    assert response.status_code == 200
    assert (response.context["month"].year, response.context["month"].month) == (
        this_month.year,
        this_month.month,
    )
    today = [d for week in response.context["weeks"] for d in week if d and d.is_today]
    assert len(today) == 1 and 'aria-current="date"' in response.text


@pytest.mark.parametrize("year, month", [(1406, 13), (1406, 0), (1200, 1), (2027, 3)])
def test_month_out_of_range_is_404(reference_data, client, year, month):
    response = client.get(reverse("exhibitions:month-of", args=[year, month]))

    assert response.status_code == 404


def test_month_within_a_query_ceiling(reference_data, client, django_assert_max_num_queries):
    start = jdatetime.date(1406, 1, 1).togregorian()
    for offset in range(10):
        ExhibitionFactory(starts_on=start + offset * DAY, ends_on=start + 20 * DAY)

    with django_assert_max_num_queries(6):  # 4, + the navigation when the cache is cold
        response = farvardin_1406(client)

    assert len(cell(response, 10).open) == 10


# ---- an exhibition's page ------------------------------------------------------------


def detail(client, exhibition):
    return client.get(reverse("exhibitions:detail", kwargs={"slug": exhibition.slug}))


def booth_states(response):
    """{booth code: state} from the text list beside the plan."""
    return dict(
        re.findall(
            r'<tr class="booth-row[^"]*" data-booth="(\w+)" data-state="(\w+)"', response.text
        )
    )


def booth_row(response, code):
    """The text list's row of one booth."""
    return re.search(
        rf'<tr class="booth-row[^"]*" data-booth="{code}".*?</tr>', response.text, re.S
    )[0]


@pytest.fixture
def booked_fair(fair, organizer_client, producer_client):
    """The fair with the viewer's booth B2 paid, A1 paid by another producer and A3 accepted
    but unpaid."""
    _client, organizer = organizer_client
    _viewer, producer = producer_client
    by = organizer_client[0].user
    booths = {booth.code: booth for booth in fair.booths.all()}
    paid_application(fair, producer, booths["B2"], by)
    other = ProducerFactory(name="سفال‌گری لالجین", slug="laljin")
    paid_application(fair, other, booths["A1"], by)
    unpaid = ProducerFactory(name="منبت نیمه‌کاره", slug="unpaid")
    accepted_application(fair, unpaid, booths["A3"], by)
    fair.other, fair.unpaid = other, unpaid
    return fair


def test_page_plan_shows_free_taken_and_yours_to_a_producer(booked_fair, producer_client):
    viewer, _producer = producer_client

    response = detail(viewer, booked_fair)

    assert response.status_code == 200
    states = booth_states(response)
    assert len(states) == 20
    assert states["B2"] == "yours"
    assert states["A1"] == "taken" and states["A3"] == "taken"
    assert states["A2"] == "free" and states["D5"] == "free"
    svg = response.text.split("<svg")[1].split("</svg>")[0]
    assert 'data-booth="B2" data-state="yours"' in svg
    assert 'class="floor-plan-legend' in response.text


def test_page_plan_names_the_holder_of_a_paid_booth_only(booked_fair, client):
    response = detail(client, booked_fair)

    states = booth_states(response)
    assert "yours" not in states.values()
    assert states["B2"] == "taken"
    assert booked_fair.other.name in booth_row(response, "A1")
    assert booked_fair.unpaid.name not in booth_row(response, "A3")
    assert 'data-testid="holder"' not in booth_row(response, "A3")


def test_page_links_producers_with_a_confirmed_booth(booked_fair, client, producer_client):
    _viewer, producer = producer_client

    response = detail(client, booked_fair)

    section = response.text.split('data-testid="participants"')[1].split("</section>")[0]
    assert f'href="{booked_fair.other.get_absolute_url()}"' in section
    assert f'href="{producer.get_absolute_url()}"' in section
    assert booked_fair.unpaid.name not in section


def test_page_gives_venue_map_hours_dates_and_calendar_links(reference_data, client):
    fair = ExhibitionFactory(
        starts_on=jdatetime.date(1406, 1, 10).togregorian(),
        ends_on=jdatetime.date(1406, 1, 14).togregorian(),
        description="صنایع دستی استان در بیست غرفه.",
    )
    OpeningHours.objects.create(
        exhibition=fair, weekday=0, opens_at=datetime.time(9), closes_at=datetime.time(21)
    )

    response = detail(client, fair)

    html = response.text
    assert fair.venue.map_url.replace("&", "&amp;") in html
    assert "openstreetmap.org" in html and 'target="_blank"' in html
    assert fair.venue.address in html and fair.description in html
    assert "۰۹:۰۰" in html and "۲۱:۰۰" in html and 'data-weekday="0"' in html
    assert "۱۰ فروردین ۱۴۰۶" in html
    assert (
        f'<link rel="alternate" type="text/calendar" title="{fair.venue.province}" '
        f'href="{reverse("exhibitions:province-calendar", args=["ISF"])}">'
    ) in html
    assert f'href="{reverse("exhibitions:calendar")}"' in html


def test_page_offers_to_apply_while_applications_are_taken(reference_data, client):
    fair = ExhibitionFactory()
    over = running()

    open_page = detail(client, fair)
    running_page = detail(client, over)

    assert f'href="/seller/exhibitions/{fair.pk}/apply/"' in open_page.text
    assert 'data-testid="apply"' not in running_page.text


def test_page_of_a_closed_exhibition_is_still_public(reference_data, client):
    fair = ExhibitionFactory(status="closed")

    response = detail(client, fair)

    assert response.status_code == 200
    assert 'data-testid="apply"' not in response.text


def test_page_of_a_draft_is_404_even_to_its_organizer(organizer_client):
    client, organizer = organizer_client
    draft = ExhibitionFactory(organizer=organizer, status=Exhibition.Status.DRAFT)

    assert detail(client, draft).status_code == 404
    assert detail(Client(), draft).status_code == 404


def test_page_of_an_inactive_organizers_exhibition_is_404(reference_data, client):
    fair = ExhibitionFactory(organizer=OrganizerFactory(is_active=False))

    assert detail(client, fair).status_code == 404


def test_page_of_an_unknown_slug_is_404(reference_data, client):
    response = client.get(reverse("exhibitions:detail", kwargs={"slug": "no-such-fair"}))

    assert response.status_code == 404


def test_page_within_a_query_ceiling(booked_fair, producer_client, django_assert_max_num_queries):
    """Six queries are the page's own (exhibition, hours, viewer's producer, holds, booths,
    participants), whatever the number of booths; the rest is the storefront's frame for a
    signed-in account (session, user, basket, notifications, permissions, craft menu, and
    the navigation from Wagtail's settings when the cache is cold)."""
    viewer, _producer = producer_client

    with django_assert_max_num_queries(23):
        response = detail(viewer, booked_fair)

    assert response.status_code == 200
    assert len(booth_states(response)) == 20


def test_fair_without_booths_has_no_plan(reference_data, client):
    fair = ExhibitionFactory()

    response = detail(client, fair)

    assert 'data-testid="floor-plan"' not in response.text


def test_whole_ten_square_metre_booth_is_written_as_a_number(reference_data, client):
    fair = ExhibitionFactory()
    booth_grid(fair, rows=1, columns=1)
    fair.booths.update(size_m2=10)

    response = detail(client, fair)

    assert "1E+1" not in response.text
    assert "۱۰" in booth_row(response, "A1")
