"""Reads: producer activity rows for staff and for a support company (computed daily by
services.refresh_activity; a page reads only these rows)."""

from django.db.models import BooleanField, Count, ExpressionWrapper, Q

from sellers.models import Right, SupportGrant

from .models import ProducerActivity

Flag = ProducerActivity.Flag
FLAGGED = (Flag.INACTIVE_30, Flag.INACTIVE_60)


def _rows():
    return (
        ProducerActivity.objects.select_related("producer__province")
        .prefetch_related("producer__crafts")
        .order_by("-inactive_days", "producer__name", "pk")
    )


def flagged_activity(province=None, flag=""):
    """Flagged producers, the quietest first; `flag` "30" or "60" narrows to one flag."""
    rows = _rows().filter(flag__in=[flag] if flag in FLAGGED else FLAGGED)
    if province is not None:
        rows = rows.filter(producer__province=province)
    return rows


def province_summary():
    """[{province id and names, producers, active, flagged_30, flagged_60}] by province."""
    return list(
        ProducerActivity.objects.values(
            "producer__province", "producer__province__name_fa", "producer__province__name_en"
        )
        .annotate(
            producers=Count("pk"),
            active=Count("pk", filter=Q(flag=Flag.NONE)),
            flagged_30=Count("pk", filter=Q(flag=Flag.INACTIVE_30)),
            flagged_60=Count("pk", filter=Q(flag=Flag.INACTIVE_60)),
        )
        .order_by("-flagged_60", "-flagged_30", "producer__province__name_fa")
    )


def activity_of_supported(company):
    """The activity of the producers who gave `company` any live right (and no other's),
    each row with `.shows_sales` when the producer granted orders (fulfilments)."""
    grants = SupportGrant.objects.filter(company=company, revoked_at__isnull=True)
    with_orders = grants.filter(right=Right.FULFILMENTS).values("producer_id")
    return (
        _rows()
        .filter(producer__in=grants.values("producer_id"))
        .annotate(
            shows_sales=ExpressionWrapper(Q(producer__in=with_orders), output_field=BooleanField())
        )
    )
