"""Insights' scheduled work: the daily producer activity refresh (celery beat, 05:00) with
the nudges it queues, and the weekly market figures (Saturday 03:30)."""

from celery import shared_task


@shared_task(name="insights.tasks.refresh_activity")
def refresh_activity():
    from .services import refresh_activity

    return refresh_activity()


@shared_task(name="insights.tasks.nudge_inactive_producer")
def nudge_inactive_producer(producer_id, titles):
    """SMS and email off the refresh: a slow SMS provider never holds the others."""
    from .notifications import nudge_inactive_producer

    nudge_inactive_producer(producer_id, titles)


@shared_task(name="insights.tasks.refresh_market")
def refresh_market():
    from .market import refresh_market

    return [week.isoformat() for week in refresh_market()]
