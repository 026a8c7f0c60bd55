"""The producer's channel report in the seller panel: sales, orders, units and top products
online and at each exhibition, per day, with charts and a CSV (exhibitions/channels)."""

from django.shortcuts import render

from exhibitions.channels.report_pages import csv_response, date_range, page_context
from exhibitions.channels.reports import producer_report

from ..access import panel_view


@panel_view("statements")
def reports_view(request):
    form, start, end = date_range(request)
    report = producer_report(request.producer, start, end)
    context = {"producer": request.producer, **page_context(report, form)}
    return render(request, "sellers/panel/reports.html", context)


@panel_view("statements")
def reports_csv_view(request):
    _form, start, end = date_range(request)
    return csv_response(producer_report(request.producer, start, end), "dastsaz-sales")
