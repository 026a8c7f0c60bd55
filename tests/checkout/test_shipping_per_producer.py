import pytest
from oscar.apps.partner.strategy import Selector

from sellers.shipping import charges_for_basket
from shop.basket.models import Basket
from shop.shipping.repository import Repository
from tests.factories import ProducerFactory, make_product

pytestmark = pytest.mark.django_db


def basket_with(*items):
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product, quantity in items:
        basket.add_product(product, quantity)
    return basket


def test_each_producer_charges_its_own_fee(reference_data):
    near = ProducerFactory(base_shipping_fee_rials=500_000)
    far = ProducerFactory(base_shipping_fee_rials=900_000)
    basket = basket_with(
        (make_product(producer=near, price_rials=2_000_000, with_image=False), 1),
        (make_product(producer=near, price_rials=1_000_000, with_image=False), 2),
        (make_product(producer=far, price_rials=3_000_000, with_image=False), 1),
    )
    assert charges_for_basket(basket) == {near.pk: 500_000, far.pk: 900_000}
    method = Repository().get_default_shipping_method(basket=basket)
    assert method.calculate(basket).incl_tax == 1_400_000


def test_free_above_the_producers_threshold(reference_data):
    generous = ProducerFactory(
        base_shipping_fee_rials=500_000, free_shipping_threshold_rials=5_000_000
    )
    basket = basket_with(
        (make_product(producer=generous, price_rials=2_500_000, with_image=False), 2)
    )
    assert charges_for_basket(basket) == {generous.pk: 0}
    basket = basket_with(
        (make_product(producer=generous, price_rials=2_500_000, with_image=False), 1)
    )
    assert charges_for_basket(basket) == {generous.pk: 500_000}


def test_digital_services_need_no_shipping(reference_data):
    coder = ProducerFactory(base_shipping_fee_rials=500_000)
    service = make_product(
        class_slug="digital_service", category_code="programming", producer=coder,
        stock=None, price_rials=50_000_000, with_image=False,
        attributes={"delivery_days": 7},
    )  # fmt: skip
    basket = basket_with((service, 1))
    assert charges_for_basket(basket) == {}
    assert not basket.is_shipping_required()


def test_basket_page_groups_lines_by_producer_with_their_shipping(client, reference_data):
    from django.urls import reverse

    weaver = ProducerFactory(name="گلیم‌بافی زهرا", base_shipping_fee_rials=700_000)
    grower = ProducerFactory(
        name="باغ انجیر", base_shipping_fee_rials=500_000, free_shipping_threshold_rials=1_000_000
    )
    rug = make_product(title="گلیم", producer=weaver, with_image=False)
    figs = make_product(title="انجیر", producer=grower, price_rials=600_000, with_image=False)
    client.post(reverse("basket:add", args=[rug.pk]), {"quantity": 1})
    client.post(reverse("basket:add", args=[figs.pk]), {"quantity": 2})
    html = client.get(reverse("basket:summary")).content.decode()
    assert "به تفکیک تولیدکننده" in html
    assert "گلیم‌بافی زهرا" in html and "۷۰٬۰۰۰ تومان" in html  # weaver's post
    assert "باغ انجیر" in html and "رایگان" in html  # 1,200,000 Rials is above the threshold
