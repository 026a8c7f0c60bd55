"""Demo booth stock: the producers with a confirmed booth at a running exhibition bring a few
units of their first products there (through the real service, so the online stock goes
down by as much), and sell one in person. Once: nothing is added when booth stock exists."""

import uuid

from django.db import transaction

from exhibitions.channels import sales, stock
from exhibitions.exceptions import ExhibitionsError
from exhibitions.models import BoothApplication, BoothStock, Exhibition
from sellers.models import StockRecord

UNITS = 3


def ensure_booth_stock(exhibitions):
    running = [e for e in exhibitions if e.status == Exhibition.Status.RUNNING]
    if not running or BoothStock.objects.filter(exhibition__in=running).exists():
        return
    with transaction.atomic():
        for exhibition in running:
            paid = exhibition.applications.filter(status=BoothApplication.Status.PAID)
            for application in paid.select_related("producer").order_by("pk"):
                _stock_booth(exhibition, application.producer)


def _stock_booth(exhibition, producer):
    records = StockRecord.objects.filter(partner=producer, num_in_stock__gte=2 * UNITS)
    moved = []
    for record in records.order_by("pk")[:2]:
        try:
            moved.append(stock.move_to_booth(producer, exhibition, record.pk, UNITS))
        except ExhibitionsError:
            return  # no booth today (a permanent exhibition's term): nothing to bring
    user = producer.users.order_by("pk").first()
    if moved and user is not None:
        sales.record_booth_sale(
            producer, exhibition, [(moved[0].pk, 1)], "cash", uuid.uuid4(), user
        )
