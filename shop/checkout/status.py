"""Order status changes, only from the checkout's own services.

Oscar's dashboard offers the transitions of OSCAR_ORDER_STATUS_PIPELINE, which we leave
empty: marking an order paid, cancelled or refunded by hand would skip the stock, the
payment and the producers' ledger. The services here move orders along ORDER_STATUS_FLOW.
"""

from django.conf import settings
from django.db.models import prefetch_related_objects
from django.utils.translation import pgettext_lazy


def set_status(order, status):
    """Oscar's `set_status` (status change signal, lines cascaded) along our flow. The lines
    are read once for both passes, and not left behind as the order's prefetched lines."""
    order.pipeline = settings.ORDER_STATUS_FLOW
    had_lines = "lines" in getattr(order, "_prefetched_objects_cache", {})
    prefetch_related_objects([order], "lines")
    try:
        for line in order.lines.all():
            if line.status != status and status in settings.ORDER_STATUS_FLOW.get(line.status, ()):
                line.status = status
                line.save(update_fields=["status"])
        order.set_status(status)
    finally:
        if not had_lines:
            order._prefetched_objects_cache.pop("lines", None)


# The names buyers, producers and staff read for an order's or a line's status (the stored
# value stays Oscar's English slug).
STATUS_NAMES = {
    "pending-payment": pgettext_lazy("order status", "pending-payment"),
    "paid": pgettext_lazy("order status", "paid"),
    "cancelled": pgettext_lazy("order status", "cancelled"),
    "refunded": pgettext_lazy("order status", "refunded"),
}


def status_name(status):
    """The Persian name of an order or line status; an unknown status as it is stored."""
    return STATUS_NAMES.get(status, status)
