"""Who may use /organizer/, and what: every organizer URL opened or posted by organizer A for
organizer B's exhibition, venue, booth or application is a 404 that changes nothing; a
visitor logs in first; a producer or a member of an inactive organizer gets the 403 page; no
form field can name another organizer's object."""

import pytest
from django.test import Client
from django.urls import reverse

from exhibitions import services
from exhibitions.models import BoothApplication, OpeningHours
from shop.payments.models import PaymentAttempt
from tests.factories import (
    ExhibitionFactory,
    OrganizerFactory,
    ProducerFactory,
    UserFactory,
    VenueFactory,
    booth_grid,
)

pytestmark = pytest.mark.django_db

LISTS = ["home", "exhibitions", "exhibition-create", "applications", "venues", "venue-create"]
POST_ONLY = {
    "exhibition-status",
    "booth-delete",
    "application-accept",
    "application-reject",
    "application-move",
    "application-cash",
}


def _args(name, t):
    """The URL arguments of `name` for the objects in `t`."""
    exhibition, booth = t["exhibition"].pk, t["booth"].pk
    application = t["waiting"] if name in ("application-accept", "application") else t["accepted"]
    return {
        "venue-edit": [t["venue"].pk],
        "exhibition": [exhibition],
        "exhibition-edit": [exhibition],
        "exhibition-hours": [exhibition],
        "exhibition-status": [exhibition],
        "booths": [exhibition],
        "booth-create": [exhibition],
        "booth-grid": [exhibition],
        "booth-edit": [exhibition, booth],
        "booth-delete": [exhibition, booth],
        "application": [exhibition, application.pk],
        "application-accept": [exhibition, application.pk],
        "application-reject": [exhibition, application.pk],
        "application-move": [exhibition, application.pk],
        "application-cash": [exhibition, application.pk],
    }[name]


OBJECT_URLS = [
    "venue-edit",
    "exhibition",
    "exhibition-edit",
    "exhibition-hours",
    "exhibition-status",
    "booths",
    "booth-create",
    "booth-grid",
    "booth-edit",
    "booth-delete",
    "application",
    "application-accept",
    "application-reject",
    "application-move",
    "application-cash",
]


def _organizer_setup(organizer):
    """A venue, a fair with a 4×5 grid, one waiting and one accepted (unpaid) application."""
    venue = VenueFactory(organizer=organizer, name=f"بوستان {organizer.pk}")
    exhibition = ExhibitionFactory(
        organizer=organizer, venue=venue, title=f"جشنواره {organizer.pk}"
    )
    booths = booth_grid(exhibition)
    waiting = services.apply(exhibition, ProducerFactory(), preferred_kind="standard")
    accepted = services.apply(exhibition, ProducerFactory(), preferred_kind="standard")
    services.accept(accepted, booths[0], None)
    return {
        "venue": venue,
        "exhibition": exhibition,
        "booth": booths[-1],  # D5, free
        "waiting": waiting,
        "accepted": accepted,
    }


@pytest.fixture
def theirs(reference_data):
    """Organizer B's objects, with a member account of its own."""
    organizer = OrganizerFactory(name="دانشگاه جهاد تبریز")
    organizer.users.add(UserFactory())
    return _organizer_setup(organizer)


@pytest.fixture
def mine(organizer_client):
    _client, organizer = organizer_client
    return _organizer_setup(organizer)


def _snapshot(t):
    venue, exhibition, booth = t["venue"], t["exhibition"], t["booth"]
    for thing in (venue, exhibition, booth):
        thing.refresh_from_db()
    applications = BoothApplication.objects.filter(exhibition=exhibition).order_by("pk")
    return (
        venue.name,
        venue.latitude,
        exhibition.title,
        exhibition.status,
        exhibition.starts_on,
        exhibition.venue_id,
        OpeningHours.objects.filter(exhibition=exhibition).count(),
        exhibition.booths.count(),
        (booth.code, booth.fee_rials, booth.kind),
        [(a.status, a.fee_rials, a.reason) for a in applications],
        [(a.pk, a.booth and a.booth.code) for a in applications],
        PaymentAttempt.objects.filter(application__exhibition=exhibition).count(),
    )


def _everything(t):
    """Data that would make each organizer form valid for `t`'s objects."""
    province = t["venue"].province
    data = {
        # venue
        "name": "تغییر داده شده",
        "address": "نشانی دیگر",
        "province": province.pk,
        "latitude": "10",
        "longitude": "10",
        # exhibition
        "title": "ربوده شده",
        "kind": "seasonal",
        "venue": t["venue"].pk,
        "starts_on": "1406/01/01",
        "ends_on": "1406/01/10",
        "applications_open_on": "1405/12/01",
        "applications_close_on": "1405/12/20",
        "fee_policy": "free",
        "pay_within_days": "2",
        "term_days": "30",
        # status, booth, grid, application actions
        "status": "closed",
        "code": "Z9",
        "size_m2": "4",
        "row": "9",
        "column": "9",
        "fee_toman": "1",
        "rows": "6",
        "columns": "6",
        "booth": t["booth"].pk,
        "reason": "دلیلی ندارد",
    }
    for day in range(7):
        data.update({f"opens_{day}": "8:00", f"closes_{day}": "9:00"})
    return data


@pytest.mark.parametrize("name", OBJECT_URLS)
def test_another_organizers_object_is_a_404_and_nothing_changes(organizer_client, theirs, name):
    client, _organizer = organizer_client
    before = _snapshot(theirs)
    url = reverse(f"organizer:{name}", args=_args(name, theirs))
    assert client.post(url, _everything(theirs)).status_code == 404
    assert client.get(url).status_code == (405 if name in POST_ONLY else 404)
    assert _snapshot(theirs) == before


@pytest.mark.parametrize(
    "name", [n for n in OBJECT_URLS if n.startswith(("booth-edit", "booth-delete", "application"))]
)
def test_their_booth_or_application_under_my_exhibition_is_a_404(
    organizer_client, mine, theirs, name
):
    """Mixing my exhibition's id with their booth's or application's id finds nothing."""
    client, _organizer = organizer_client
    before = _snapshot(theirs)
    args = _args(name, theirs)
    args[0] = mine["exhibition"].pk
    url = reverse(f"organizer:{name}", args=args)
    assert client.post(url, _everything(theirs)).status_code == 404
    assert _snapshot(theirs) == before


@pytest.mark.parametrize("name", ["application-accept", "application-move"])
def test_their_booth_cannot_be_given_to_my_application(organizer_client, mine, theirs, name):
    client, _organizer = organizer_client
    before = _snapshot(theirs)
    url = reverse(f"organizer:{name}", args=_args(name, mine))
    response = client.post(url, {"booth": theirs["booth"].pk})
    assert response.status_code == 400
    assert response.context["booth_form"].errors["booth"]
    assert _snapshot(theirs) == before


def test_lists_show_only_the_organizers_own(organizer_client, mine, theirs):
    client, _organizer = organizer_client
    for name in LISTS:
        html = client.get(reverse(f"organizer:{name}")).content.decode()
        assert theirs["exhibition"].title not in html, name
        assert theirs["venue"].name not in html, name
    filtered = client.get(
        reverse("organizer:applications"), {"exhibition": theirs["exhibition"].pk}
    )
    shown = {application.exhibition_id for application in filtered.context["page"]}
    assert theirs["exhibition"].pk not in shown


@pytest.mark.parametrize("name", LISTS + OBJECT_URLS)
def test_a_visitor_is_asked_to_log_in(theirs, name):
    args = [] if name in LISTS else _args(name, theirs)
    url = reverse(f"organizer:{name}", args=args)
    response = Client().post(url) if name in POST_ONLY else Client().get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("customer:login"))


@pytest.fixture
def producer_account(reference_data):
    user = UserFactory()
    ProducerFactory().users.add(user)
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("name", LISTS + OBJECT_URLS)
def test_a_producer_gets_the_page_saying_the_panel_is_for_organizers(
    producer_account, theirs, name
):
    before = _snapshot(theirs)
    args = [] if name in LISTS else _args(name, theirs)
    url = reverse(f"organizer:{name}", args=args)
    data = _everything(theirs)
    response = producer_account.post(url, data) if name in POST_ONLY else producer_account.get(url)
    assert response.status_code == 403
    assert 'data-testid="not-an-organizer"' in response.content.decode()
    assert _snapshot(theirs) == before


def test_a_member_of_an_inactive_organizer_is_refused(organizer_client):
    client, organizer = organizer_client
    organizer.is_active = False
    organizer.save()
    assert client.get(reverse("organizer:home")).status_code == 403


def test_the_producer_of_an_application_cannot_act_on_it(producer_client, mine):
    """The producer who applied is no organizer: the organizer's actions are refused."""
    client, producer = producer_client
    application = services.apply(mine["exhibition"], producer, preferred_kind="standard")
    url = reverse("organizer:application-accept", args=[mine["exhibition"].pk, application.pk])
    assert client.post(url, {"booth": mine["booth"].pk}).status_code == 403
    application.refresh_from_db()
    assert application.status == BoothApplication.Status.APPLIED
