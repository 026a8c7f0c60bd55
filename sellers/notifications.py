"""What producers are told, by SMS and email, when staff decide or a licence nears expiry.

Called on commit with ids; each message is built in Persian (the site's language) and sent
through the SMS backend (shop/sms) and email. A failed SMS is logged, never undoes a decision.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.utils import translation
from django.utils.translation import gettext as _

from shop.persian.dates import format_jalali_date
from shop.persian.numbers import localised_number

from .models import Partner

logger = logging.getLogger(__name__)


def _send(producer, subject, text):
    from shop.sms import send_sms
    from shop.sms.exceptions import SmsNotSent

    if producer.mobile:
        try:
            send_sms(producer.mobile, text)
        except SmsNotSent as error:
            logger.warning("SMS to producer %s not sent: %s", producer.pk, error)
    emails = [u.email for u in producer.users.all() if u.email]
    if emails:
        send_mail(subject, text, settings.DEFAULT_FROM_EMAIL, emails)


def decision_text(producer, action):
    if action == "approve":
        return _(
            "Dastsaz: your producer account %(name)s is approved. Add your products in the "
            "seller panel: %(url)s"
        ) % {"name": producer.name, "url": settings.SITE_URL + "/seller/"}
    if action == "reject":
        return _(
            "Dastsaz: your producer application was not approved. Reason: %(reason)s "
            "You can correct it and apply again in the seller panel."
        ) % {"reason": producer.status_reason}
    if action == "suspend":
        return _(
            "Dastsaz: your producer account is suspended and your products are hidden. "
            "Reason: %(reason)s"
        ) % {"reason": producer.status_reason}
    return _("Dastsaz: your producer account is closed.")


def tell_producer_of_decision(producer_id, action):
    producer = Partner.objects.prefetch_related("users").get(pk=producer_id)
    with translation.override(settings.LANGUAGE_CODE):
        _send(producer, _("Your producer account on Dastsaz"), decision_text(producer, action))


def tell_producer_licence_expires(producer_id, day=None):
    """`day`: the day the reminder is for (today when sent by the schedule)."""
    producer = Partner.objects.prefetch_related("users").get(pk=producer_id)
    with translation.override(settings.LANGUAGE_CODE):
        text = _(
            "Dastsaz: your home-business licence expires on %(date)s (%(days)s days left). "
            "Renew it on the licensing portal and send us the new licence, or your products "
            "will be hidden on that day."
        ) % {
            "date": format_jalali_date(producer.licence_expires_on),
            "days": localised_number(producer.licence_days_left(day)),
        }
        _send(producer, _("Your licence expires soon"), text)
