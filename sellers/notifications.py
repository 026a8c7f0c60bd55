"""What producers and buyers are told, by SMS and email: staff decisions, a licence near
expiry, each step of an order.

Run by Celery tasks (sellers/tasks.py) queued on commit, with ids; each message is built in
Persian (the site's language) and sent through the SMS backend (shop/sms) and email. A
failed SMS is logged, never undoes what was done.
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


def send_to_producer(producer, subject, text):
    """An SMS to the producer's mobile and an email to its accounts (a failed SMS is logged)."""
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
        send_to_producer(
            producer, _("Your producer account on Dastsaz"), decision_text(producer, action)
        )


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
        send_to_producer(producer, _("Your licence expires soon"), text)


def fulfilment_text(fulfilment):
    from .models import Fulfilment

    Status = Fulfilment.Status
    values = {
        "number": localised_number(fulfilment.order.number),
        "producer": fulfilment.producer.name,
        "carrier": fulfilment.get_carrier_display(),
        "code": fulfilment.tracking_code,
        "reason": fulfilment.cancel_reason,
    }
    if fulfilment.status == Status.ACCEPTED:
        text = _("Dastsaz: %(producer)s is preparing your order %(number)s.")
    elif fulfilment.status == Status.SHIPPED and fulfilment.tracking_code:
        text = _(
            "Dastsaz: %(producer)s sent your order %(number)s by %(carrier)s. "
            "Tracking code: %(code)s"
        )
    elif fulfilment.status == Status.SHIPPED:
        text = _("Dastsaz: %(producer)s sent your order %(number)s by %(carrier)s.")
    elif fulfilment.status == Status.DELIVERED:
        text = _("Dastsaz: your order %(number)s from %(producer)s is delivered.")
    elif fulfilment.status == Status.CANCELLED:
        text = _(
            "Dastsaz: %(producer)s could not send their part of your order %(number)s "
            "(%(reason)s). Your money for it will be returned."
        )
    else:
        return ""
    return text % values


def tell_buyer_of_fulfilment(fulfilment_id):
    """An SMS to the order's mobile number and an email to the buyer, for each step."""
    from shop.sms import send_sms
    from shop.sms.exceptions import SmsNotSent

    from .models import Fulfilment

    fulfilment = Fulfilment.objects.select_related(
        "order__user", "order__shipping_address", "producer"
    ).get(pk=fulfilment_id)
    order = fulfilment.order
    with translation.override(settings.LANGUAGE_CODE):
        text = fulfilment_text(fulfilment)
        if not text:
            return
        address = order.shipping_address
        mobile = str(address.phone_number) if address and address.phone_number else ""
        if mobile:
            try:
                send_sms(mobile, text)
            except SmsNotSent as error:
                logger.warning("SMS for order %s not sent: %s", order.number, error)
        email = order.email or (order.user.email if order.user_id else "")
        if email:
            subject = _("Your order %(number)s") % {"number": localised_number(order.number)}
            body = text + "\n\n" + _("Follow your order: %(url)s") % {"url": order_url(order)}
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email])


def order_url(order):
    """The buyer's page for the order: their account's, or the guest status page."""
    from django.urls import reverse

    if order.user_id:
        path = reverse("customer:order", kwargs={"order_number": order.number})
    else:
        path = reverse(
            "customer:anon-order",
            kwargs={"order_number": order.number, "hash": order.verification_hash()},
        )
    return settings.SITE_URL + path


def tell_onboarded_producer(producer_id, company_id):
    """A support company opened a producer account for someone. The link to choose a password
    goes by SMS to the mobile that confirmed the code (the one thing proven to be the
    producer's); the email the company typed only hears that the account exists. The account
    is always a new one (sellers/support/services.py: onboard)."""
    from django.contrib.auth.tokens import default_token_generator
    from django.urls import reverse
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    from shop.sms import send_sms
    from shop.sms.exceptions import SmsNotSent

    from .models import SupportCompany

    producer = Partner.objects.get(pk=producer_id)
    company = SupportCompany.objects.get(pk=company_id)
    user = producer.users.get()  # the account onboarding made
    with translation.override(settings.LANGUAGE_CODE):
        text = _(
            "%(company)s opened a Dastsaz seller account for %(producer)s with your consent. "
            "You can take away its access at any time from your panel."
        ) % {"company": company.name, "producer": producer.name}
        path = reverse(
            "password-reset-confirm",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        sms = (
            text
            + "\n"
            + _("Choose your password here: %(url)s") % {"url": settings.SITE_URL + path}
        )
        try:
            send_sms(producer.mobile, sms)
        except SmsNotSent as error:
            logger.warning("SMS to onboarded producer %s not sent: %s", producer.pk, error)
        body = text + "\n\n" + _("The link to choose your password was sent to your mobile.")
        body += "\n\n" + _("Your panel: %(url)s") % {
            "url": settings.SITE_URL + reverse("seller:home")
        }
        send_mail(
            _("Your seller account on Dastsaz"), body, settings.DEFAULT_FROM_EMAIL, [user.email]
        )
