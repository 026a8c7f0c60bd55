from django.urls import path

from insights.market_views import organizer_market_view

from . import applications, booths, posters, reports, venues, views

app_name = "organizer"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("venues/", venues.venues_view, name="venues"),
    path("venues/new/", venues.venue_create_view, name="venue-create"),
    path("venues/<int:pk>/", venues.venue_edit_view, name="venue-edit"),
    path("exhibitions/", views.exhibitions_view, name="exhibitions"),
    path("exhibitions/new/", views.exhibition_create_view, name="exhibition-create"),
    path("exhibitions/<int:pk>/", views.exhibition_view, name="exhibition"),
    path("exhibitions/<int:pk>/edit/", views.exhibition_edit_view, name="exhibition-edit"),
    path("exhibitions/<int:pk>/hours/", views.exhibition_hours_view, name="exhibition-hours"),
    path("exhibitions/<int:pk>/status/", views.exhibition_status_view, name="exhibition-status"),
    path("exhibitions/<int:pk>/booths/", booths.booths_view, name="booths"),
    path("exhibitions/<int:pk>/report/", reports.exhibition_report_view, name="exhibition-report"),
    path(
        "exhibitions/<int:pk>/report.csv",
        reports.exhibition_report_csv_view,
        name="exhibition-report-csv",
    ),
    path("reports/", reports.reports_view, name="reports"),
    path("reports.csv", reports.reports_csv_view, name="reports-csv"),
    path("market/", organizer_market_view, name="market"),
    path("exhibitions/<int:pk>/booths/new/", booths.booth_create_view, name="booth-create"),
    path("exhibitions/<int:pk>/booths/grid/", booths.booth_grid_view, name="booth-grid"),
    path("exhibitions/<int:pk>/posters/", posters.booth_posters_view, name="booth-posters"),
    path(
        "exhibitions/<int:exhibition_pk>/booths/<int:pk>/",
        booths.booth_edit_view,
        name="booth-edit",
    ),
    path(
        "exhibitions/<int:exhibition_pk>/booths/<int:pk>/delete/",
        booths.booth_delete_view,
        name="booth-delete",
    ),
    path("applications/", applications.applications_view, name="applications"),
    path(
        "exhibitions/<int:exhibition_pk>/applications/<int:pk>/",
        applications.application_view,
        name="application",
    ),
    *(
        path(
            f"exhibitions/<int:exhibition_pk>/applications/<int:pk>/{action}/",
            view,
            name=f"application-{action}",
        )
        for action, view in (
            ("accept", applications.accept_view),
            ("reject", applications.reject_view),
            ("move", applications.move_view),
            ("cash", applications.cash_view),
        )
    ),
]
