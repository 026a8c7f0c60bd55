"""The public producer page: who they are, the licence badge, and only their products."""

import pytest

from sellers import producers
from tests.factories import ProducerFactory, UserFactory, make_product

pytestmark = pytest.mark.django_db


def test_the_producer_page_shows_the_story_badge_and_only_their_products(client, reference_data):
    producer = ProducerFactory(name="کارگاه گلیم زهرا", story="از کودکی گلیم می‌بافم.")
    own = make_product(title="گلیم قشقایی", producer=producer, with_image=False)
    other = make_product(title="جعبه خاتم", with_image=False)

    html = client.get(producer.get_absolute_url()).content.decode()
    assert "کارگاه گلیم زهرا" in html and "از کودکی گلیم می‌بافم." in html
    assert 'data-testid="licence-badge"' in html
    assert own.title in html and other.title not in html

    product_page = client.get(own.get_absolute_url()).content.decode()
    assert f'href="{producer.get_absolute_url()}"' in product_page


def test_a_producer_who_may_not_sell_has_no_public_page(client, reference_data):
    owner = UserFactory()
    producer = ProducerFactory()
    producer.users.add(owner)
    producers.suspend(producer, "شکایت")
    assert client.get(producer.get_absolute_url()).status_code == 404
    client.force_login(owner)
    assert client.get(producer.get_absolute_url()).status_code == 200


def test_an_unverified_licence_shows_no_badge(client, reference_data):
    producer = ProducerFactory(licence_verified_at=None)
    assert (
        'data-testid="licence-badge"'
        not in client.get(producer.get_absolute_url()).content.decode()
    )
