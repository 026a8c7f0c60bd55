"""Producers' background work: daily licence housekeeping (celery beat), the SMS and email
that decisions and order steps send, and listing imports."""

from celery import shared_task


@shared_task(name="sellers.tasks.licence_housekeeping")
def licence_housekeeping():
    from .producers import hide_expired_licences, send_licence_reminders

    return {"reminded": send_licence_reminders(), "hidden": hide_expired_licences()}


@shared_task(name="sellers.tasks.notify_buyer_of_fulfilment")
def notify_buyer_of_fulfilment(fulfilment_id):
    """SMS and email off the request: a slow SMS provider never holds a producer's tap."""
    from .notifications import tell_buyer_of_fulfilment

    tell_buyer_of_fulfilment(fulfilment_id)


@shared_task(name="sellers.tasks.notify_producer_of_decision")
def notify_producer_of_decision(producer_id, action):
    from .notifications import tell_producer_of_decision

    tell_producer_of_decision(producer_id, action)


@shared_task(name="sellers.tasks.run_listing_import")
def run_listing_import(import_id):
    from django.conf import settings
    from django.utils import translation

    from .imports import run_import

    with translation.override(settings.LANGUAGE_CODE):
        job = run_import(import_id)
    return {"status": job.status, "rows": job.processed_rows}


@shared_task(name="sellers.tasks.notify_onboarded_producer")
def notify_onboarded_producer(producer_id, company_id):
    from .notifications import tell_onboarded_producer

    tell_onboarded_producer(producer_id, company_id)
