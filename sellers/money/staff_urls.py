"""Staff money screens in Oscar's dashboard: commission rates, payout batches, corrections."""

from django.urls import path  # noqa: F401

urlpatterns = []
