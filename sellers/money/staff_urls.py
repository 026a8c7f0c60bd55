"""Staff money screens in Oscar's dashboard: commission rates, payout batches, corrections."""

from django.urls import path

from . import staff_views as views

urlpatterns = [
    path("commission/", views.commission_view, name="money-commission"),
    path("payouts/", views.batches_view, name="money-batches"),
    path("payouts/new/", views.batch_new_view, name="money-batch-new"),
    path("payouts/<int:pk>/", views.batch_view, name="money-batch"),
    path(
        "payouts/<int:pk>/transfer-list.csv",
        views.transfer_list_view,
        name="money-transfer-list",
    ),
    path("payouts/<int:pk>/paid/", views.mark_paid_view, name="money-batch-paid"),
    path("payouts/<int:pk>/cancel/", views.cancel_view, name="money-batch-cancel"),
    path("producers/<int:pk>/", views.producer_ledger_view, name="money-producer"),
]
