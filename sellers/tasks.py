"""Scheduled producer housekeeping (celery beat, daily): licence reminders and expiry."""

from celery import shared_task


@shared_task(name="sellers.tasks.licence_housekeeping")
def licence_housekeeping():
    from .producers import hide_expired_licences, send_licence_reminders

    return {"reminded": send_licence_reminders(), "hidden": hide_expired_licences()}
