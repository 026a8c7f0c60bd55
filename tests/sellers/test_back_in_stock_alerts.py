"""A buyer who asked to be told when a sold-out product is back gets the e-mail when its
producer restocks it; an order taking one unit of several does not look for alerts."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.apps.customer.models import ProductAlert

from sellers.models import StockRecord
from tests.factories import UserFactory, make_product

pytestmark = pytest.mark.django_db


def test_restocking_a_sold_out_product_tells_who_asked(reference_data):
    product = make_product(stock=0)
    buyer = UserFactory(email="maryam@example.ir")
    alert = ProductAlert.objects.create(product=product, user=buyer)
    record = StockRecord.objects.get(product=product)
    record.num_in_stock = 3
    record.save()
    alert.refresh_from_db()
    assert alert.status == ProductAlert.CLOSED
    assert [m.to for m in mail.outbox] == [["maryam@example.ir"]]


def test_a_record_still_sold_out_tells_nobody(reference_data):
    product = make_product(stock=0)
    alert = ProductAlert.objects.create(product=product, user=UserFactory())
    StockRecord.objects.get(product=product).save()
    alert.refresh_from_db()
    assert alert.status == ProductAlert.ACTIVE and not mail.outbox


def alert_queries(queries):
    return [q for q in queries.captured_queries if "customer_productalert" in q["sql"]]


def test_an_order_taking_a_unit_looks_for_alerts_once_at_most(reference_data):
    record = StockRecord.objects.get(product=make_product(stock=5))
    with CaptureQueriesContext(connection) as queries:
        record.allocate(1)  # 4 left: is anyone waiting? (nobody)
    assert len(alert_queries(queries)) == 1 and not mail.outbox
    record = StockRecord.objects.get(product=make_product(stock=1))
    with CaptureQueriesContext(connection) as queries:
        record.allocate(1)  # the last unit: nobody can be waiting for it to be back
    assert not alert_queries(queries)
