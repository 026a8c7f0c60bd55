"""Staff insight pages in Oscar's dashboard (included at /dashboard/insights/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("activity/", views.activity_view, name="insights-activity"),
    path("activity.csv", views.activity_csv_view, name="insights-activity-csv"),
]
