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
