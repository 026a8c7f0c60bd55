"""A basket's lines as shop/basket/lines.py reads them: the same instances, field by field,
as Django's `select_related` query, in one query, each line knowing its basket, product
class, stock record, producer and city without another."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.apps.partner.strategy import Selector

from catalog.models import Product, ProductClass
from shop.basket.lines import lines_of
from shop.basket.models import Basket
from tests.factories import ProducerFactory, StockRecordFactory, make_product

pytestmark = pytest.mark.django_db
RELATED = ("product", "product.product_class", "stockrecord", "stockrecord.partner",
           "stockrecord.partner.city")  # fmt: skip


def orm_lines(basket):
    related = basket.lines.select_related("product__product_class", "stockrecord__partner__city")
    return list(related.order_by("pk"))


def follow(instance, path):
    for name in filter(None, path.split(".")):
        instance = getattr(instance, name)
    return instance


def fields(instance):
    if instance is None:
        return None
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


@pytest.fixture
def basket(reference_data):
    """Three lines of two producers: one producer without a city, one product a variant
    (no class of its own), one with carriers (JSON) and a UPC."""
    producer_without_city = ProducerFactory(city=None)
    parent = Product.objects.create(
        title="گلیم", structure=Product.PARENT, product_class=ProductClass.objects.first()
    )
    variant = Product.objects.create(title="گلیم آبی", structure=Product.CHILD, parent=parent)
    StockRecordFactory(product=variant, partner=producer_without_city, price=9_000_000)
    products = [
        make_product(title="جعبه خاتم", upc="KH-1", carriers=["post", "tipax"]),
        variant,
        make_product(title="گبه", producer=producer_without_city, with_image=False),
    ]
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product in products:
        basket.add_product(product, 2)
    return Basket.objects.get(pk=basket.pk)


def test_the_lines_are_the_orms_field_by_field(basket):
    expected, got = orm_lines(basket), lines_of(basket)
    assert [line.pk for line in got] == [line.pk for line in expected] and len(got) == 3
    for mine, theirs in zip(got, expected, strict=True):
        assert fields(mine) == fields(theirs)
        for path in RELATED:
            assert fields(follow(mine, path)) == fields(follow(theirs, path)), path
        assert type(mine.product.carriers) is type(theirs.product.carriers)  # JSON decoded
        assert not mine._state.adding and mine._state.db == theirs._state.db


def test_one_query_and_nothing_more_to_read(basket):
    with CaptureQueriesContext(connection) as queries:
        lines = lines_of(basket)
        for line in lines:
            assert line.basket is basket
            for path in RELATED:
                follow(line, path)
    assert len(queries) == 1
    cities = [line.stockrecord.partner.city for line in lines]
    assert cities[0] is not None and cities[1] is None and cities[2] is None
    assert lines[1].product.product_class is None  # a variant: its class is its parent's


def test_an_empty_basket_has_no_lines(reference_data):
    assert lines_of(Basket.objects.create()) == []


def test_the_basket_reads_its_lines_through_it(basket):
    """`all_lines` gives them as an evaluated queryset, which Oscar may count or test."""
    with CaptureQueriesContext(connection) as queries:
        lines = basket.all_lines()
        assert lines.count() == 3 and lines.exists() and len(list(lines)) == 3
    assert len(queries) == 1
    assert [line.quantity for line in lines] == [2, 2, 2]
