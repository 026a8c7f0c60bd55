"""Order status changes, only from the checkout's own services.

Oscar's dashboard offers the transitions of OSCAR_ORDER_STATUS_PIPELINE, which we leave
empty: marking an order paid, cancelled or refunded by hand would skip the stock, the
payment and the producers' ledger. The services here move orders along ORDER_STATUS_FLOW.
"""

from django.conf import settings


def set_status(order, status):
    """Oscar's `set_status` (status change signal, lines cascaded) along our flow."""
    order.pipeline = settings.ORDER_STATUS_FLOW
    for line in order.lines.all():
        if line.status != status and status in settings.ORDER_STATUS_FLOW.get(line.status, ()):
            line.status = status
            line.save(update_fields=["status"])
    order.set_status(status)
