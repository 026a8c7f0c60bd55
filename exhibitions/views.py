"""Public exhibition pages: the list (running now, upcoming; by province and kind), the month
view in the Jalali calendar, the iCal feeds and each exhibition's page. Drafts and the
exhibitions of inactive organizers are found by none of them (`selectors.public_exhibitions`).
"""

from urllib.parse import urlencode

import jdatetime
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from catalog.models import Province
from cms.selectors import exhibition_content
from sellers.access import producer_of

from . import calendar, selectors
from .channels.where import in_stock_at, is_open_on
from .models import BoothApplication, Exhibition, OpeningHours
from .month import month_bounds, month_exists, month_grid, neighbours

PER_PAGE = 20


def index_view(request):
    today = timezone.localdate()
    provinces = list(selectors.provinces_with_exhibitions(today))
    province = next((p for p in provinces if p.code == request.GET.get("province")), None)
    kind = request.GET.get("kind")
    kind = kind if kind in Exhibition.Kind.values else None
    exhibitions = selectors.current_exhibitions(
        today, province_code=province.code if province else None, kind=kind
    )
    page = Paginator(exhibitions, PER_PAGE).get_page(request.GET.get("page"))

    def link(**changes):
        chosen = {"province": province.code if province else None, "kind": kind, **changes}
        query = urlencode({key: value for key, value in chosen.items() if value})
        return f"?{query}" if query else request.path

    return render(
        request,
        "exhibitions/index.html",
        {
            "page_obj": page,
            "paginator": page.paginator,
            "exhibitions": page.object_list,
            "province": province,
            "kind": kind,
            "province_links": [(_("All provinces"), link(province=None), province is None)]
            + [(p, link(province=p.code), p == province) for p in provinces],
            "kind_links": [
                (_("All"), link(kind=None), kind is None),
                *(
                    (label, link(kind=value), kind == value)
                    for value, label in Exhibition.Kind.choices
                ),
            ],
            "today": today,
        },
    )


def month_view(request, year=None, month=None):
    today = timezone.localdate()
    if year is None:
        this_month = jdatetime.date.fromgregorian(date=today)
        year, month = this_month.year, this_month.month
    if not month_exists(year, month):
        raise Http404
    first, last = month_bounds(year, month)
    exhibitions = list(selectors.overlapping_month(first, last).prefetch_related("hours"))
    before, after = neighbours(year, month)
    return render(
        request,
        "exhibitions/month.html",
        {
            "weeks": month_grid(year, month, exhibitions, today),
            "month": jdatetime.date(year, month, 1),
            "previous_url": before and reverse("exhibitions:month-of", args=before),
            "next_url": after and reverse("exhibitions:month-of", args=after),
            "weekdays": OpeningHours.Weekday.labels,
        },
    )


def detail_view(request, slug):
    exhibition = get_object_or_404(
        selectors.public_exhibitions().select_related("content").prefetch_related("hours"),
        slug=slug,
    )
    producer = producer_of(request.user)
    plan = selectors.floor_plan(exhibition, producer=producer)
    query = request.GET.get("q", "").strip()[:100]
    return render(
        request,
        "exhibitions/detail.html",
        {
            "exhibition": exhibition,
            "venue": exhibition.venue,
            "plan": plan,
            "booths": [
                (booth, state, application if _confirmed(application) else None)
                for booth, state, application in plan
            ],
            "participants": selectors.participants(exhibition),
            "content": exhibition_content(exhibition),
            "is_open_now": is_open_on(exhibition),
            "in_stock": in_stock_at(exhibition, query),
            "query": query,
            "apply_url": (
                apply_url(exhibition)
                if exhibition.accepts_applications_on(timezone.localdate())
                else ""
            ),
        },
    )


def _confirmed(application):
    return application is not None and application.status == BoothApplication.Status.PAID


def apply_url(exhibition):
    """Where a producer applies for a booth (the seller panel's page for it)."""
    return reverse("seller:exhibition-apply", args=[exhibition.pk])


def calendar_view(request, province_code=None):
    exhibitions = (
        selectors.public_exhibitions().prefetch_related("hours").order_by("starts_on", "pk")
    )
    name = _("Dastsaz exhibitions")
    filename = "dastsaz-exhibitions.ics"
    if province_code is not None:
        province = get_object_or_404(Province, code__iexact=province_code)
        exhibitions = exhibitions.filter(venue__province=province)
        name = _("Dastsaz exhibitions in %(province)s") % {"province": province}
        filename = f"dastsaz-exhibitions-{province.code.lower()}.ics"
    body = calendar.build_calendar(
        exhibitions,
        name=name,
        url_of=lambda exhibition: request.build_absolute_uri(exhibition.get_absolute_url()),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
