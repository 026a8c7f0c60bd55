import pytest
from django.test import Client
from django.urls import reverse
from oscar.apps.order.models import Order

from tests.checkout.conftest import pay_at_sandbox, place_order_as_guest
from tests.factories import ProducerFactory, UserFactory


@pytest.fixture
def producer_client(reference_data):
    """A client signed in as an approved producer's account: (client, producer)."""
    user = UserFactory()
    producer = ProducerFactory(name="گلیم‌بافی مریم")
    producer.users.add(user)
    client = Client()
    client.force_login(user)
    return client, producer


@pytest.fixture
def other_producer(reference_data):
    """Another producer, with an account of their own."""
    producer = ProducerFactory(name="کارگاه دیگری")
    producer.users.add(UserFactory())
    return producer


@pytest.fixture
def buy(zarinpal):
    """A guest buys the given products through checkout and the Zarinpal sandbox (real HTTP);
    returns the paid order."""

    def buy(*products, email="buyer@example.ir"):
        client = Client()
        for product in products:
            response = client.post(reverse("basket:add", args=[product.pk]), {"quantity": 1})
            assert response.status_code == 302
        start = place_order_as_guest(client, email)["Location"]
        client.get(pay_at_sandbox(zarinpal, start))
        order = Order.objects.order_by("-pk").first()
        assert order.status == "paid"
        return order

    return buy


SHEBA = "IR062960000000100324200001"  # a well-formed Sheba (mod-97 checks out)


def place_paid_order(items, received_by):
    """An order for [(product, quantity)] placed by Oscar's OrderCreator (stock allocated
    as in checkout) and paid in person at a booth through the real settle path
    (shop.checkout.services.settle_booth_payment), without HTTP: fast enough for
    property tests. Returns the paid order with its fulfilments."""
    from oscar.test.factories import create_order

    from sellers.strategy import Default
    from shop.basket.models import Basket
    from shop.checkout.services import settle_booth_payment
    from shop.payments import services as payments
    from shop.persian.money import to_rials
    from shop.shipping.methods import PostByEachProducer

    basket = Basket.objects.create()
    basket.strategy = Default()
    for product, quantity in items:
        basket.add_product(product, quantity)
    order = create_order(basket=basket, shipping_method=PostByEachProducer())
    attempt = payments.create_attempt(order, "booth", to_rials(order.total_incl_tax))
    payments.start_attempt(attempt, "/seller/")
    settle_booth_payment(attempt.pk, received_by)
    order.refresh_from_db()
    assert order.status == "paid"
    return order


@pytest.fixture
def staff_user(reference_data):
    return UserFactory(is_staff=True, username="staff-money")
