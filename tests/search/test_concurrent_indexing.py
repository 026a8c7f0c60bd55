"""Indexing one product from several places at once (workers, a bulk load) never collides."""

import threading

import pytest
from django.db import connection, connections

from search.indexing import index_products
from search.models import ProductDocument
from tests.factories import make_product

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="row locks need PostgreSQL")
def test_indexers_of_the_same_product_take_turns(reference_data):
    product = make_product(title="گلیم قشقایی", with_image=False)
    errors = []
    start = threading.Barrier(4)

    def index():
        try:
            start.wait()
            for _ in range(5):
                index_products([product.pk], to_elasticsearch=False)
        except Exception as error:  # noqa: BLE001 - collected and asserted below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=index) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert ProductDocument.objects.filter(product=product).count() == 1
