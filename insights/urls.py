"""Staff insight pages in Oscar's dashboard (included at /dashboard/insights/)."""

from django.urls import path

from . import market_views, views

urlpatterns = [
    path("activity/", views.activity_view, name="insights-activity"),
    path("activity.csv", views.activity_csv_view, name="insights-activity-csv"),
    path("market/", market_views.market_view, name="insights-market"),
    path("market.csv", market_views.market_csv_view, name="insights-market-csv"),
    path("unmet/", market_views.unmet_view, name="insights-unmet"),
    path("unmet.csv", market_views.unmet_csv_view, name="insights-unmet-csv"),
]
