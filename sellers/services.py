from collections import defaultdict

from .models import Fulfilment
from .shipping import charges_for_order


def create_fulfilments(order):
    """One fulfilment per producer of a paid order, holding that producer's lines.

    Idempotent: a producer that already has its fulfilment is left alone. Each carries the
    producer's shipping charge (sellers/shipping.py).
    """
    charges = charges_for_order(order)
    lines_by_producer = defaultdict(list)
    for line in order.lines.all():
        if line.partner_id:
            lines_by_producer[line.partner_id].append(line)
    existing = set(order.fulfilments.values_list("producer_id", flat=True))
    created = []
    for producer_id, lines in lines_by_producer.items():
        if producer_id in existing:
            continue
        fulfilment = Fulfilment.objects.create(
            order=order, producer_id=producer_id, shipping_charge_rials=charges.get(producer_id, 0)
        )
        fulfilment.lines.set(lines)
        created.append(fulfilment)
    return created
