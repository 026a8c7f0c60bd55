"""The iCal feeds: parsed back with the `icalendar` package, as a phone calendar would."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from catalog.models import Province
from exhibitions.models import OpeningHours
from tests.factories import ExhibitionFactory, OrganizerFactory, VenueFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def feed(client, province_code=None):
    if province_code is None:
        response = client.get(reverse("exhibitions:calendar"))
    else:
        response = client.get(reverse("exhibitions:province-calendar", args=[province_code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events_by_uid(calendar):
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid(exhibition):
    return f"exhibition-{exhibition.pk}@dastsaz.ir"


@pytest.fixture
def tabriz_park(reference_data):
    organizer = OrganizerFactory(province=Province.objects.get(code="AZE"))
    park = ExhibitionFactory(
        organizer=organizer,
        title="بازارچه دائمی ائل‌گلی تبریز",
        slug="tabriz-park",
        kind="permanent",
        status="running",
        starts_on=datetime.date(2026, 4, 1),
        ends_on=None,
        applications_open_on=datetime.date(2026, 3, 1),
        applications_close_on=datetime.date(2027, 3, 1),
    )
    OpeningHours.objects.create(
        exhibition=park, weekday=0, opens_at=datetime.time(16), closes_at=datetime.time(22)
    )
    return park


@pytest.fixture
def isfahan_fair(reference_data):
    return ExhibitionFactory(
        title="نمایشگاه نوروزی اصفهان",
        slug="isfahan-nowruz",
        starts_on=datetime.date(2027, 3, 30),
        ends_on=datetime.date(2027, 4, 3),
        applications_open_on=datetime.date(2026, 11, 1),
        applications_close_on=datetime.date(2027, 3, 20),
        description="بیست غرفه از صنایع دستی استان.",
    )


def test_feed_is_a_valid_calendar_for_phones(isfahan_fair, client):
    calendar = feed(client)

    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]) == "-//Dastsaz//Exhibitions//FA"
    assert str(calendar["CALSCALE"]) == "GREGORIAN"
    assert str(calendar["X-WR-TIMEZONE"]) == "Asia/Tehran"
    assert str(calendar["X-WR-CALNAME"])
    event = calendar.walk("VEVENT")[0]
    for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
        assert required in event


def test_seasonal_fair_is_an_all_day_event_ending_the_day_after_its_last_day(isfahan_fair, client):
    event = events_by_uid(feed(client))[uid(isfahan_fair)]

    assert event.decoded("DTSTART") == datetime.date(2027, 3, 30)
    assert event.decoded("DTEND") == datetime.date(2027, 4, 4)
    assert event["DTSTART"].params["VALUE"] == "DATE"
    assert str(event["SUMMARY"]) == "نمایشگاه نوروزی اصفهان"
    assert "بیست غرفه از صنایع دستی استان." in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CONFIRMED"
    assert str(event["URL"]) == "http://testserver/exhibitions/isfahan-nowruz/"


def test_event_gives_the_venue_and_its_coordinates(isfahan_fair, client):
    event = events_by_uid(feed(client))[uid(isfahan_fair)]

    venue = isfahan_fair.venue
    location = str(event["LOCATION"])
    assert venue.name in location and venue.address in location
    assert venue.city.name_fa in location
    geo = event["GEO"]
    assert (geo.latitude, geo.longitude) == (32.657, 51.677)


def test_event_without_coordinates_has_no_geo(reference_data, client):
    venue = VenueFactory(latitude=None, longitude=None)
    fair = ExhibitionFactory(organizer=venue.organizer, venue=venue)

    event = events_by_uid(feed(client))[uid(fair)]

    assert "GEO" not in event


def test_permanent_exhibition_is_one_all_day_event_on_its_first_day(tabriz_park, client):
    event = events_by_uid(feed(client))[uid(tabriz_park)]

    assert event.decoded("DTSTART") == datetime.date(2026, 4, 1)
    assert event.decoded("DTEND") == datetime.date(2026, 4, 2)
    assert "RRULE" not in event
    assert "بازارچه دائمی ائل‌گلی تبریز" in str(event["SUMMARY"])
    # Its opening hours are in the description, in Persian digits.
    assert "۱۶:۰۰" in str(event["DESCRIPTION"])


def test_feed_leaves_out_drafts_and_inactive_organizers(isfahan_fair, tabriz_park, client):
    draft = ExhibitionFactory(status="draft")
    hidden = ExhibitionFactory(organizer=OrganizerFactory(is_active=False))

    events = events_by_uid(feed(client))

    assert set(events) == {uid(isfahan_fair), uid(tabriz_park)}
    assert uid(draft) not in events and uid(hidden) not in events


def test_uids_are_unique_and_stable_between_requests(isfahan_fair, tabriz_park, client):
    ExhibitionFactory.create_batch(3)

    first = [str(e["UID"]) for e in feed(client).walk("VEVENT")]
    second = [str(e["UID"]) for e in feed(client).walk("VEVENT")]

    assert len(first) == len(set(first)) == 5
    assert first == second


def test_exhibition_closed_before_it_opened_is_cancelled(reference_data, client):
    called_off = ExhibitionFactory(status="closed")
    held = ExhibitionFactory(
        status="closed",
        starts_on=timezone.localdate() - 10 * DAY,
        ends_on=timezone.localdate() - 6 * DAY,
        applications_open_on=timezone.localdate() - 40 * DAY,
        applications_close_on=timezone.localdate() - 11 * DAY,
    )

    events = events_by_uid(feed(client))

    assert str(events[uid(called_off)]["STATUS"]) == "CANCELLED"
    assert str(events[uid(held)]["STATUS"]) == "CONFIRMED"


def test_province_feed_holds_only_that_provinces_exhibitions(isfahan_fair, tabriz_park, client):
    calendar = feed(client, "AZE")

    assert set(events_by_uid(calendar)) == {uid(tabriz_park)}
    assert str(calendar["X-WR-CALNAME"]) != str(feed(client)["X-WR-CALNAME"])


def test_province_feed_accepts_a_lower_case_code(tabriz_park, client):
    assert set(events_by_uid(feed(client, "aze"))) == {uid(tabriz_park)}


def test_unknown_province_feed_is_404(reference_data, client):
    response = client.get(reverse("exhibitions:province-calendar", args=["XXX"]))

    assert response.status_code == 404


def test_empty_feed_is_still_a_calendar(reference_data, client):
    calendar = feed(client)

    assert calendar.walk("VEVENT") == []
    assert str(calendar["VERSION"]) == "2.0"


def test_feed_within_a_query_ceiling(
    isfahan_fair, tabriz_park, client, django_assert_max_num_queries
):
    ExhibitionFactory.create_batch(10)

    with django_assert_max_num_queries(3):
        calendar = feed(client)

    assert len(calendar.walk("VEVENT")) == 12
