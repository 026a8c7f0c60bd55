"""Search indexing off the request: signals (search/signals.py) queue these on commit.

Both rebuild documents from the catalogue as it is when they run, so running twice is harmless.
"""

from celery import shared_task


@shared_task(name="search.tasks.index_products")
def index_products(product_ids):
    from .indexing import index_products as index

    index(list(product_ids))


@shared_task(name="search.tasks.index_producer_products")
def index_producer_products(producer_id):
    from .indexing import index_products as index
    from .indexing import products_of_producer

    index(products_of_producer(producer_id))
