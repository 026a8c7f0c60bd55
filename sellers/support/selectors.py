"""What a support company sees of the producers it supports: only what each granted."""

from collections import defaultdict

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce

from ..models import Fulfilment, LedgerEntry, Partner, StockRecord, SupportAction, SupportGrant
from ..selectors import LOW_STOCK, month_start


def live_grants(producer):
    return SupportGrant.objects.filter(producer=producer, revoked_at__isnull=True).select_related(
        "company"
    )


def grant_history(producer):
    return SupportGrant.objects.filter(producer=producer).select_related(
        "company", "granted_by", "revoked_by"
    )


def actions_in_panel_of(producer, limit=50):
    return SupportAction.objects.filter(producer=producer).select_related("company", "user")[:limit]


def actions_of(company, limit=100):
    return SupportAction.objects.filter(company=company).select_related("producer", "user")[:limit]


def supported_producers(company, day=None):
    """The company's producers side by side: [{producer, rights, figures…}], one query per
    figure for all producers, each figure only for producers who granted the right to it."""
    rights = defaultdict(set)
    for producer_id, right in SupportGrant.objects.filter(
        company=company, revoked_at__isnull=True
    ).values_list("producer_id", "right"):
        rights[producer_id].add(right)
    producers = Partner.objects.filter(pk__in=rights).order_by("name", "pk")
    by_right = {
        name: [pk for pk, granted in rights.items() if name in granted]
        for name in ("listings", "fulfilments", "statements")
    }
    sales = dict(
        Fulfilment.objects.filter(
            producer_id__in=by_right["fulfilments"], created_at__date__gte=month_start(day)
        )
        .exclude(status=Fulfilment.Status.CANCELLED)
        .values("producer_id")
        .annotate(total=Sum("lines__line_price_incl_tax"))
        .values_list("producer_id", "total")
    )
    open_ = dict(
        Fulfilment.objects.filter(
            producer_id__in=by_right["fulfilments"],
            status__in=(Fulfilment.Status.NEW, Fulfilment.Status.ACCEPTED),
        )
        .values("producer_id")
        .annotate(n=Count("pk"))
        .values_list("producer_id", "n")
    )
    stock = {
        row["partner_id"]: row
        for row in StockRecord.objects.filter(partner_id__in=by_right["listings"])
        .values("partner_id")
        .annotate(
            listings=Count("pk"),
            low=Count(
                "pk",
                filter=Q(num_in_stock__isnull=False)
                & Q(num_in_stock__lte=Coalesce(F("num_allocated"), 0) + LOW_STOCK),
            ),
        )
    }
    balances = dict(
        LedgerEntry.objects.filter(
            producer_id__in=by_right["statements"], account=LedgerEntry.Account.PRODUCER
        )
        .values("producer_id")
        .annotate(total=Sum("amount_rials"))
        .values_list("producer_id", "total")
    )
    rows = []
    for producer in producers:
        granted = rights[producer.pk]
        row = {"producer": producer, "rights": granted}
        if "fulfilments" in granted:
            row["month_sales_rials"] = int(sales.get(producer.pk) or 0)
            row["open_fulfilments"] = open_.get(producer.pk, 0)
        if "listings" in granted:
            row["listings"] = stock.get(producer.pk, {}).get("listings", 0)
            row["low_stock"] = stock.get(producer.pk, {}).get("low", 0)
        if "statements" in granted:
            row["balance_rials"] = balances.get(producer.pk, 0)
        rows.append(row)
    return rows
