import os

import pytest

from catalog.models import Province
from search import selectors
from search.backends.base import ProductQuery
from search.backends.database import DatabaseBackend
from search.models import ProductDocument
from tests.factories import ProducerFactory, make_product


def province(code):
    return Province.objects.get(code=code)


@pytest.fixture
def catalog(reference_data):
    """A small marketplace every backend must search the same way."""
    isfahan = ProducerFactory(name="کارگاه چرم سپاهان", province=province("ISF"))
    fars = ProducerFactory(name="گلیم‌بافی قشقایی", province=province("FRS"))
    lorestan = ProducerFactory(name="گبه لری زاگرس", province=province("LRS"))
    kerman = ProducerFactory(name="باغ انجیر کرمان", province=province("KRM"))
    products = {
        "bag": make_product(
            title="کیف چرمی دست‌دوز",
            category_code="leather",
            producer=isfahan,
            price_rials=2_500_000,
            with_image=False,
        ),
        "kilim": make_product(
            title="گلیم دستبافت قشقایی",
            class_slug="carpet",
            category_code="kilim",
            producer=fars,
            price_rials=45_000_000,
            stock=3,
            with_image=False,
            attributes={"width_cm": 100, "length_cm": 150},
        ),
        "gabbeh": make_product(
            title="گبه دست بافت لری",
            class_slug="carpet",
            category_code="gabbeh",
            producer=lorestan,
            price_rials=30_000_000,
            stock=0,
            with_image=False,
            attributes={"width_cm": 80, "length_cm": 120},
        ),
        "khatam": make_product(
            title="جعبه خاتم ۱۲ تکه",
            category_code="khatam",
            producer=isfahan,
            price_rials=8_000_000,
            with_image=False,
        ),
        "figs": make_product(
            title="انجیر خشک ۵۰۰ گرمی",
            class_slug="food",
            category_code="dried-fruit",
            producer=kerman,
            price_rials=1_200_000,
            with_image=False,
            attributes={"net_weight_g": 500},
        ),
        "hidden": make_product(
            title="کیف چرمی پیش‌نمایش",
            category_code="leather",
            producer=isfahan,
            is_public=False,
            with_image=False,
        ),
    }
    return products


def use_elasticsearch(settings):
    """Point the project at the test Elasticsearch (ELASTICSEARCH_URL when pytest started)."""
    if not settings.ELASTICSEARCH_TEST_URL:
        if os.environ.get("CI"):
            pytest.fail("CI must test Elasticsearch: scripts/services.sh sets ELASTICSEARCH_URL")
        pytest.skip("ELASTICSEARCH_URL is not set: the Elasticsearch backend is not tested here")
    settings.ELASTICSEARCH_URL = settings.ELASTICSEARCH_TEST_URL
    selectors._backend = None


def elasticsearch_backend(settings):
    use_elasticsearch(settings)
    from search.backends import elasticsearch

    documents = elasticsearch.with_relations(ProductDocument.objects.all())
    elasticsearch.rebuild(documents)
    return elasticsearch.ElasticsearchBackend()


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, catalog, settings):
    if request.param == "elasticsearch":
        yield elasticsearch_backend(settings)
        selectors._backend = None
    else:
        yield DatabaseBackend()


@pytest.fixture
def search(backend, catalog):
    """search(text, **filters) -> the set of catalog keys found."""
    names = {product.pk: name for name, product in catalog.items()}

    def run(text="", **params):
        hits = backend.search(ProductQuery(text=text, per_page=100, **params))
        return {names[pk] for pk in hits.product_ids}

    return run
