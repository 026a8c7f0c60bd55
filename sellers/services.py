from collections import defaultdict

from .models import Fulfilment


def create_fulfilments(order):
    """One fulfilment per producer of a paid order, holding that producer's lines.

    Idempotent: a producer that already has its fulfilment is left alone. Shipping is
    charged per producer once shipping profiles exist; until then it is zero.
    """
    lines_by_producer = defaultdict(list)
    for line in order.lines.all():
        if line.partner_id:
            lines_by_producer[line.partner_id].append(line)
    existing = set(order.fulfilments.values_list("producer_id", flat=True))
    created = []
    for producer_id, lines in lines_by_producer.items():
        if producer_id in existing:
            continue
        fulfilment = Fulfilment.objects.create(order=order, producer_id=producer_id)
        fulfilment.lines.set(lines)
        created.append(fulfilment)
    return created
