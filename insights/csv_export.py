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
