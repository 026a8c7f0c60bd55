"""The organizer's channel reports: the sales at their exhibitions (every producer's booth
sales and pick-ups summed), all exhibitions side by side or one split by kind; never
anyone's online sales (exhibitions/channels/reports.py)."""

from django.shortcuts import render

from ..channels.report_pages import csv_response, date_range, page_context
from ..channels.reports import organizer_report
from .access import organizer_required
from .views import exhibition_of


@organizer_required
def reports_view(request):
    form, start, end = date_range(request)
    report = organizer_report(request.organizer, start, end)
    context = {"exhibition": None, **page_context(report, form)}
    return render(request, "exhibitions/panel/reports.html", context)


@organizer_required
def reports_csv_view(request):
    _form, start, end = date_range(request)
    return csv_response(organizer_report(request.organizer, start, end), "dastsaz-exhibitions")


@organizer_required
def exhibition_report_view(request, pk):
    exhibition = exhibition_of(request, pk)
    form, start, end = date_range(request)
    report = organizer_report(request.organizer, start, end, exhibition=exhibition)
    context = {"exhibition": exhibition, **page_context(report, form)}
    return render(request, "exhibitions/panel/reports.html", context)


@organizer_required
def exhibition_report_csv_view(request, pk):
    exhibition = exhibition_of(request, pk)
    _form, start, end = date_range(request)
    report = organizer_report(request.organizer, start, end, exhibition=exhibition)
    return csv_response(report, f"dastsaz-exhibition-{exhibition.pk}")
