"""The producer's booth in the seller panel: moving units, selling in person (a retried sale
recorded once), the receipt, pick-ups collected by code, the reconciliation sheet, and every
booth URL refused to strangers and anonymous visitors."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Order

from exhibitions.channels import pickup, sales
from exhibitions.channels import stock as booth_stock
from exhibitions.models import BoothStock, OrderChannel, StockMove
from exhibitions.services import set_exhibition_status
from sellers.models import Fulfilment, Right, SupportCompany, SupportMember
from sellers.support import services as support
from shop.checkout.emails import order_paid_messages
from tests.exhibitions.channel_helpers import pay, place_order
from tests.factories import (
    ProducerFactory,
    UserFactory,
    confirmed_booth,
    make_product,
    running_fair,
)

pytestmark = pytest.mark.django_db


def signed_in(producer):
    user = UserFactory()
    producer.users.add(user)
    client = Client()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def stall(reference_data):
    """A producer at booth B2 of a running fair, a kilim with 10 units online, signed in."""
    fair = running_fair(title="نمایشگاه نوروزی اصفهان")
    producer = ProducerFactory(name="گلیم‌بافی مریم")
    client = signed_in(producer)
    confirmed_booth(fair, producer, "B2")
    product = make_product(producer=producer, title="گلیم", stock=10, with_image=False)
    record = product.stockrecords.get()
    return fair, producer, client, product, record


@pytest.fixture
def neighbour(stall):
    """Another producer with booth C1 at the same fair and a product of their own there."""
    fair = stall[0]
    producer = ProducerFactory(name="سفال همسایه")
    client = signed_in(producer)
    confirmed_booth(fair, producer, "C1")
    product = make_product(producer=producer, title="کوزه", stock=5, with_image=False)
    booth_stock.move_to_booth(producer, fair, product.stockrecords.get().pk, 2)
    return producer, client


def online(record):
    record.refresh_from_db()
    return record.num_in_stock - (record.num_allocated or 0)


def at_booth(fair, record):
    stock = BoothStock.objects.filter(exhibition=fair, stockrecord=record).first()
    return stock.quantity if stock else 0


def sale_form(client, fair, query=""):
    response = client.get(reverse("seller:booth-sell", args=[fair.pk]) + query)
    assert response.status_code == 200
    return response


def key_of(response):
    return response.context["form"]["key"].value()


# ---- moving units ------------------------------------------------------------------------


def test_a_producer_moves_units_to_the_booth_and_back_typing_persian_digits(stall):
    fair, producer, client, product, record = stall
    url = reverse("seller:booth-move", args=[fair.pk])

    response = client.post(
        url, {"stockrecord": record.pk, "quantity": "۳", "direction": "to_booth"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("seller:booth", args=[fair.pk])
    assert (online(record), at_booth(fair, record)) == (7, 3)

    client.post(url, {"stockrecord": record.pk, "quantity": "۱", "direction": "to_online"})
    assert (online(record), at_booth(fair, record)) == (8, 2)
    moves = list(StockMove.objects.values_list("kind", "quantity", "by"))
    assert moves == [("to_booth", 3, client.user.pk), ("to_online", 1, client.user.pk)]


def test_moving_more_than_is_online_is_refused_and_the_form_keeps_what_was_typed(stall):
    fair, producer, client, product, record = stall
    response = client.post(
        reverse("seller:booth-move", args=[fair.pk]),
        {"stockrecord": record.pk, "quantity": "۱۱", "direction": "to_booth"},
    )
    assert response.status_code == 400
    assert 'data-testid="form-error"' in response.content.decode()
    assert response.context["form"]["quantity"].value() == "۱۱"
    assert (online(record), at_booth(fair, record)) == (10, 0)
    assert not StockMove.objects.exists()


def test_a_producer_cannot_move_another_producers_product(stall, neighbour):
    fair, producer, client, product, record = stall
    theirs = BoothStock.objects.get(producer=neighbour[0])
    response = client.post(
        reverse("seller:booth-move", args=[fair.pk]),
        {"stockrecord": theirs.stockrecord_id, "quantity": "1", "direction": "to_online"},
    )
    assert response.status_code == 400
    theirs.refresh_from_db()
    assert theirs.quantity == 2


def test_the_product_link_preselects_the_product_to_move(stall):
    fair, producer, client, product, record = stall
    url = reverse("seller:booth-move", args=[fair.pk])
    response = client.get(f"{url}?product={product.pk}&direction=to_online")
    assert response.context["form"]["stockrecord"].value() == record.pk
    assert response.context["form"]["direction"].value() == "to_online"


def test_the_booth_home_shows_online_and_booth_units(stall, django_assert_max_num_queries):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 4)
    for _ in range(5):
        make_product(producer=producer, stock=2, with_image=False)
    with django_assert_max_num_queries(25):
        response = client.get(reverse("seller:booth", args=[fair.pk]))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 6
    assert (rows[0].record, rows[0].online, rows[0].at_booth) == (record, 6, 4)
    html = response.content.decode()
    assert reverse("seller:booth-sell", args=[fair.pk]) in html
    assert reverse("seller:booth-pickups", args=[fair.pk]) in html
    assert reverse("seller:booth-sheet", args=[fair.pk]) in html


# ---- selling at the booth ----------------------------------------------------------------


def test_a_sale_at_the_booth_records_a_paid_order_and_shows_its_receipt(stall):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 3)
    stock = BoothStock.objects.get()
    form = sale_form(client, fair)

    response = client.post(
        reverse("seller:booth-sell", args=[fair.pk]),
        {f"units_{stock.pk}": "۲", "paid_by": "card", "key": key_of(form)},
    )

    order = Order.objects.get(channel__kind="booth_sale")
    assert response.status_code == 302
    assert response["Location"] == reverse("seller:booth-receipt", args=[order.pk])
    assert order.status == "paid"
    assert order.channel.paid_by == "card"
    assert order.channel.exhibition == fair
    assert order.channel.recorded_by == client.user
    assert at_booth(fair, record) == 1 and online(record) == 7
    assert order.fulfilments.get().status == Fulfilment.Status.DELIVERED

    receipt = client.get(response["Location"])
    assert receipt.status_code == 200
    html = receipt.content.decode()
    assert html.count('data-testid="receipt-line"') == 1
    assert receipt.context["booth_code"] == "B2"
    assert receipt.context["exhibition"] == fair
    assert "data-print" in html
    assert 'data-testid="receipt-paid-by"' in html


def test_a_sale_submitted_twice_is_recorded_once(stall):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 3)
    stock = BoothStock.objects.get()
    data = {f"units_{stock.pk}": "3", "paid_by": "cash", "key": key_of(sale_form(client, fair))}
    url = reverse("seller:booth-sell", args=[fair.pk])

    first = client.post(url, data)
    again = client.post(url, data)  # the connection dropped; the phone sends it again

    assert first.status_code == again.status_code == 302
    assert first["Location"] == again["Location"]
    assert OrderChannel.objects.filter(kind="booth_sale").count() == 1
    assert StockMove.objects.filter(kind="sold").count() == 1
    assert at_booth(fair, record) == 0 and online(record) == 7


def test_a_refused_sale_keeps_the_form_its_values_and_its_key(stall):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 2)
    stock = BoothStock.objects.get()
    key = key_of(sale_form(client, fair))
    # Someone else sold one a moment ago.
    sales.record_booth_sale(producer, fair, [(stock.pk, 1)], "cash", uuid.uuid4(), None)

    response = client.post(
        reverse("seller:booth-sell", args=[fair.pk]),
        {f"units_{stock.pk}": "۲", "paid_by": "card", "key": key},
    )

    assert response.status_code == 400
    assert 'data-testid="form-error"' in response.content.decode()
    form = response.context["form"]
    assert str(form["key"].value()) == str(key)
    assert form[f"units_{stock.pk}"].value() == "۲"
    assert form["paid_by"].value() == "card"
    assert OrderChannel.objects.filter(kind="booth_sale").count() == 1


def test_an_empty_sale_is_refused(stall):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 2)
    key = key_of(sale_form(client, fair))
    response = client.post(
        reverse("seller:booth-sell", args=[fair.pk]), {"paid_by": "cash", "key": key}
    )
    assert response.status_code == 400
    assert not Order.objects.exists()


def test_a_product_qr_link_preselects_that_product_on_the_sale_screen(stall):
    fair, producer, client, product, record = stall
    other = make_product(producer=producer, title="جاجیم", stock=3, with_image=False)
    booth_stock.move_to_booth(producer, fair, record.pk, 2)
    booth_stock.move_to_booth(producer, fair, other.stockrecords.get().pk, 2)
    stock = BoothStock.objects.get(stockrecord=record)

    response = sale_form(client, fair, f"?product={product.pk}")

    form = response.context["form"]
    assert form[f"units_{stock.pk}"].value() == "۱"
    others = [
        name for name in form.fields if name.startswith("units_") and name != f"units_{stock.pk}"
    ]
    assert [form[name].value() for name in others] == [None]
    assert response.content.decode().count("booth-sale-chosen") == 1


def test_the_sale_screen_sells_everyone_at_a_shared_booth_but_not_the_neighbours(
    stall, neighbour, django_assert_max_num_queries
):
    from exhibitions.models import BoothApplication, BoothShare

    fair, producer, client, product, record = stall
    partner = ProducerFactory(name="تعاونی")
    BoothShare.objects.create(
        application=BoothApplication.objects.get(producer=producer),
        producer=partner,
        share_bp=3000,
        status="accepted",
    )
    theirs = make_product(producer=partner, stock=4, with_image=False)
    booth_stock.move_to_booth(partner, fair, theirs.stockrecords.get().pk, 2)
    booth_stock.move_to_booth(producer, fair, record.pk, 2)

    with django_assert_max_num_queries(30):
        response = sale_form(client, fair)

    sold_here = {stock.producer_id for stock in response.context["form"].stocks}
    assert sold_here == {producer.pk, partner.pk}
    neighbours = BoothStock.objects.get(producer=neighbour[0])
    key = key_of(response)
    posted = client.post(
        reverse("seller:booth-sell", args=[fair.pk]),
        {f"units_{neighbours.pk}": "1", "paid_by": "cash", "key": key},
    )
    assert posted.status_code == 400
    neighbours.refresh_from_db()
    assert neighbours.quantity == 2


# ---- pick-ups ------------------------------------------------------------------------------


@pytest.fixture
def waiting_pickup(stall):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 3)
    order = pay(place_order([(product, 2)], pickup_at=fair), producer)
    return order


def persian(text):
    return text.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


def test_waiting_pickups_are_listed_and_collected_by_a_code_typed_in_persian_digits(
    stall, waiting_pickup, django_assert_max_num_queries
):
    fair, producer, client, product, record = stall
    code = waiting_pickup.channel.pickup_code
    with django_assert_max_num_queries(20):
        listed = client.get(reverse("seller:booth-pickups", args=[fair.pk]))
    part = waiting_pickup.fulfilments.get()
    assert [row[0] for row in listed.context["rows"]] == [part]
    assert f'data-testid="pickup-{part.pk}"' in listed.content.decode()

    response = client.post(reverse("seller:booth-collect", args=[fair.pk]), {"code": persian(code)})

    assert response.status_code == 302
    assert response["Location"] == reverse("seller:booth-pickups", args=[fair.pk])
    part.refresh_from_db()
    assert part.status == Fulfilment.Status.DELIVERED
    stock = BoothStock.objects.get()
    assert (stock.quantity, stock.reserved) == (1, 0)
    assert not client.get(reverse("seller:booth-pickups", args=[fair.pk])).context["rows"]


def test_a_wrong_or_reused_pickup_code_is_refused(stall, waiting_pickup):
    fair, producer, client, product, record = stall
    url = reverse("seller:booth-collect", args=[fair.pk])
    code = waiting_pickup.channel.pickup_code
    wrong = "100000" if code != "100000" else "100001"
    response = client.post(url, {"code": wrong})
    assert response.status_code == 400
    assert response.context["form"].errors["code"]

    assert client.post(url, {"code": code}).status_code == 302
    again = client.post(url, {"code": code})
    assert again.status_code == 400
    assert StockMove.objects.filter(kind="collected").count() == 1


def test_a_neighbour_cannot_collect_another_booths_pickup(stall, neighbour, waiting_pickup):
    fair = stall[0]
    _producer, their_client = neighbour
    response = their_client.post(
        reverse("seller:booth-collect", args=[fair.pk]),
        {"code": waiting_pickup.channel.pickup_code},
    )
    assert response.status_code == 400
    assert waiting_pickup.fulfilments.get().status != Fulfilment.Status.DELIVERED


# ---- reconciliation ------------------------------------------------------------------------


def test_the_reconciliation_sheet_adds_up_every_move_also_after_the_exhibition_closed(
    stall, django_assert_max_num_queries
):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 6)
    booth_stock.move_to_online(producer, fair, record.pk, 1)
    stock = BoothStock.objects.get()
    sales.record_booth_sale(producer, fair, [(stock.pk, 2)], "cash", uuid.uuid4(), None)
    order = pay(place_order([(product, 1)], pickup_at=fair), producer)
    pickup.collect(order.fulfilments.get())
    set_exhibition_status(fair, "closed")
    booth_stock.return_unsold(exhibition=fair)

    with django_assert_max_num_queries(20):
        response = client.get(reverse("seller:booth-sheet", args=[fair.pk]))

    assert response.status_code == 200
    (row,) = response.context["rows"]
    numbers = (row.moved_in, row.moved_back, row.sold_at_booth, row.collected, row.returned)
    assert numbers == (6, 1, 2, 1, 2)
    assert row.at_booth == 0
    assert online(record) == 10 - 2 - 1
    assert "data-print" in response.content.decode()


# ---- the way in, and every way that is refused -------------------------------------------


def test_the_exhibitions_page_and_the_application_lead_to_the_booth(stall):
    fair, producer, client, product, record = stall
    booth_url = reverse("seller:booth", args=[fair.pk])
    assert booth_url in client.get(reverse("seller:exhibitions")).content.decode()
    application = fair.applications.get(producer=producer)
    page = client.get(reverse("seller:application", args=[application.pk]))
    assert 'data-testid="open-booth"' in page.content.decode()


def booth_urls(fair):
    return [
        ("get", reverse(f"seller:{name}", args=[fair.pk]))
        for name in ("booth", "booth-move", "booth-sell", "booth-pickups", "booth-sheet")
    ] + [
        ("post", reverse("seller:booth-collect", args=[fair.pk])),
        ("post", reverse("seller:booth-move", args=[fair.pk])),
        ("post", reverse("seller:booth-sell", args=[fair.pk])),
    ]


def test_a_producer_without_a_booth_there_gets_404_on_every_booth_url(stall):
    fair = stall[0]
    stranger = signed_in(ProducerFactory())
    for method, url in booth_urls(fair):
        assert getattr(stranger, method)(url).status_code == 404, url


def test_anonymous_visitors_are_sent_to_log_in_from_every_booth_url(stall):
    fair = stall[0]
    visitor = Client()
    for method, url in booth_urls(fair):
        response = getattr(visitor, method)(url)
        assert response.status_code == 302 and "login" in response["Location"], url
    assert Client().get(reverse("seller:booth-receipt", args=[1])).status_code == 302


def test_another_producers_receipt_is_404_even_at_the_same_fair(stall, neighbour):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 1)
    stock = BoothStock.objects.get(producer=producer)
    order = sales.record_booth_sale(producer, fair, [(stock.pk, 1)], "cash", uuid.uuid4(), None)
    url = reverse("seller:booth-receipt", args=[order.pk])
    assert client.get(url).status_code == 200
    assert neighbour[1].get(url).status_code == 404
    assert signed_in(ProducerFactory()).get(url).status_code == 404


def test_an_online_order_is_not_a_booth_receipt(stall):
    fair, producer, client, product, record = stall
    order = pay(place_order([(product, 1)]), producer)
    assert client.get(reverse("seller:booth-receipt", args=[order.pk])).status_code == 404


def test_the_neighbours_sheet_is_their_own(stall, neighbour):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 4)
    response = neighbour[1].get(reverse("seller:booth-sheet", args=[fair.pk]))
    (row,) = response.context["rows"]
    assert row.moved_in == 2  # their own two pots, not the four kilims


def test_a_support_company_sells_with_the_orders_right_but_moves_stock_only_with_listings(stall):
    fair, producer, client, product, record = stall
    company = SupportCompany.objects.create(name="تعاونی", registration_number="10100000009")
    user = UserFactory()
    SupportMember.objects.create(company=company, user=user)
    member = Client()
    member.force_login(user)
    support.grant(producer, company, [Right.FULFILMENTS], producer.users.first())
    assert member.post(reverse("seller:company-act", args=[producer.pk])).status_code == 302

    assert member.get(reverse("seller:booth-sell", args=[fair.pk])).status_code == 200
    assert member.get(reverse("seller:booth-pickups", args=[fair.pk])).status_code == 200
    assert member.get(reverse("seller:booth-move", args=[fair.pk])).status_code == 403
    assert member.get(reverse("seller:booth-sheet", args=[fair.pk])).status_code == 403
    # The member finds the booth from the panel's home, as the producer does.
    booth_link = reverse("seller:booth", args=[fair.pk])
    assert booth_link in member.get(reverse("seller:home")).content.decode()


def test_the_panel_home_leads_to_the_booth_first_and_not_to_anothers(stall, neighbour):
    fair, producer, client, product, record = stall
    page = client.get(reverse("seller:home")).content.decode()
    assert f'data-testid="home-booth-{fair.pk}"' in page
    assert page.index(f"home-booth-{fair.pk}") < page.index('data-testid="producer-status"')
    elsewhere = running_fair()
    assert f"home-booth-{elsewhere.pk}" not in client.get(reverse("seller:home")).content.decode()


# ---- emails -------------------------------------------------------------------------------


def test_a_booth_sale_sends_no_new_order_email_to_the_producer(stall):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 2)
    stock = BoothStock.objects.get()
    sold = sales.record_booth_sale(producer, fair, [(stock.pk, 1)], "cash", uuid.uuid4(), None)
    producer_emails = {u.email for u in producer.users.all()}

    def to_producer(order):
        return [m for m in order_paid_messages(order) if set(m[3]) & producer_emails]

    assert to_producer(sold) == []
    collected_later = pay(place_order([(product, 1)], pickup_at=fair), producer)
    assert len(to_producer(collected_later)) == 1


def test_receipt_numbers_are_persian(stall):
    fair, producer, client, product, record = stall
    booth_stock.move_to_booth(producer, fair, record.pk, 2)
    stock = BoothStock.objects.get()
    order = sales.record_booth_sale(producer, fair, [(stock.pk, 2)], "cash", uuid.uuid4(), None)
    html = client.get(reverse("seller:booth-receipt", args=[order.pk])).content.decode()
    units = re.search(r'data-testid="receipt-units">([^<]*)<', html).group(1)
    assert units == "۲"
