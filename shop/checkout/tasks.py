"""Background work of checkout: order emails and the scheduled payment housekeeping.

Tasks take ids, not objects, and are safe to run twice: the emails of a paid order are sent
once (an order note records it), and the commands look at the current state of each order and
payment attempt before acting.
"""

from celery import shared_task
from django.core.management import call_command
from django.db import transaction
from django.utils.translation import gettext as _

EMAILS_SENT_NOTE = "Order paid emails"


@shared_task(name="shop.checkout.tasks.send_order_paid_emails")
def send_order_paid_emails(order_id):
    from oscar.apps.order.models import Order, OrderNote

    from .emails import order_paid_messages, send_messages

    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id).first()
        if order is None or order.notes.filter(note_type=EMAILS_SENT_NOTE).exists():
            return 0
        sent = send_messages(order_paid_messages(order))
        OrderNote.objects.create(
            order=order,
            note_type=EMAILS_SENT_NOTE,
            message=_("Order paid emails sent to the buyer and the producers."),
        )
    return sent


@shared_task(name="shop.checkout.tasks.reconcile_payments")
def reconcile_payments():
    call_command("reconcile_payments")


@shared_task(name="shop.checkout.tasks.expire_pending_orders")
def expire_pending_orders():
    call_command("expire_pending_orders")
