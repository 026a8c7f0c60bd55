"""Every login form is throttled by django-axes (issue 7, item 7): 30 wrong passwords lock the
login out, the right password does not get in until the lockout ends, and the visitor is
told in Persian when to try again."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

pytestmark = pytest.mark.django_db
PASSWORD = "right-pass-123"

FORMS = {
    "/accounts/login/": lambda login, password: {
        "login-username": login, "login-password": password, "login_submit": "1",
    },
    "/dashboard/login/": lambda login, password: {"username": login, "password": password},
    "/admin/login/": lambda login, password: {"username": login, "password": password},
    "/cms/login/": lambda login, password: {"username": login, "password": password},
}  # fmt: skip


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("manager", "manager@dastsaz.ir", PASSWORD)


def login_name(url):
    return "manager@dastsaz.ir" if url == "/accounts/login/" else "manager"


def logged_in(client):
    return "_auth_user_id" in client.session


@pytest.mark.parametrize("url", FORMS)
def test_wrong_passwords_lock_the_login_out_until_the_cool_off_ends(url, staff):
    client = Client()
    form = FORMS[url]
    statuses = [
        client.post(url, form(login_name(url), f"wrong-{i}")).status_code for i in range(30)
    ]
    assert 429 in statuses and statuses[-1] == 429

    refused = client.post(url, form(login_name(url), PASSWORD))
    assert refused.status_code == 429 and not logged_in(client)
    page = refused.content.decode()
    assert "۱۵ دقیقه" in page and "دوباره" in page

    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    welcome = client.post(url, form(login_name(url), PASSWORD))
    assert welcome.status_code == 302 and logged_in(client)


def test_a_lockout_is_of_that_login_from_that_address_only(staff, django_user_model):
    django_user_model.objects.create_user("other", "other@dastsaz.ir", PASSWORD)
    form = FORMS["/accounts/login/"]
    for i in range(6):
        Client().post("/accounts/login/", form("manager@dastsaz.ir", f"wrong-{i}"))
    other_login = Client()
    other_login.post("/accounts/login/", form("other@dastsaz.ir", PASSWORD))
    assert logged_in(other_login)
    elsewhere = Client(REMOTE_ADDR="198.51.100.9")
    elsewhere.post("/accounts/login/", form("manager@dastsaz.ir", PASSWORD))
    assert logged_in(elsewhere)
