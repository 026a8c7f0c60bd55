"""The organizer panel at /organizer/: venues, exhibitions with Jalali dates, opening hours,
booths one by one and as a grid, and answering booth applications — the happy paths, and bad
input that gets a Persian error and changes nothing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from catalog.models import City, Province
from exhibitions import services
from exhibitions.models import Booth, BoothApplication, Exhibition, OpeningHours, Venue
from tests.factories import (
    BoothFactory,
    ExhibitionFactory,
    ProducerFactory,
    VenueFactory,
    booth_grid,
    jpeg_bytes,
    make_product,
)

pytestmark = pytest.mark.django_db

NOWRUZ_1406 = datetime.date(2027, 3, 21)  # ۱۴۰۶/۰۱/۰۱


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


def apply_for(exhibition, producer=None, kind="standard", **extra):
    return services.apply(
        exhibition, producer or ProducerFactory(), preferred_kind=kind, note="", **extra
    )


# ---- venues ---------------------------------------------------------------------------


def venue_data(**changes):
    isfahan = Province.objects.get(code="ISF")
    data = {
        "name": "بوستان ناژوان",
        "address": "اصفهان، بلوار ناژوان",
        "province": isfahan.pk,
        "city": isfahan.cities.get(is_capital=True).pk,
        "latitude": "۳۲٫۶۵۷۱",
        "longitude": "۵۱٫۶۲۲۸",
    }
    return {**data, **changes}


def test_organizer_adds_a_venue_with_coordinates_in_persian_digits(organizer_client):
    client, organizer = organizer_client
    response = client.post(reverse("organizer:venue-create"), venue_data())
    assert response.status_code == 302
    venue = Venue.objects.get(organizer=organizer)
    assert venue.name == "بوستان ناژوان"
    assert str(venue.latitude) == "32.657100"
    assert str(venue.longitude) == "51.622800"
    assert venue.map_url
    page = client.get(reverse("organizer:venues"))
    assert f'data-testid="venue-{venue.pk}"' in page.content.decode()


def test_coordinates_copied_from_a_map_app_are_kept_to_six_decimals(organizer_client):
    client, organizer = organizer_client
    data = venue_data(latitude="38.07712345", longitude="۴۶٫۲۷۳۸۸۸۸۸")
    assert client.post(reverse("organizer:venue-create"), data).status_code == 302
    venue = Venue.objects.get(organizer=organizer)
    assert (str(venue.latitude), str(venue.longitude)) == ("38.077123", "46.273889")


def test_a_venue_from_the_new_exhibition_form_leads_back_to_it(organizer_client):
    client, _organizer = organizer_client
    url = reverse("organizer:venue-create") + "?then=exhibition"
    response = client.post(url, venue_data())
    assert response["Location"] == reverse("organizer:exhibition-create")


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"city": "TEHRAN"}, "city"),
        ({"latitude": "۹۱"}, "latitude"),
        ({"longitude": "-۱۸۱"}, "longitude"),
        ({"latitude": "شمال"}, "latitude"),
        ({"latitude": "1e40"}, "latitude"),
        ({"longitude": ""}, "longitude"),
        ({"name": ""}, "name"),
    ],
)
def test_a_venue_with_bad_input_is_refused_on_the_field(organizer_client, changes, field):
    client, organizer = organizer_client
    if changes.get("city") == "TEHRAN":
        changes = {"city": City.objects.get(province__code="THR", is_capital=True).pk}
    response = client.post(reverse("organizer:venue-create"), venue_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Venue.objects.filter(organizer=organizer).exists()


def test_organizer_edits_a_venue(organizer_client):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    data = venue_data(name="کتابخانه مرکزی", latitude="", longitude="")
    response = client.post(reverse("organizer:venue-edit", args=[venue.pk]), data)
    assert response.status_code == 302
    venue.refresh_from_db()
    assert venue.name == "کتابخانه مرکزی"
    assert venue.latitude is None and venue.map_url == ""


# ---- exhibitions ----------------------------------------------------------------------


def exhibition_data(venue, **changes):
    data = {
        "title": "نمایشگاه نوروزی اصفهان",
        "slug": "",
        "description": "صنایع دستی استان در روزهای نوروز.",
        "kind": "seasonal",
        "venue": venue.pk,
        "starts_on": "۱۴۰۶/۰۱/۰۱",
        "ends_on": "۱۴۰۶/۰۱/۱۳",
        "applications_open_on": "۱۴۰۵/۱۲/۰۱",
        "applications_close_on": "۱۴۰۵/۱۲/۲۵",
        "fee_policy": "per_booth",
        "pay_within_days": "۳",
        "term_days": "۳۰",
    }
    return {**data, **changes}


def test_organizer_creates_a_seasonal_exhibition_with_jalali_dates(organizer_client):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    response = client.post(reverse("organizer:exhibition-create"), exhibition_data(venue))
    exhibition = Exhibition.objects.get(organizer=organizer)
    assert response["Location"] == reverse("organizer:booth-grid", args=[exhibition.pk])
    assert exhibition.status == Exhibition.Status.DRAFT
    assert exhibition.starts_on == NOWRUZ_1406
    assert exhibition.ends_on == datetime.date(2027, 4, 2)
    assert exhibition.applications_open_on == datetime.date(2027, 2, 20)
    assert exhibition.slug == "نمایشگاه-نوروزی-اصفهان"
    assert exhibition.venue == venue and exhibition.pay_within_days == 3


def test_a_title_used_before_gets_a_web_address_of_its_own(organizer_client):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    ExhibitionFactory(slug="نمایشگاه-نوروزی-اصفهان")
    client.post(reverse("organizer:exhibition-create"), exhibition_data(venue))
    assert Exhibition.objects.get(organizer=organizer).slug == "نمایشگاه-نوروزی-اصفهان-2"


def test_a_typed_web_address_that_is_taken_is_refused(organizer_client):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    ExhibitionFactory(slug="nowruz")
    response = client.post(
        reverse("organizer:exhibition-create"), exhibition_data(venue, slug="nowruz")
    )
    assert response.context["form"].errors["slug"]
    assert not Exhibition.objects.filter(organizer=organizer).exists()


def test_a_permanent_exhibition_is_saved_without_a_last_day(organizer_client):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    data = exhibition_data(venue, kind="permanent", ends_on="", title="بازارچه دائمی پارک ائل‌گلی")
    assert client.post(reverse("organizer:exhibition-create"), data).status_code == 302
    exhibition = Exhibition.objects.get(organizer=organizer)
    assert exhibition.is_permanent and exhibition.ends_on is None


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"ends_on": "۱۴۰۵/۱۲/۲۹"}, "ends_on"),  # before the first day
        ({"ends_on": ""}, "ends_on"),  # seasonal needs its last day
        ({"kind": "permanent"}, "ends_on"),  # permanent has none
        ({"starts_on": "2027-03-21"}, "starts_on"),  # a Gregorian date
        ({"starts_on": "۱۴۰۶/۱۳/۰۱"}, "starts_on"),  # no thirteenth month
        ({"applications_close_on": "۱۴۰۵/۱۱/۰۱"}, "applications_close_on"),
        ({"pay_within_days": "۰"}, "pay_within_days"),
        ({"title": ""}, "title"),
    ],
)
def test_an_exhibition_with_bad_input_is_refused_on_the_field(organizer_client, changes, field):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    response = client.post(
        reverse("organizer:exhibition-create"), exhibition_data(venue, **changes)
    )
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not Exhibition.objects.filter(organizer=organizer).exists()


def test_the_error_of_a_reversed_season_is_said_in_persian(organizer_client):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    data = exhibition_data(venue, ends_on="۱۴۰۵/۱۲/۲۹")
    response = client.post(reverse("organizer:exhibition-create"), data)
    assert response.context["form"].errors["ends_on"] == [
        "روز پایان نمی‌تواند پیش از روز آغاز باشد."
    ]


def test_another_organizers_venue_cannot_be_chosen(organizer_client):
    client, organizer = organizer_client
    VenueFactory(organizer=organizer)
    theirs = VenueFactory()
    response = client.post(reverse("organizer:exhibition-create"), exhibition_data(theirs))
    assert response.context["form"].errors["venue"]
    assert not Exhibition.objects.filter(venue=theirs).exists()
    form_html = client.get(reverse("organizer:exhibition-create")).content.decode()
    assert theirs.name not in form_html


def test_without_a_venue_the_new_exhibition_page_asks_for_one_first(organizer_client):
    client, _organizer = organizer_client
    response = client.get(reverse("organizer:exhibition-create"))
    assert 'data-testid="no-venue"' in response.content.decode()


def test_a_cover_photo_is_stored_cleaned_and_a_non_photo_is_refused(organizer_client):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    text = SimpleUploadedFile("cover.jpg", b"not a picture at all", "image/jpeg")
    response = client.post(
        reverse("organizer:exhibition-create"), {**exhibition_data(venue), "cover_image": text}
    )
    assert response.context["form"].errors["cover_image"]
    assert not Exhibition.objects.filter(organizer=organizer).exists()
    photo = SimpleUploadedFile("cover.jpg", jpeg_bytes((1200, 800)), "image/jpeg")
    response = client.post(
        reverse("organizer:exhibition-create"), {**exhibition_data(venue), "cover_image": photo}
    )
    assert response.status_code == 302
    exhibition = Exhibition.objects.get(organizer=organizer)
    assert exhibition.cover_image.name.endswith(".webp")
    with Image.open(exhibition.cover_image) as stored:
        assert stored.format == "WEBP" and stored.size == (1200, 800)


def test_organizer_edits_an_exhibition_and_keeps_its_web_address(organizer_client, fair):
    client, _organizer = organizer_client
    old_slug = fair.slug
    data = exhibition_data(fair.venue, title="نمایشگاه بهاره", slug=fair.slug)
    response = client.post(reverse("organizer:exhibition-edit", args=[fair.pk]), data)
    assert response["Location"] == reverse("organizer:exhibition", args=[fair.pk])
    fair.refresh_from_db()
    assert fair.title == "نمایشگاه بهاره" and fair.slug == old_slug
    assert fair.starts_on == NOWRUZ_1406
    form = client.get(reverse("organizer:exhibition-edit", args=[fair.pk])).content.decode()
    assert "۱۴۰۶/۰۱/۰۱" in form  # dates shown back in the Jalali calendar


# ---- opening hours --------------------------------------------------------------------


def week(**days):
    """Every day 10:00–20:00 unless told otherwise (day number: dict of fields)."""
    data = {}
    for day in range(7):
        data.update({f"opens_{day}": "۱۰:۰۰", f"closes_{day}": "۲۰:۰۰"})
    for day, fields in days.items():
        data.update({f"{name}_{day[1:]}": value for name, value in fields.items()})
    return data


def test_organizer_sets_the_weeks_hours_in_persian_digits(organizer_client, fair):
    client, _organizer = organizer_client
    data = week(d0={"opens": "۹٫۳۰", "closes": "۲۱"}, d6={"closed": "on"})
    response = client.post(reverse("organizer:exhibition-hours", args=[fair.pk]), data)
    assert response.status_code == 302
    hours = {h.weekday: (h.opens_at, h.closes_at) for h in fair.hours.all()}
    assert hours[0] == (datetime.time(9, 30), datetime.time(21, 0))
    assert hours[5] == (datetime.time(10), datetime.time(20))
    assert OpeningHours.Weekday.FRIDAY not in hours and len(hours) == 6
    again = client.get(reverse("organizer:exhibition-hours", args=[fair.pk])).content.decode()
    assert "۰۹:۳۰" in again


@pytest.mark.parametrize(
    "day",
    [
        {"d2": {"opens": "۱۸:۰۰", "closes": "۱۰:۰۰"}},  # closes before it opens
        {"d2": {"opens": "", "closes": "۱۰:۰۰"}},  # open, no opening time
        {"d2": {"opens": "۲۵:۰۰"}},  # no such time
    ],
)
def test_bad_hours_are_refused_and_the_old_week_is_kept(organizer_client, fair, day):
    client, _organizer = organizer_client
    OpeningHours.objects.create(
        exhibition=fair, weekday=2, opens_at=datetime.time(8), closes_at=datetime.time(12)
    )
    response = client.post(reverse("organizer:exhibition-hours", args=[fair.pk]), week(**day))
    assert response.status_code == 200
    assert response.context["form"].errors
    assert [(h.weekday, h.opens_at) for h in fair.hours.all()] == [(2, datetime.time(8))]


# ---- status ---------------------------------------------------------------------------


def test_organizer_opens_a_draft_for_applications(organizer_client, fair):
    client, _organizer = organizer_client
    Exhibition.objects.filter(pk=fair.pk).update(status="draft")
    url = reverse("organizer:exhibition-status", args=[fair.pk])
    response = client.post(url, {"status": "accepting"}, follow=True)
    fair.refresh_from_db()
    assert fair.status == "accepting"
    assert response.redirect_chain[-1][0] == reverse("organizer:exhibition", args=[fair.pk])


def test_a_status_the_flow_does_not_allow_is_a_message_not_an_error(organizer_client, fair):
    client, _organizer = organizer_client
    Exhibition.objects.filter(pk=fair.pk).update(status="closed")
    url = reverse("organizer:exhibition-status", args=[fair.pk])
    with translation.override("en"):
        response = client.post(url, {"status": "accepting"}, follow=True)
    assert response.status_code == 200
    assert "نمایشگاه نمی‌تواند از این وضعیت به آن وضعیت برود." in messages_of(response)
    fair.refresh_from_db()
    assert fair.status == "closed"


def test_an_unknown_status_changes_nothing(organizer_client, fair):
    client, _organizer = organizer_client
    url = reverse("organizer:exhibition-status", args=[fair.pk])
    response = client.post(url, {"status": "archived"}, follow=True)
    assert response.status_code == 200 and messages_of(response)
    fair.refresh_from_db()
    assert fair.status == "accepting"


def test_closing_declines_waiting_applications(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    client.post(reverse("organizer:exhibition-status", args=[fair.pk]), {"status": "closed"})
    application.refresh_from_db()
    assert application.status == BoothApplication.Status.REJECTED


def test_the_exhibition_page_shows_the_floor_plan_and_its_text_list(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    services.accept(application, fair.booths.get(code="B3"), None)
    response = client.get(reverse("organizer:exhibition", args=[fair.pk]))
    html = response.content.decode()
    assert "<svg" in html and html.count('class="booth booth-') == 20
    assert 'data-booth="B3" data-state="taken"' in html
    assert 'data-booth="A1" data-state="free"' in html
    application_url = reverse("organizer:application", args=[fair.pk, application.pk])
    assert application_url in html
    buttons = response.context["next_statuses"]
    assert [status for status, _label in buttons] == ["draft", "running", "closed"]


# ---- booths ---------------------------------------------------------------------------


def grid_data(**changes):
    data = {
        "rows": "۴",
        "columns": "۵",
        "numbering": "per_row",
        "kind": "standard",
        "size_m2": "۹",
        "fee_toman": "۲٬۰۰۰٬۰۰۰",
    }
    return {**data, **changes}


def test_a_four_by_five_grid_makes_twenty_booths_a1_to_d5(organizer_client):
    client, organizer = organizer_client
    exhibition = ExhibitionFactory(organizer=organizer)
    response = client.post(reverse("organizer:booth-grid", args=[exhibition.pk]), grid_data())
    assert response["Location"] == reverse("organizer:booths", args=[exhibition.pk])
    booths = list(exhibition.booths.order_by("row", "column"))
    assert len(booths) == 20
    assert [b.code for b in booths[:6]] == ["A1", "A2", "A3", "A4", "A5", "B1"]
    assert (booths[-1].code, booths[-1].row, booths[-1].column) == ("D5", 4, 5)
    assert {b.fee_rials for b in booths} == {20_000_000}


def test_a_grid_numbered_through_the_hall_has_b7_second_in_row_b(organizer_client):
    client, organizer = organizer_client
    exhibition = ExhibitionFactory(organizer=organizer)
    client.post(
        reverse("organizer:booth-grid", args=[exhibition.pk]), grid_data(numbering="through")
    )
    codes = [b.code for b in exhibition.booths.order_by("row", "column")]
    assert codes[:7] == ["A1", "A2", "A3", "A4", "A5", "B6", "B7"] and codes[-1] == "D20"
    b7 = exhibition.booths.get(code="B7")
    assert (b7.row, b7.column) == (2, 2)


def test_a_larger_grid_adds_only_the_missing_booths_and_overwrites_none(organizer_client, fair):
    client, _organizer = organizer_client
    Booth.objects.filter(exhibition=fair, code="A1").update(kind="corner", fee_rials=5)
    response = client.post(
        reverse("organizer:booth-grid", args=[fair.pk]), grid_data(rows="5", kind="food")
    )
    assert response.status_code == 302
    assert fair.booths.count() == 25
    assert set(fair.booths.filter(kind="food").values_list("code", flat=True)) == {
        "E1", "E2", "E3", "E4", "E5",
    }  # fmt: skip
    a1 = fair.booths.get(code="A1")
    assert (a1.kind, a1.fee_rials) == ("corner", 5)


def test_a_grid_larger_than_the_alphabet_is_refused(organizer_client, fair):
    client, _organizer = organizer_client
    response = client.post(reverse("organizer:booth-grid", args=[fair.pk]), grid_data(rows="۲۷"))
    assert response.context["form"].errors["rows"]
    assert fair.booths.count() == 20


def booth_data(**changes):
    data = {
        "code": "F۱",
        "size_m2": "۷٫۵",
        "row": "۶",
        "column": "۱",
        "kind": "food",
        "fee_toman": "۲٬۵۰۰٬۰۰۰",
    }
    return {**data, **changes}


def test_organizer_adds_one_booth_with_its_fee_in_toman(organizer_client, fair):
    client, _organizer = organizer_client
    response = client.post(reverse("organizer:booth-create", args=[fair.pk]), booth_data())
    assert response.status_code == 302
    booth = fair.booths.get(code="F1")
    assert booth.fee_rials == 25_000_000
    assert str(booth.size_m2) == "7.50" and (booth.row, booth.column) == (6, 1)


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"code": "b۲"}, "code"),  # B2 exists (codes are upper-cased)
        ({"row": "۱", "column": "۱"}, "column"),  # A1 stands there
        ({"fee_toman": "-۵"}, "fee_toman"),
        ({"size_m2": "۰"}, "size_m2"),
        ({"row": "صفر"}, "row"),
    ],
)
def test_a_booth_with_bad_input_is_refused_on_the_field(organizer_client, fair, changes, field):
    client, _organizer = organizer_client
    response = client.post(reverse("organizer:booth-create", args=[fair.pk]), booth_data(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert fair.booths.count() == 20


def test_organizer_changes_a_booth_and_sees_its_fee_in_toman(organizer_client, fair):
    client, _organizer = organizer_client
    booth = fair.booths.get(code="A1")
    url = reverse("organizer:booth-edit", args=[fair.pk, booth.pk])
    assert "۲۰۰۰۰۰۰" in client.get(url).content.decode()
    data = booth_data(code="A1", row="1", column="1", kind="corner", fee_toman="3,000,000")
    assert client.post(url, data).status_code == 302
    booth.refresh_from_db()
    assert (booth.kind, booth.fee_rials) == ("corner", 30_000_000)


def test_a_booth_never_assigned_can_be_deleted(organizer_client, fair):
    client, _organizer = organizer_client
    booth = fair.booths.get(code="D5")
    response = client.post(reverse("organizer:booth-delete", args=[fair.pk, booth.pk]))
    assert response["Location"] == reverse("organizer:booths", args=[fair.pk])
    assert not Booth.objects.filter(pk=booth.pk).exists()


def test_a_booth_once_assigned_is_not_deleted(organizer_client, fair):
    client, _organizer = organizer_client
    booth = fair.booths.get(code="D5")
    application = apply_for(fair)
    services.accept(application, booth, None)
    services.withdraw(application)  # released, but it was assigned once
    url = reverse("organizer:booth-delete", args=[fair.pk, booth.pk])
    response = client.post(url, follow=True)
    assert response.status_code == 200 and messages_of(response)
    assert Booth.objects.filter(pk=booth.pk).exists()


def test_the_booths_page_lists_every_booth_with_an_edit_link(organizer_client, fair):
    client, _organizer = organizer_client
    html = client.get(reverse("organizer:booths", args=[fair.pk])).content.decode()
    for booth in fair.booths.all():
        assert reverse("organizer:booth-edit", args=[fair.pk, booth.pk]) in html


# ---- home -----------------------------------------------------------------------------


def test_home_counts_waiting_applications_and_says_what_to_do_next(organizer_client, fair):
    client, organizer = organizer_client
    for _ in range(2):
        apply_for(fair)
    empty = ExhibitionFactory(organizer=organizer, venue=fair.venue, status="draft")
    response = client.get(reverse("organizer:home"))
    html = response.content.decode()
    steps = [(what, exhibition.pk) for what, exhibition in response.context["steps"]]
    assert ("waiting", fair.pk) in steps and ("booths", empty.pk) in steps
    assert steps[0] == ("waiting", fair.pk)
    assert f"?exhibition={fair.pk}&amp;status=applied" in html
    assert '<dd data-testid="waiting">۲</dd>' in html


def test_a_new_organizer_is_asked_for_a_venue_first(organizer_client):
    client, _organizer = organizer_client
    html = client.get(reverse("organizer:home")).content.decode()
    assert 'data-step="venue"' in html


def test_the_exhibitions_list_pages_at_twenty(organizer_client, django_assert_max_num_queries):
    client, organizer = organizer_client
    venue = VenueFactory(organizer=organizer)
    for _ in range(21):
        ExhibitionFactory(organizer=organizer, venue=venue)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organizer:exhibitions"))
    assert len(response.context["page"].object_list) == 20


def test_the_venues_list_pages_at_twenty(organizer_client, django_assert_max_num_queries):
    client, organizer = organizer_client
    for _ in range(21):
        VenueFactory(organizer=organizer)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("organizer:venues"))
    assert len(response.context["page"].object_list) == 20


def test_the_exhibition_page_takes_few_queries_however_many_booths_are_held(
    organizer_client, fair, django_assert_max_num_queries
):
    client, _organizer = organizer_client
    for booth in list(fair.booths.all())[:12]:
        services.accept(apply_for(fair), booth, None)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("organizer:exhibition", args=[fair.pk]))
    assert response.content.decode().count('data-state="taken"') == 24  # plan and list


# ---- applications ---------------------------------------------------------------------


def test_the_applications_list_filters_by_exhibition_and_status(organizer_client, fair):
    client, organizer = organizer_client
    other = ExhibitionFactory(organizer=organizer, venue=fair.venue)
    booth_grid(other, rows=1, columns=2)
    waiting = apply_for(fair)
    accepted = apply_for(fair)
    services.accept(accepted, fair.booths.get(code="A1"), None)
    elsewhere = apply_for(other)
    url = reverse("organizer:applications")
    shown = lambda query: {a.pk for a in client.get(url, query).context["page"]}  # noqa: E731
    assert shown({}) == {waiting.pk, accepted.pk, elsewhere.pk}
    assert shown({"exhibition": fair.pk}) == {waiting.pk, accepted.pk}
    assert shown({"exhibition": fair.pk, "status": "accepted"}) == {accepted.pk}
    assert shown({"status": "applied"}) == {waiting.pk, elsewhere.pk}


def test_the_applications_list_pages_at_twenty_with_a_query_ceiling(
    organizer_client, fair, django_assert_max_num_queries
):
    client, _organizer = organizer_client
    booths = list(fair.booths.all())
    for index in range(21):
        application = apply_for(fair)
        if index < 10:
            services.accept(application, booths[index], None)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("organizer:applications"))
    assert len(response.context["page"].object_list) == 20
    assert response.context["page"].has_next()


def test_the_application_page_shows_the_producer_licence_crafts_and_products(
    organizer_client, fair
):
    client, _organizer = organizer_client
    producer = ProducerFactory(name="خاتم‌کاری رضا")
    product = make_product(title="جعبه خاتم کوچک", producer=producer, with_image=False)
    application = apply_for(fair, producer, products=[product])
    application.note = "برق برای چراغ لازم دارم."
    application.save()
    response = client.get(reverse("organizer:application", args=[fair.pk, application.pk]))
    html = response.content.decode()
    assert "خاتم‌کاری رضا" in html and product.get_absolute_url() in html
    assert 'data-valid="yes"' in html and "برق برای چراغ لازم دارم." in html


def test_the_booth_chooser_lists_only_free_booths_preferred_type_first(organizer_client, fair):
    client, _organizer = organizer_client
    Booth.objects.filter(exhibition=fair, code__in=["C4", "D2"]).update(kind="corner")
    taken = apply_for(fair)
    services.accept(taken, fair.booths.get(code="A1"), None)
    application = apply_for(fair, kind="corner")
    response = client.get(reverse("organizer:application", args=[fair.pk, application.pk]))
    choices = [booth.code for booth in response.context["booth_form"].fields["booth"].queryset]
    assert choices[:2] == ["C4", "D2"]
    assert "A1" not in choices and len(choices) == 19


def test_accepting_assigns_the_booth_and_its_fee(organizer_client, fair):
    client, organizer = organizer_client
    application = apply_for(fair)
    booth = fair.booths.get(code="B2")
    url = reverse("organizer:application-accept", args=[fair.pk, application.pk])
    response = client.post(url, {"booth": booth.pk})
    assert response["Location"] == reverse("organizer:application", args=[fair.pk, application.pk])
    application = BoothApplication.objects.get(pk=application.pk)
    assert application.status == BoothApplication.Status.ACCEPTED
    assert application.booth == booth and application.fee_rials == 20_000_000
    assert application.decided_by == client.user and application.pay_by > timezone.now()
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="application-booth">B2<' in page and 'data-testid="cash"' in page


def test_a_booth_taken_meanwhile_is_refused_on_the_field_and_nothing_changes(
    organizer_client, fair
):
    client, _organizer = organizer_client
    booth = fair.booths.get(code="B2")
    services.accept(apply_for(fair), booth, None)
    application = apply_for(fair)
    url = reverse("organizer:application-accept", args=[fair.pk, application.pk])
    response = client.post(url, {"booth": booth.pk})
    assert response.status_code == 400
    assert response.context["booth_form"].errors["booth"] == [
        "این غرفه دیگر آزاد نیست؛ غرفه دیگری انتخاب کنید."
    ]
    application.refresh_from_db()
    assert application.status == BoothApplication.Status.APPLIED


def test_a_booth_of_another_exhibition_cannot_be_assigned(organizer_client, fair):
    client, organizer = organizer_client
    other = ExhibitionFactory(organizer=organizer, venue=fair.venue)
    foreign = BoothFactory(exhibition=other)
    application = apply_for(fair)
    url = reverse("organizer:application-accept", args=[fair.pk, application.pk])
    assert client.post(url, {"booth": foreign.pk}).status_code == 400
    assert not foreign.assignments.exists()


def test_accepting_to_a_closed_exhibition_is_a_persian_message_not_a_500(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    Exhibition.objects.filter(pk=fair.pk).update(status="closed")
    url = reverse("organizer:application-accept", args=[fair.pk, application.pk])
    with translation.override("en"):
        response = client.post(url, {"booth": fair.booths.get(code="A1").pk}, follow=True)
    assert response.status_code == 200
    assert "این نمایشگاه درخواست غرفه نمی‌پذیرد." in messages_of(response)
    application.refresh_from_db()
    assert application.status == BoothApplication.Status.APPLIED


def test_accepting_twice_is_a_message(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    services.accept(application, fair.booths.get(code="A1"), None)
    url = reverse("organizer:application-accept", args=[fair.pk, application.pk])
    response = client.post(url, {"booth": fair.booths.get(code="A2").pk}, follow=True)
    assert response.status_code == 200 and messages_of(response)
    assert BoothApplication.objects.get(pk=application.pk).booth.code == "A1"


def test_rejecting_needs_a_reason(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    url = reverse("organizer:application-reject", args=[fair.pk, application.pk])
    response = client.post(url, {"reason": "   "})
    assert response.status_code == 400
    assert response.context["reject_form"].errors["reason"]
    application.refresh_from_db()
    assert application.status == BoothApplication.Status.APPLIED


def test_rejecting_with_a_reason_tells_it_to_the_producer(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    url = reverse("organizer:application-reject", args=[fair.pk, application.pk])
    response = client.post(url, {"reason": "غرفه‌ها برای خوراکی‌ها پر شده است."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == BoothApplication.Status.REJECTED
    assert application.reason == "غرفه‌ها برای خوراکی‌ها پر شده است."


def test_recording_a_cash_payment_confirms_the_booth(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    services.accept(application, fair.booths.get(code="C1"), None)
    url = reverse("organizer:application-cash", args=[fair.pk, application.pk])
    response = client.post(url)
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == BoothApplication.Status.PAID and application.paid_at
    paid = application.payment_attempts.get()
    assert (paid.adapter, paid.status, paid.amount_rials) == ("cash", "paid", 20_000_000)


def test_cash_for_an_application_not_waiting_for_payment_is_a_message(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    url = reverse("organizer:application-cash", args=[fair.pk, application.pk])
    with translation.override("en"):
        response = client.post(url, follow=True)
    assert response.status_code == 200
    assert any("را نمی‌توان پرداخت" in text for text in messages_of(response))
    assert not application.payment_attempts.exists()


def test_moving_gives_the_new_booth_and_its_fee(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    services.accept(application, fair.booths.get(code="A1"), None)
    dearer = fair.booths.get(code="D5")
    Booth.objects.filter(pk=dearer.pk).update(fee_rials=30_000_000)
    url = reverse("organizer:application-move", args=[fair.pk, application.pk])
    assert client.post(url, {"booth": dearer.pk}).status_code == 302
    application = BoothApplication.objects.get(pk=application.pk)
    assert application.booth.code == "D5" and application.fee_rials == 30_000_000
    assert fair.booths.get(code="A1").assignments.get().released_at is not None


def test_a_paid_booth_is_moved_only_to_one_that_costs_no_more(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    services.accept(application, fair.booths.get(code="A1"), None)
    client.post(reverse("organizer:application-cash", args=[fair.pk, application.pk]))
    Booth.objects.filter(exhibition=fair, code="D5").update(fee_rials=30_000_000)
    page = client.get(reverse("organizer:application", args=[fair.pk, application.pk]))
    choices = {b.code for b in page.context["booth_form"].fields["booth"].queryset}
    assert "D5" not in choices and "D4" in choices
    url = reverse("organizer:application-move", args=[fair.pk, application.pk])
    assert client.post(url, {"booth": fair.booths.get(code="D5").pk}).status_code == 400
    assert BoothApplication.objects.get(pk=application.pk).booth.code == "A1"


def test_every_panel_page_renders_in_the_panel_frame(organizer_client, fair):
    client, _organizer = organizer_client
    application = apply_for(fair)
    booth = fair.booths.first()
    for url in (
        reverse("organizer:home"),
        reverse("organizer:exhibitions"),
        reverse("organizer:exhibition", args=[fair.pk]),
        reverse("organizer:exhibition-edit", args=[fair.pk]),
        reverse("organizer:exhibition-hours", args=[fair.pk]),
        reverse("organizer:exhibition-create"),
        reverse("organizer:booths", args=[fair.pk]),
        reverse("organizer:booth-create", args=[fair.pk]),
        reverse("organizer:booth-grid", args=[fair.pk]),
        reverse("organizer:booth-edit", args=[fair.pk, booth.pk]),
        reverse("organizer:applications"),
        reverse("organizer:application", args=[fair.pk, application.pk]),
        reverse("organizer:venues"),
        reverse("organizer:venue-create"),
        reverse("organizer:venue-edit", args=[fair.venue.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'class="panel-tabs"' in response.content.decode()
