"""Emails when an order is paid: one to the buyer, one to each producer (console in dev)."""

from django.conf import settings
from django.core.mail import send_mail, send_mass_mail
from django.template.loader import render_to_string
from django.utils import translation


def order_paid_messages(order):
    with translation.override(settings.LANGUAGE_CODE):
        messages = []
        buyer = order.email or (order.user.email if order.user_id else "")
        if buyer:
            messages.append(
                (
                    render_to_string("emails/order_paid_subject.txt", {"order": order}).strip(),
                    render_to_string("emails/order_paid_buyer.txt", {"order": order}),
                    settings.DEFAULT_FROM_EMAIL,
                    [buyer],
                )
            )
        if _sold_at_booth(order):
            return messages  # the producer was there: no "new order" email to them
        for fulfilment in order.fulfilments.select_related("producer").prefetch_related(
            "lines", "producer__users"
        ):
            recipients = [u.email for u in fulfilment.producer.users.all() if u.email]
            if not recipients:
                continue
            context = {"order": order, "fulfilment": fulfilment, "site_url": settings.SITE_URL}
            messages.append(
                (
                    render_to_string("emails/new_fulfilment_subject.txt", context).strip(),
                    render_to_string("emails/new_fulfilment_producer.txt", context),
                    settings.DEFAULT_FROM_EMAIL,
                    recipients,
                )
            )
        return messages


def _sold_at_booth(order):
    from exhibitions.models import OrderChannel

    return OrderChannel.objects.filter(order=order, kind=OrderChannel.Kind.BOOTH_SALE).exists()


def send_order_paid_emails(order):
    """Queue the emails of a paid order (call it on commit); a worker sends them once."""
    from .tasks import send_order_paid_emails as task

    task.delay(order.pk)


def send_messages(messages):
    return send_mass_mail(messages, fail_silently=False)


def send_payment_given_up_email(order):
    """The gateway never said whether the buyer's payment went through, and we stopped
    waiting: the order is cancelled and any money taken goes back by itself."""
    buyer = order.email or (order.user.email if order.user_id else "")
    if not buyer:
        return
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string("emails/payment_given_up_subject.txt", {"order": order})
        body = render_to_string("emails/payment_given_up_buyer.txt", {"order": order})
    send_mail(subject.strip(), body, settings.DEFAULT_FROM_EMAIL, [buyer])
