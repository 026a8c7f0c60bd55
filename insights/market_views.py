"""Demand against supply by province and craft, and the searches that found nothing: staff's
pages in Oscar's dashboard (the whole country, with CSV), an organizer's (defaulting to the
provinces of their venues) and a support company's (defaulting to the crafts of the
producers who gave it access). All read the weekly summaries (market_selectors) and show
aggregates only: no producer is named."""

from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import render

from catalog.models import Province
from exhibitions.organizer.access import organizer_required
from sellers.access import member_required

from . import market_selectors as selectors
from .charts import province_chart
from .csv_export import market_csv, unmet_csv

ALL = "all"


def _narrowing(value, default, known):
    """(ids or None for all, the value to keep in the form) from a query-string value:
    "all", one known id, or anything else for `default` (ids, or None)."""
    if value == ALL:
        return None, ALL
    if value.isdigit() and int(value) in known:
        return {int(value)}, value
    return default, ""


class Filters:
    """The period and the narrowing a page was asked for, and the lists to choose from."""

    def __init__(self, request, provinces=None, crafts=None):
        try:
            weeks = int(request.GET.get("weeks", ""))
        except ValueError:
            weeks = selectors.DEFAULT_WEEKS
        self.period = selectors.period(weeks)
        self.province_list = list(Province.objects.all())
        self.craft_list = list(selectors.crafts())
        self.has_default_provinces = provinces is not None
        self.has_default_crafts = crafts is not None
        self.provinces, self.province = _narrowing(
            request.GET.get("province", ""), provinces, {p.pk for p in self.province_list}
        )
        self.crafts, self.craft = _narrowing(
            request.GET.get("craft", ""), crafts, {c.pk for c in self.craft_list}
        )
        self.query = request.GET.urlencode()

    def market(self):
        return selectors.market(
            self.period,
            self.provinces,
            self.crafts,
            province_of={p.pk: p for p in self.province_list},
            craft_of={c.pk: c for c in self.craft_list},
        )

    @property
    def weeks_choices(self):
        return selectors.PERIOD_WEEKS

    @property
    def chosen_craft(self):
        if self.crafts is not None and len(self.crafts) == 1:
            (craft_id,) = self.crafts
            return next((c for c in self.craft_list if c.pk == craft_id), None)
        return None


def _market_context(request, provinces=None, crafts=None):
    filters = Filters(request, provinces, crafts)
    market = filters.market()
    return {
        "filters": filters,
        "period": filters.period,
        "market": market,
        "wanted": market.wanted[: selectors.RANKED],
        "unwanted": market.unwanted[: selectors.RANKED],
        "chart": province_chart(market.provinces, filters.period, filters.chosen_craft),
    }


@staff_member_required
def market_view(request):
    return render(request, "insights/market.html", _market_context(request))


@staff_member_required
def market_csv_view(request):
    filters = Filters(request)
    return market_csv(filters.market())


@staff_member_required
def unmet_view(request):
    filters = Filters(request)
    context = {
        "filters": filters,
        "period": filters.period,
        "unmet": selectors.unmet(filters.period, filters.provinces, filters.crafts),
    }
    return render(request, "insights/unmet.html", context)


@staff_member_required
def unmet_csv_view(request):
    filters = Filters(request)
    rows = selectors.unmet_rows(filters.period, filters.provinces, filters.crafts)
    return unmet_csv(rows, filters.period)


@organizer_required
def organizer_market_view(request):
    provinces = selectors.provinces_of_organizer(request.organizer) or None
    context = _market_context(request, provinces=provinces)
    context["organizer"] = request.organizer
    return render(request, "insights/organizer_market.html", context)


@member_required
def company_market_view(request):
    company = request.member.company
    crafts = selectors.crafts_of_company(company) or None
    context = _market_context(request, crafts=crafts)
    context["company"] = company
    return render(request, "insights/company_market.html", context)
