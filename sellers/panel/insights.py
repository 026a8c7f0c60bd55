"""The producer's insights in the seller panel: what buyers of their crafts look for and do
not find, their sales by channel and by the buyer's province, each listing's views → basket
→ order and price position, and the demand for their crafts here and elsewhere. Read from
the weekly summary tables (insights.producer_selectors); a support company needs the
statements right, as for the sales reports."""

from django.shortcuts import render

from insights import producer_charts
from insights import producer_selectors as selectors

from ..access import panel_view


@panel_view("statements")
def insights_view(request):
    producer = request.producer
    sales = selectors.sales(producer)
    context = {
        "producer": producer,
        "unmet": selectors.unmet_demand(producer),
        "unmet_period": selectors.period(selectors.UNMET_WEEKS),
        "sales": sales,
        "weekly_chart": producer_charts.weekly_sales_chart(sales),
        "province_chart": producer_charts.province_chart(sales),
        "listings": selectors.listings(producer),
        "demand": selectors.demand_here_and_elsewhere(producer),
    }
    return render(request, "sellers/panel/insights.html", context)
