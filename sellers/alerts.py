"""Oscar's "tell me when it is back" e-mails (product alerts a buyer leaves on a sold-out
product), sent when a stock record is saved with units to sell and someone is waiting.

Oscar's own receiver (OSCAR_EAGER_ALERTS, off in settings) looked for them after every save
of a stock record: three queries, and a log line, each time an order took one unit of five.
Alerts exist only while a product is sold out, so a record with nothing to sell skips the
look-up, and one with units costs a single query unless someone is waiting."""

from oscar.core.loading import get_class, get_model


def send_back_in_stock_alerts(sender, instance, created=False, raw=False, **kwargs):
    if raw:
        return
    product = instance.product
    if product.get_product_class().track_stock and instance.net_stock_level <= 0:
        return
    ProductAlert = get_model("customer", "ProductAlert")
    waiting = ProductAlert.objects.filter(
        product_id__in=[product.pk, product.parent_id], status=ProductAlert.ACTIVE
    )
    if waiting.exists():
        get_class("customer.alerts.utils", "AlertsDispatcher")().send_product_alert_email_for_user(
            product
        )
