"""Producer activity as CSV for spreadsheet programs: UTF-8 with a BOM (so Persian names read
right), dates both Jalali and ISO, money in Rials and Toman."""

from django.utils import timezone

from shop.persian.money import toman_plain
from shop.spreadsheets import csv_download, jalali_cell

COLUMNS = [
    "producer_id", "producer", "province", "crafts", "flag", "inactive_days",
    "last_login_jalali", "last_login", "last_listing_change_jalali", "last_listing_change",
    "last_order_jalali", "last_order", "orders_90d", "sales_90d_rials", "sales_90d_toman",
    "avg_dispatch_hours", "stock_outs", "nudged_at_jalali", "nudged_at",
]  # fmt: skip


def _dates(moment):
    if moment is None:
        return ["", ""]
    day = timezone.localdate(moment)
    return [jalali_cell(day), day.isoformat()]


def activity_csv(rows, name, with_sales=lambda row: True):
    """`rows`: ProducerActivity rows (producer, province and crafts loaded);
    `with_sales(row)`: whether orders and sales may be shown for that row."""

    def cells(row):
        producer = row.producer
        sales = with_sales(row)
        return [
            producer.pk,
            producer.name,
            str(producer.province) if producer.province else "",
            " / ".join(craft.name for craft in producer.crafts.all()),
            row.flag,
            "" if row.inactive_days is None else row.inactive_days,
            *_dates(row.last_login),
            *_dates(row.last_listing_change),
            *_dates(row.last_order),
            row.orders_90d if sales else "",
            row.sales_90d_rials if sales else "",
            toman_plain(row.sales_90d_rials) if sales else "",
            "" if row.avg_dispatch_hours is None else row.avg_dispatch_hours,
            row.stock_outs,
            *_dates(row.nudged_at),
        ]

    return csv_download(f"{name}-{timezone.localdate():%Y%m%d}.csv", COLUMNS, map(cells, rows))


MARKET_COLUMNS = [
    "period_start_jalali", "period_start", "period_end_jalali", "period_end",
    "province", "province_en", "craft_code", "craft", "demand", "searches", "unmet_searches",
    "views", "baskets", "orders", "units", "sales_rials", "sales_toman", "listings",
    "producers", "demand_per_listing",
]  # fmt: skip


def _period_cells(period):
    return [
        jalali_cell(period.start),
        period.start.isoformat(),
        jalali_cell(period.end),
        period.end.isoformat(),
    ]


def market_csv(market):
    """Every (province, craft) of a market_selectors.Market, then the buyers whose province
    is not known as one line (empty province and craft)."""
    period = _period_cells(market.period)

    def cells(row):
        return [
            *period,
            row.province.name_fa if row.province else "",
            row.province.name_en if row.province else "",
            row.craft.code if row.craft else "",
            row.craft.name if row.craft else "",
            row.demand,
            row.searches,
            row.unmet_searches,
            row.views,
            row.baskets,
            row.orders,
            row.units,
            row.sales_rials,
            toman_plain(row.sales_rials),
            row.listings,
            row.producers,
            round(row.demand_per_listing, 2),
        ]

    rows = [*market.rows, market.unknown] if market.supply_week else []
    name = f"dastsaz-market-{market.period.first:%Y%m%d}-{market.period.end:%Y%m%d}.csv"
    return csv_download(name, MARKET_COLUMNS, map(cells, rows))


UNMET_COLUMNS = [
    "period_start_jalali", "period_start", "period_end_jalali", "period_end",
    "query", "province", "province_en", "craft_code", "craft", "searches",
]  # fmt: skip


def unmet_csv(rows, period):
    """market_selectors.unmet_rows: searches that found nothing by query, province, craft."""
    cells_of_period = _period_cells(period)

    def cells(row):
        return [
            *cells_of_period,
            row["query"],
            row["province__name_fa"] or "",
            row["province__name_en"] or "",
            row["craft__code"] or "",
            row["craft__name"] or "",
            row["searches"],
        ]

    name = f"dastsaz-unmet-searches-{period.first:%Y%m%d}-{period.end:%Y%m%d}.csv"
    return csv_download(name, UNMET_COLUMNS, map(cells, rows))
