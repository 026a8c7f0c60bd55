"""Exhibitions' background work: the SMS and email of each application step, and the daily
schedule (exhibitions start and close by their dates; unpaid booth holds expire)."""

from celery import shared_task


@shared_task(name="exhibitions.tasks.notify_application")
def notify_application(application_id, event):
    from .notifications import tell

    tell(application_id, event)


@shared_task(name="exhibitions.tasks.exhibitions_housekeeping")
def exhibitions_housekeeping():
    from .services import advance_exhibitions, expire_unpaid

    return {
        "changed": len(advance_exhibitions()),
        "expired": len(expire_unpaid()),
    }
