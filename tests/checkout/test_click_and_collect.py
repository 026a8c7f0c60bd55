"""Click-and-collect through the real checkout: the buyer chooses to collect at a producer's
booth of a running fair, pays at our Zarinpal sandbox and gets a pick-up code; the units are
held at the booth, never taken from the online stock."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from oscar.apps.order.models import Order

from exhibitions.channels import sales
from exhibitions.channels import stock as booth_stock
from exhibitions.models import BoothStock, OpeningHours, OrderChannel
from exhibitions.services import set_exhibition_status
from sellers.models import Fulfilment
from shop.checkout.services import expire_pending_orders
from shop.persian.digits import to_persian_digits
from tests.factories import (
    ProducerFactory,
    UserFactory,
    confirmed_booth,
    make_product,
    running_fair,
)

from .conftest import pay_at_sandbox, walk_to_preview

pytestmark = pytest.mark.django_db


@pytest.fixture
def stall(reference_data):
    """A producer at booth C2 of a running fair; their vase has 7 units online and 3 at the
    booth. Returns (fair, producer, product, record)."""
    fair = running_fair(title="نمایشگاه نوروزی اصفهان")
    OpeningHours.objects.create(
        exhibition=fair, weekday=0, opens_at=datetime.time(9), closes_at=datetime.time(21)
    )
    producer = ProducerFactory(name="سفال مریم")
    producer.users.add(UserFactory(email="potter@example.ir"))
    confirmed_booth(fair, producer, "C2")
    product = make_product(
        title="گلدان سفالی", producer=producer, price_rials=2_000_000, stock=10, with_image=False
    )
    record = product.stockrecords.get()
    booth_stock.move_to_booth(producer, fair, record.pk, 3)
    return fair, producer, product, record


def online(record):
    record.refresh_from_db()
    return record.num_in_stock - (record.num_allocated or 0)


def at_booth(fair, record):
    stock = BoothStock.objects.get(exhibition=fair, stockrecord=record)
    return stock.quantity, stock.reserved


def offered_methods(client):
    """The shipping-method step: the method codes offered (one method is chosen by itself,
    Oscar then redirects)."""
    response = client.get(reverse("checkout:shipping-method"))
    if response.status_code == 302:
        return None
    assert response.status_code == 200
    return [m.code for m in response.context["methods"]]


def choose(client, code):
    response = client.post(reverse("checkout:shipping-method"), {"method_code": code})
    assert response.status_code == 302
    return response


def place(client):
    client.get(reverse("checkout:payment-method"))
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def place_for_pickup(client, fair):
    walk_to_preview(client)
    choose(client, f"pickup-{fair.pk}")
    return place(client)


def test_buyer_collecting_at_the_booth_gets_a_code_and_the_units_are_held_there(
    client, zarinpal, stall, add_to_basket
):
    fair, producer, product, record = stall
    add_to_basket(product, 2)
    walk_to_preview(client)
    assert offered_methods(client) == ["producer-post", f"pickup-{fair.pk}"]
    choose(client, f"pickup-{fair.pk}")
    response = place(client)
    assert response["Location"].startswith(f"{zarinpal.url}pg/StartPay/")

    order = Order.objects.get()
    assert order.shipping_code == f"pickup-{fair.pk}"
    assert order.shipping_incl_tax == 0 and order.total_incl_tax == 2 * 2_000_000
    channel = order.channel
    assert channel.kind == OrderChannel.Kind.PICKUP and channel.exhibition == fair
    assert len(channel.pickup_code) == 6 and channel.pickup_code.isdigit()
    assert at_booth(fair, record) == (3, 2)
    assert online(record) == 7  # untouched

    thanks_url = client.get(pay_at_sandbox(zarinpal, response["Location"]))["Location"]
    order.refresh_from_db()
    assert order.status == "paid"
    part = Fulfilment.objects.get(order=order)
    assert part.shipping_charge_rials == 0
    thanks = client.get(thanks_url)
    assert thanks.status_code == 200
    page = thanks.content.decode()
    assert f'data-code="{channel.pickup_code}"' in page
    assert to_persian_digits(channel.pickup_code) in page
    assert 'data-booth="C2"' in page and 'data-testid="pickup-hours"' in page
    assert 'data-testid="pickup-last-day"' in page and 'data-testid="pickup-venue"' in page
    assert escape(order.shipping_method) in page  # the way it is received, not an address
    assert at_booth(fair, record) == (3, 2) and online(record) == 7


def test_the_shipping_step_shows_each_way_with_its_place_and_last_day(
    client, zarinpal, stall, add_to_basket
):
    fair, producer, product, record = stall
    add_to_basket(product)
    walk_to_preview(client)
    with translation.override("en"):
        response = client.get(reverse("checkout:shipping-method"), HTTP_ACCEPT_LANGUAGE="en")
    pickup = response.context["methods"][1]
    assert pickup.booths == ["C2"]
    assert pickup.calculate(response.context["basket"]).incl_tax == 0
    page = response.content.decode()
    assert page.count('data-testid="shipping-method"') == 2
    assert fair.title in pickup.name and "C2" in pickup.name
    assert fair.venue.address in pickup.description


def test_pickup_is_not_offered_when_the_booth_has_fewer_units_than_the_basket(
    client, zarinpal, stall, add_to_basket
):
    fair, producer, product, record = stall
    add_to_basket(product, 4)  # 3 at the booth
    walk_to_preview(client)
    assert offered_methods(client) is None  # only the post: chosen by itself
    forged = client.post(reverse("checkout:shipping-method"), {"method_code": f"pickup-{fair.pk}"})
    assert forged.status_code == 200 and forged.context["form"].errors  # not taken
    place(client)
    assert Order.objects.get().channel.kind == OrderChannel.Kind.ONLINE
    assert at_booth(fair, record) == (3, 0)


def test_pickup_is_not_offered_when_the_fair_is_not_running(client, zarinpal, stall, add_to_basket):
    fair, producer, product, record = stall
    set_exhibition_status(fair, "closed")
    add_to_basket(product)
    walk_to_preview(client)
    assert offered_methods(client) is None


def test_pickup_is_not_offered_for_a_product_of_a_producer_without_units_there(
    client, zarinpal, stall, add_to_basket
):
    fair, producer, product, record = stall
    other = make_product(producer=ProducerFactory(), stock=5, with_image=False)
    add_to_basket(product)
    add_to_basket(other)
    walk_to_preview(client)
    assert offered_methods(client) is None


def test_a_basket_with_nothing_at_any_booth_asks_no_booth_query_and_sees_new_stock_at_once(
    client, zarinpal, stall, add_to_basket
):
    """Whether the basket's records are at any running fair's booth is kept in the cache;
    units moved to a booth (a new booth stock row) are offered on the next step."""
    fair, producer, product, record = stall
    add_to_basket(product)
    walk_to_preview(client)
    assert offered_methods(client) == ["producer-post", f"pickup-{fair.pk}"]
    potter = ProducerFactory()
    confirmed_booth(fair, potter, "C3")
    jug = make_product(producer=potter, stock=5, with_image=False)
    other = Client()
    other.post(reverse("basket:add", args=[jug.pk]), {"quantity": 1})
    walk_to_preview(other)
    other.get(reverse("checkout:shipping-method"))  # the answer is kept
    with CaptureQueriesContext(connection) as queries:
        assert offered_methods(other) is None  # only the post: chosen by itself
    assert not [q for q in queries.captured_queries if "exhibitions_" in q["sql"]]
    booth_stock.move_to_booth(potter, fair, jug.stockrecords.get().pk, 2)
    assert offered_methods(other) == ["producer-post", f"pickup-{fair.pk}"]


def test_booth_sold_out_after_choosing_pickup_stops_the_order_with_a_clear_message(
    client, zarinpal, stall, add_to_basket
):
    import uuid

    fair, producer, product, record = stall
    add_to_basket(product, 2)
    walk_to_preview(client)
    choose(client, f"pickup-{fair.pk}")
    stock = BoothStock.objects.get(exhibition=fair, stockrecord=record)
    seller = producer.users.get()
    sales.record_booth_sale(producer, fair, [(stock.pk, 2)], "cash", uuid.uuid4(), seller)

    with translation.override("en"):
        client.get(reverse("checkout:payment-method"))
        response = client.post(
            reverse("checkout:preview"), {"action": "place_order"}, HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response["Location"] == reverse("checkout:shipping-method")
    shown = [str(m) for m in response.wsgi_request._messages]
    with translation.override("fa"):
        said = translation.gettext(
            "The booths no longer have every item of your basket, or the exhibition is not "
            "open. Please choose another way to receive your order."
        )
    assert said in shown
    assert not Order.objects.filter(channel__kind="pickup").exists()
    assert at_booth(fair, record) == (1, 0) and online(record) == 7


def test_booth_running_out_while_placing_undoes_the_order_and_reserves_nothing(stall, rf):
    """The race the shipping step cannot see: the booth's last units go between the choice
    and the order's placement (the hold is checked under lock)."""
    from django.contrib.auth.models import AnonymousUser
    from oscar.apps.checkout.calculators import OrderTotalCalculator
    from oscar.apps.order.exceptions import UnableToPlaceOrder

    from sellers.strategy import Default
    from shop.basket.models import Basket
    from shop.checkout.views import PaymentDetailsView
    from shop.shipping.repository import Repository

    fair, producer, product, record = stall
    basket = Basket.objects.create()
    basket.strategy = Default()
    basket.add_product(product, 3)
    method = Repository().get_shipping_methods(basket)[1]  # chosen while 3 were there
    booth_stock.move_to_online(producer, fair, record.pk, 1)

    view = PaymentDetailsView()
    view.request = rf.post("/")
    view.request.user = AnonymousUser()
    charge = method.calculate(basket)
    with translation.override("en"), pytest.raises(UnableToPlaceOrder) as refused:
        view.handle_order_placement(
            order_number="100042",
            user=AnonymousUser(),
            basket=basket,
            shipping_address=None,
            shipping_method=method,
            shipping_charge=charge,
            billing_address=None,
            order_total=OrderTotalCalculator().calculate(basket, charge),
            guest_email="buyer@example.ir",
        )
    assert "are at the booth" in str(refused.value)
    assert not Order.objects.exists() and not OrderChannel.objects.exists()
    assert at_booth(fair, record) == (2, 0) and online(record) == 8


def test_cancelled_payment_frees_the_booth_hold_and_leaves_online_stock_alone(
    client, zarinpal, stall, add_to_basket
):
    fair, producer, product, record = stall
    add_to_basket(product, 2)
    response = place_for_pickup(client, fair)
    assert at_booth(fair, record) == (3, 2)
    client.get(pay_at_sandbox(zarinpal, response["Location"], "cancel"))
    assert Order.objects.get().status == "cancelled"
    assert at_booth(fair, record) == (3, 0) and online(record) == 7


def test_an_unpaid_pickup_that_expires_frees_the_booth_hold(client, zarinpal, stall, add_to_basket):
    from django.utils import timezone

    fair, producer, product, record = stall
    add_to_basket(product)
    place_for_pickup(client, fair)
    cancelled = expire_pending_orders(timezone.now() + datetime.timedelta(minutes=1))
    assert [o.status for o in cancelled] == ["cancelled"]
    assert at_booth(fair, record) == (3, 0) and online(record) == 7


def test_an_order_sent_by_post_has_the_online_channel(client, zarinpal, stall, add_to_basket):
    fair, producer, product, record = stall
    add_to_basket(product, 2)
    walk_to_preview(client)
    choose(client, "producer-post")
    place(client)
    order = Order.objects.get()
    assert order.channel.kind == OrderChannel.Kind.ONLINE and order.channel.exhibition is None
    assert online(record) == 5 and at_booth(fair, record) == (3, 0)


def test_emails_carry_the_code_to_the_buyer_and_tell_the_producer_without_it(
    client, zarinpal, stall, add_to_basket, mailoutbox, django_capture_on_commit_callbacks
):
    fair, producer, product, record = stall
    add_to_basket(product)
    callback = pay_at_sandbox(zarinpal, place_for_pickup(client, fair)["Location"])
    with django_capture_on_commit_callbacks(execute=True):
        client.get(callback)
    code = Order.objects.get().channel.pickup_code
    buyer = next(m for m in mailoutbox if m.to == ["buyer@example.ir"])
    assert to_persian_digits(code) in buyer.body
    assert to_persian_digits("C2") in buyer.body  # "C۲"
    assert fair.title in buyer.body and fair.venue.address in buyer.body
    potter = next(m for m in mailoutbox if m.to == ["potter@example.ir"])
    assert fair.title in potter.body and to_persian_digits("C2") in potter.body
    assert to_persian_digits(code) not in potter.body and code not in potter.body
    assert "کد رهگیری" not in potter.body  # no tracking code asked for


@pytest.fixture
def paid_pickup(client, zarinpal, stall, add_to_basket):
    fair, producer, product, record = stall
    add_to_basket(product)
    client.get(pay_at_sandbox(zarinpal, place_for_pickup(client, fair)["Location"]))
    order = Order.objects.get()
    assert order.status == "paid"
    return order, Fulfilment.objects.get(order=order)


def producer_client_of(producer):
    client = Client()
    client.force_login(producer.users.order_by("pk").first())
    return client


def test_seller_panel_offers_no_ship_step_for_a_pickup_and_refuses_one(stall, paid_pickup):
    fair, producer, product, record = stall
    order, part = paid_pickup
    seller = producer_client_of(producer)
    page = seller.get(reverse("seller:fulfilment", args=[part.pk])).content.decode()
    assert 'data-testid="pickup-at-booth"' in page
    assert reverse("seller:ship", args=[part.pk]) not in page
    assert order.channel.pickup_code not in page  # the buyer tells it

    response = seller.post(
        reverse("seller:ship", args=[part.pk]), {"carrier": "post", "tracking_code": "123"}
    )
    assert response.status_code == 302
    part.refresh_from_db()
    assert part.status == "new" and not part.tracking_code


def test_another_producer_cannot_open_the_pickup_part(stall, paid_pickup):
    order, part = paid_pickup
    stranger = ProducerFactory()
    stranger.users.add(UserFactory())
    response = producer_client_of(stranger).get(reverse("seller:fulfilment", args=[part.pk]))
    assert response.status_code == 404


def test_buyer_account_order_page_shows_the_code_and_a_stranger_cannot_see_it(
    zarinpal, stall, add_to_basket, django_assert_max_num_queries
):
    fair, producer, product, record = stall
    buyer = UserFactory(email="buyer@example.ir")
    client = Client()
    client.force_login(buyer)
    client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
    client.post(reverse("checkout:shipping-address"), _address())
    choose(client, f"pickup-{fair.pk}")
    client.get(pay_at_sandbox(zarinpal, place(client)["Location"]))
    order = Order.objects.get()
    assert order.user == buyer and order.status == "paid"

    url = reverse("customer:order", args=[order.number])
    with django_assert_max_num_queries(60):
        page = client.get(url)
    assert page.status_code == 200
    assert f'data-code="{order.channel.pickup_code}"' in page.content.decode()

    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(url).status_code == 404
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def _address():
    from .conftest import ADDRESS

    return ADDRESS
