"""Oscar's order dashboard and Django's admin in Persian: statuses by their Persian names
(values stay Oscar's slugs), status selects that start on no status, no English column header
repeated on the admin's index."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, pgettext
from oscar.apps.order.models import Order

from shop.checkout.status import set_status
from tests.factories import UserFactory
from tests.shop.test_titles_and_statuses import place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def persian(status):
    with translation.override("fa"):
        return pgettext("order status", status)


def shown_statuses(html, testid):
    return re.findall(rf'data-testid="{testid}">([^<]*)<', html)


def options(html, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select)


def test_order_list_names_statuses_in_persian_and_filters_by_them(staff_client, reference_data):
    paid = place_order(status="paid")
    place_order(status="pending-payment")
    response = staff_client.get(reverse("dashboard:order-list"))
    html = response.content.decode()
    assert sorted(shown_statuses(html, "order-status")) == sorted(
        [persian("paid"), persian("pending-payment")]
    )
    assert options(html, "status") == [("", "---------")] + [
        (status, persian(status)) for status in Order.all_statuses()
    ]

    response = staff_client.get(reverse("dashboard:order-list"), {"status": "paid"})
    assert [order.pk for order in response.context["orders"]] == [paid.pk]
    with translation.override("fa"):
        described = gettext("Order status is {order_status}").format(order_status=persian("paid"))
    assert response.context["search_filters"] == [described]


def test_order_list_offers_no_status_staff_cannot_set(staff_client, reference_data):
    place_order(status="paid")
    response = staff_client.get(reverse("dashboard:order-list"))
    assert response.context["order_statuses"] == []
    assert 'value="change_order_statuses"' not in response.content.decode()


def test_order_page_names_its_statuses_and_their_history_in_persian(staff_client, reference_data):
    order = place_order(status="pending-payment")
    set_status(order, "paid")
    response = staff_client.get(reverse("dashboard:order-detail", args=[order.number]))
    html = response.content.decode()
    assert shown_statuses(html, "order-status") == [persian("paid")]
    assert shown_statuses(html, "line-status") == [persian("paid")]
    change = re.search(r"<td>([^<]*)</td>\s*<td>([^<]*)</td>\s*<td>[^<]*</td>\s*</tr>", html)
    assert change.groups() == (persian("pending-payment"), persian("paid"))
    # Nobody sets a status by hand (shop/checkout/status.py): no status select at all.
    assert 'name="new_status"' not in html


def test_a_status_select_starts_on_no_status_with_persian_names(
    staff_client, reference_data, monkeypatch
):
    """With a pipeline that lets staff set statuses by hand, the order's status select starts
    on the empty choice; before, the last status offered ("refunded") came up selected."""
    order = place_order(status="paid")
    monkeypatch.setattr(Order, "pipeline", {"paid": ("cancelled", "refunded")})
    html = staff_client.get(reverse("dashboard:order-detail", args=[order.number])).content
    assert options(html.decode(), "new_status") == [
        ("", "---------"),
        ("cancelled", persian("cancelled")),
        ("refunded", persian("refunded")),
    ]
    select = re.search(r'<select name="new_status".*?</select>', html.decode(), re.S).group(0)
    assert re.findall(r'<option value="([^"]*)" selected>', select) == [""]


def test_admin_index_has_no_english_column_headers(staff_client):
    html = staff_client.get("/admin/").content.decode()
    apps = html.count('<thead class="visually-hidden">')
    assert apps > 5
    assert "Model name" not in html
    with translation.override("fa"):
        assert html.count(f'<th scope="col">{gettext("Model name")}</th>') == apps
