"""Producer activity in the demo: two producers who went quiet (45 and 75 days: one flag of
each kind), then the daily figures computed once so the activity pages show something
(after the market history, shop/demo/market.py, which gives the others a year of orders)."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from catalog.models import Product
from insights.models import ProducerActivity
from insights.services import refresh_activity
from sellers.models import Fulfilment, Partner, StockRecord

QUIET_DAYS = (45, 75)


def ensure_quiet_producers(producers):
    """On the first run only (no activity computed yet), back-date the logins and listing
    changes of two approved producers with no orders; returns them."""
    if ProducerActivity.objects.exists():
        return []
    busy = set(Fulfilment.objects.values_list("producer_id", flat=True))
    quiet = [p for p in producers if p.status in Partner.APPROVED and p.pk not in busy][
        : len(QUIET_DAYS)
    ]
    for producer, days in zip(quiet, QUIET_DAYS, strict=False):
        moment = timezone.now() - datetime.timedelta(days=days)
        get_user_model().objects.filter(partners=producer).update(last_login=moment)
        Product.objects.filter(stockrecords__partner=producer).update(date_updated=moment)
        StockRecord.objects.filter(partner=producer).update(date_updated=moment)
        Partner.objects.filter(pk=producer.pk).update(created_at=moment)
    return quiet


def ensure_activity():
    # No nudges from the demo: the daily task sends them.
    return refresh_activity(nudge=False)
