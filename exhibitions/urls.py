from django.urls import path

from . import views

app_name = "exhibitions"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("month/", views.month_view, name="month"),
    path("month/<int:year>/<int:month>/", views.month_view, name="month-of"),
    path("calendar.ics", views.calendar_view, name="calendar"),
    path("calendar/<str:province_code>.ics", views.calendar_view, name="province-calendar"),
    # Last: a slug may be any word (Persian too).
    path("<str:slug>/", views.detail_view, name="detail"),
]
