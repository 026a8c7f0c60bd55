from django.urls import path

from .views import ProducerView

app_name = "producers"
urlpatterns = [
    path("<str:slug>/", ProducerView.as_view(), name="detail"),
]
