"""Scheduled producer housekeeping (celery beat, daily): licence reminders and expiry."""

from celery import shared_task


@shared_task(name="sellers.tasks.licence_housekeeping")
def licence_housekeeping():
    from .producers import hide_expired_licences, send_licence_reminders

    return {"reminded": send_licence_reminders(), "hidden": hide_expired_licences()}


@shared_task(name="sellers.tasks.run_listing_import")
def run_listing_import(import_id):
    from django.conf import settings
    from django.utils import translation

    from .imports import run_import

    with translation.override(settings.LANGUAGE_CODE):
        job = run_import(import_id)
    return {"status": job.status, "rows": job.processed_rows}
