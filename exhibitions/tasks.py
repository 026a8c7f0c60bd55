"""Exhibitions' background work: the SMS and email of each application step, and the daily
schedule (exhibitions start and close by their dates; unpaid booth holds expire)."""

from celery import shared_task


@shared_task(name="exhibitions.tasks.notify_application")
def notify_application(application_id, event):
    from .notifications import tell

    tell(application_id, event)


@shared_task(name="exhibitions.tasks.exhibitions_housekeeping")
def exhibitions_housekeeping():
    from .channels.stock import return_ended_terms, return_unsold
    from .services import advance_exhibitions, expire_unpaid

    return {
        "changed": len(advance_exhibitions()),
        "expired": len(expire_unpaid()),
        # Booth stock is time-bound: closed exhibitions' and ended terms' units come home.
        "returned": sum(return_unsold().values()) + sum(return_ended_terms().values()),
    }


@shared_task(name="exhibitions.tasks.return_booth_stock")
def return_booth_stock(exhibition_id):
    """An exhibition closed: uncollected pick-ups released, unsold booth units back online."""
    from .channels.stock import return_unsold
    from .models import Exhibition

    exhibition = Exhibition.objects.get(pk=exhibition_id)
    return sum(return_unsold(exhibition=exhibition).values())
