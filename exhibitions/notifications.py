"""What producers and organizers are told at each step of a booth application, by SMS and
email, in Persian. Run by a Celery task queued on commit (tasks.py); a failed SMS is logged
and never undoes what was done."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from shop.persian.dates import format_jalali_datetime
from shop.persian.money import format_toman

from .models import BoothApplication

logger = logging.getLogger(__name__)


def producer_text(application, event):
    values = {
        "exhibition": application.exhibition.title,
        "booth": application.booth.code if application.booth else "",
        "fee": format_toman(application.fee_rials),
        "pay_by": format_jalali_datetime(application.pay_by),
        "reason": application.reason,
        "url": settings.SITE_URL + reverse("seller:application", args=[application.pk]),
    }
    texts = {
        "applied": _("Dastsaz: your application for a booth at %(exhibition)s was received. "
                     "The organizer will answer soon. %(url)s"),
        "paid": _("Dastsaz: your booth %(booth)s at %(exhibition)s is confirmed. %(url)s"),
        "moved": _("Dastsaz: your booth at %(exhibition)s is now %(booth)s. %(url)s"),
        "rejected": _("Dastsaz: your application for a booth at %(exhibition)s was not "
                      "accepted. Reason: %(reason)s"),
        "expired": _("Dastsaz: the booth fee for %(exhibition)s was not paid in time and the "
                     "booth was released. You can apply again while applications are open."),
        "withdrawn": _("Dastsaz: your application for a booth at %(exhibition)s is "
                       "withdrawn."),
    }  # fmt: skip
    if event == "accepted" and application.status == BoothApplication.Status.PAID:
        text = _("Dastsaz: you have booth %(booth)s at %(exhibition)s, free of charge. %(url)s")
    elif event == "accepted":
        text = _(
            "Dastsaz: your application for %(exhibition)s is accepted: booth %(booth)s. Pay "
            "the fee of %(fee)s by %(pay_by)s or the booth is released: %(url)s"
        )
    else:
        text = texts.get(event, "")
    return text % values if text else ""


def organizer_text(application):
    return _(
        "Dastsaz: %(producer)s applied for a booth at %(exhibition)s. Answer it here: %(url)s"
    ) % {
        "producer": application.producer.name,
        "exhibition": application.exhibition.title,
        "url": settings.SITE_URL
        + reverse("organizer:application", args=[application.exhibition_id, application.pk]),
    }


def tell(application_id, event):
    from sellers.notifications import send_to_producer

    application = (
        BoothApplication.objects.select_related("exhibition__organizer", "producer")
        .prefetch_related("producer__users", "exhibition__organizer__users", "assignments__booth")
        .get(pk=application_id)
    )
    producer, organizer = application.producer, application.exhibition.organizer
    with translation.override(settings.LANGUAGE_CODE):
        text = producer_text(application, event)
        if text:
            subject = _("Your booth at %(exhibition)s") % {
                "exhibition": application.exhibition.title
            }
            send_to_producer(producer, subject, text)
        if event == "applied":
            to = {u.email for u in organizer.users.all() if u.email} | (
                {organizer.email} if organizer.email else set()
            )
            if to:
                subject = _("A new booth application for %(exhibition)s") % {
                    "exhibition": application.exhibition.title
                }
                send_mail(subject, organizer_text(application), settings.DEFAULT_FROM_EMAIL,
                          sorted(to))  # fmt: skip
