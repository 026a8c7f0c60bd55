"""The producer's statement in the seller panel: balances, ledger lines with the running
balance, payouts received; as a page, a CSV and a printable monthly statement."""

import datetime

import jdatetime
from django.shortcuts import render
from django.utils import timezone

from shop.persian.dates import TEHRAN, format_jalali_datetime
from shop.spreadsheets import csv_download, jalali_cell

from ..access import panel_view
from ..money import selectors
from .views import _page


def _month(request):
    """The Jalali month asked for (`?month=1405-09`), else this month: (year, month)."""
    today = jdatetime.date.fromgregorian(date=timezone.localdate())
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        _period(year, month)
    except (TypeError, ValueError, OverflowError):
        return today.year, today.month
    return year, month


def _period(year, month):
    """[start, end) of a Jalali month, as aware datetimes in Tehran time."""
    first = jdatetime.date(year, month, 1)
    following = jdatetime.date(year + month // 12, month % 12 + 1, 1)

    def moment(day):
        return datetime.datetime.combine(day.togregorian(), datetime.time(), tzinfo=TEHRAN)

    return moment(first), moment(following)


def _recent_months(count=6):
    today = jdatetime.date.fromgregorian(date=timezone.localdate())
    year, month = today.year, today.month
    months = []
    for _ in range(count):
        months.append((year, month))
        year, month = (year - 1, 12) if month == 1 else (year, month - 1)
    return months


@panel_view("statements")
def statement_view(request):
    producer = request.producer
    _opening, lines = selectors.statement(producer)
    context = {
        "producer": producer,
        "money": selectors.balances(producer),
        "page": _page(request, lines),
        "payouts": selectors.payouts_received(producer)[:5],
        "months": [(f"{y}-{m:02d}", jdatetime.date(y, m, 1)) for y, m in _recent_months()],
    }
    return render(request, "sellers/panel/statement.html", context)


@panel_view("statements")
def statement_print_view(request):
    producer = request.producer
    year, month = _month(request)
    start, end = _period(year, month)
    opening, lines = selectors.statement(producer, start=start, end=end)
    lines = list(reversed(lines))  # oldest first on paper
    context = {
        "producer": producer,
        "month": jdatetime.date(year, month, 1),
        "opening_rials": opening,
        "closing_rials": lines[-1].running_rials if lines else opening,
        "credits_rials": sum(e.amount_rials for e in lines if e.amount_rials > 0),
        "debits_rials": sum(e.amount_rials for e in lines if e.amount_rials < 0),
        "lines": lines,
        "printed_at": timezone.now(),
    }
    return render(request, "sellers/panel/statement_print.html", context)


CSV_COLUMNS = ["date", "kind", "description", "order", "amount_rials", "balance_rials",
               "available_on"]  # fmt: skip


@panel_view("statements")
def statement_csv_view(request):
    producer = request.producer
    start = end = None
    if request.GET.get("month"):
        start, end = _period(*_month(request))
    _opening, lines = selectors.statement(producer, start=start, end=end)
    rows = (
        [
            format_jalali_datetime(entry.created_at, "en"),
            entry.get_kind_display(),
            entry.memo,
            entry.fulfilment.order.number if entry.fulfilment_id else "",
            entry.amount_rials,
            entry.running_rials,
            jalali_cell(entry.available_on),
        ]
        for entry in reversed(lines)
    )
    return csv_download(f"dastsaz-statement-{timezone.localdate():%Y%m%d}.csv", CSV_COLUMNS, rows)
