"""Reads about producers."""

import jdatetime
from django.db.models import Count, F, Prefetch, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from oscar.apps.order.models import Line

from catalog.models import Product, ProductImage

from .models import Fulfilment, ListingImport, Partner, StockRecord


def applications():
    """Producers waiting for staff, oldest first, with what the queue shows."""
    return (
        Partner.objects.filter(status=Partner.Status.APPLIED)
        .exclude(licence_number="")  # the profile is sent
        .select_related("province", "city")
        .prefetch_related("users")
        .order_by("created_at", "pk")
    )


def producers_for_staff(status=""):
    producers = Partner.objects.select_related("province").order_by("-status_changed_at", "-pk")
    return producers.filter(status=status) if status else producers


# --- The seller panel: every read is scoped to the acting producer -------------------------

LOW_STOCK = 2


def for_sale(record):
    """What is still for sale: the stock less the units orders hold (Oscar's net stock);
    None for a class that keeps no stock (services)."""
    return None if record.num_in_stock is None else record.net_stock_level


def listings_for(producer):
    """The producer's listings: each product with this producer's stock record."""
    return (
        Product.objects.filter(stockrecords__partner=producer)
        .select_related("product_class")
        .prefetch_related(
            Prefetch(
                "stockrecords",
                queryset=StockRecord.objects.filter(partner=producer),
                to_attr="own_stockrecords",
            ),
            Prefetch("images", queryset=ProductImage.objects.order_by("display_order", "pk")),
            "categories",
        )
        .order_by("-date_updated", "-pk")
    )


def photos_of(producer):
    return ProductImage.objects.filter(product__stockrecords__partner=producer)


def fulfilments_for(producer, status=""):
    fulfilments = (
        Fulfilment.objects.filter(producer=producer)
        .select_related("order", "order__shipping_address")
        .prefetch_related(
            Prefetch("lines", queryset=Line.objects.select_related("product").order_by("pk"))
        )
        .order_by("-created_at", "-pk")
    )
    return fulfilments.filter(status=status) if status else fulfilments


def imports_for(producer):
    return ListingImport.objects.filter(producer=producer)


def month_start(day=None):
    """The first day of the current Jalali month, as a Gregorian date."""
    today = jdatetime.date.fromgregorian(date=day or timezone.localdate())
    return today.replace(day=1).togregorian()


def panel_summary(producer, day=None):
    """What the panel's home shows: this (Jalali) month's sales, open fulfilments, low stock."""
    open_statuses = (Fulfilment.Status.NEW, Fulfilment.Status.ACCEPTED)
    fulfilments = Fulfilment.objects.filter(producer=producer)
    sold = fulfilments.exclude(status=Fulfilment.Status.CANCELLED).filter(
        created_at__date__gte=month_start(day)
    )
    sales = Line.objects.filter(
        partner=producer, order__fulfilments__in=sold, order__fulfilments__producer=producer
    ).aggregate(total=Sum("line_price_incl_tax"), count=Count("order", distinct=True))
    low_stock = (
        StockRecord.objects.filter(partner=producer, num_in_stock__isnull=False)
        .annotate(net=F("num_in_stock") - Coalesce(F("num_allocated"), 0))
        .filter(net__lte=LOW_STOCK)
        .select_related("product")
        .order_by("net", "pk")
    )
    return {
        "month_sales_rials": int(sales["total"] or 0),
        "month_orders": sales["count"],
        "open_fulfilments": fulfilments.filter(status__in=open_statuses).count(),
        "new_fulfilments": fulfilments.filter(status=Fulfilment.Status.NEW).count(),
        "low_stock": list(low_stock[:5]),
        "listings": StockRecord.objects.filter(partner=producer).count(),
    }
