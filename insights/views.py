"""Producer activity pages: staff's (Oscar dashboard, every producer, by province) and a
support company's (seller panel, only the producers who gave it access). Both read the rows
services.refresh_activity computed; neither queries orders."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.paginator import Paginator
from django.shortcuts import render

from catalog.models import Province
from sellers.access import member_required

from . import selectors
from .csv_export import activity_csv

PAGE_SIZE = 50


def _filters(request):
    """(province or None, flag "" / "30" / "60") from the query string; junk is ignored."""
    flag = request.GET.get("flag", "")
    flag = flag if flag in selectors.FLAGGED else ""
    province_id = request.GET.get("province", "")
    province = None
    if province_id.isdigit():
        province = Province.objects.filter(pk=province_id).first()
    return province, flag


@staff_member_required
def activity_view(request):
    province, flag = _filters(request)
    page = Paginator(selectors.flagged_activity(province, flag), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "summary": selectors.province_summary(),
        "provinces": Province.objects.all(),
        "province": province,
        "flag": flag,
        "page_obj": page,
        "paginator": page.paginator,
        "query": request.GET.urlencode(),
    }
    return render(request, "insights/activity.html", context)


@staff_member_required
def activity_csv_view(request):
    province, flag = _filters(request)
    return activity_csv(selectors.flagged_activity(province, flag), "dastsaz-inactive-producers")


@member_required
def company_activity_view(request):
    company = request.member.company
    context = {"company": company, "rows": selectors.activity_of_supported(company)}
    return render(request, "insights/company_activity.html", context)


@member_required
def company_activity_csv_view(request):
    rows = selectors.activity_of_supported(request.member.company)
    return activity_csv(rows, "dastsaz-producer-activity", with_sales=lambda row: row.shows_sales)
