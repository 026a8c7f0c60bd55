from django.urls import path

from . import booths, bulk, company, join, money, orders, poster, views

app_name = "seller"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("join/", join.join_view, name="join"),
    path("join/confirm/", join.confirm_view, name="join-confirm"),
    path("profile/", join.profile_view, name="profile"),
    path("profile/sheba/", join.sheba_confirm_view, name="sheba-confirm"),
    path("listings/", views.listings_view, name="listings"),
    path("listings/new/", views.choose_class_view, name="choose-class"),
    path("listings/new/<slug:class_slug>/", views.create_view, name="create"),
    path("listings/<int:pk>/", views.edit_view, name="edit"),
    path("listings/<int:pk>/quick/", views.quick_edit_view, name="quick-edit"),
    path("listings/<int:pk>/show/", views.visibility_view, {"show": True}, name="show"),
    path("listings/<int:pk>/hide/", views.visibility_view, {"show": False}, name="hide"),
    path("listings/<int:pk>/duplicate/", views.duplicate_view, name="duplicate"),
    path("listings/<int:pk>/photos/", views.photos_view, name="photos"),
    path("photos/<int:pk>/earlier/", views.photo_move_view, {"step": -1}, name="photo-earlier"),
    path("photos/<int:pk>/later/", views.photo_move_view, {"step": 1}, name="photo-later"),
    path("photos/<int:pk>/delete/", views.photo_delete_view, name="photo-delete"),
    path("listings/export.csv", bulk.export_view, {"fmt": "csv"}, name="export-csv"),
    path("listings/export.xlsx", bulk.export_view, {"fmt": "xlsx"}, name="export-xlsx"),
    path("listings/import/", bulk.import_view, name="import"),
    path("listings/import/<int:pk>/", bulk.import_progress_view, name="import-progress"),
    path("orders/", orders.fulfilments_view, name="fulfilments"),
    path("orders/<int:pk>/", orders.fulfilment_view, name="fulfilment"),
    path("money/", money.statement_view, name="statement"),
    path("money/statement.csv", money.statement_csv_view, name="statement-csv"),
    path("money/print/", money.statement_print_view, name="statement-print"),
    path("exhibitions/", booths.exhibitions_view, name="exhibitions"),
    path("exhibitions/<int:pk>/apply/", booths.apply_view, name="exhibition-apply"),
    path("applications/<int:pk>/", booths.application_view, name="application"),
    path("booth/<int:pk>/poster/", poster.booth_poster_view, name="booth-poster"),
    path("applications/<int:pk>/pay/", booths.pay_view, name="application-pay"),
    path("applications/<int:pk>/withdraw/", booths.withdraw_view, name="application-withdraw"),
    path("applications/fee-callback/", booths.fee_callback_view, name="fee-callback"),
    path("support/", company.support_view, name="support"),
    path("support/<int:company_pk>/revoke/", company.revoke_view, name="support-revoke"),
    path("company/", company.company_view, name="company"),
    path("company/act/<int:pk>/", company.act_view, name="company-act"),
    path("company/leave/", company.leave_view, name="company-leave"),
    path("company/log/", company.log_view, name="company-log"),
    path("company/onboard/", company.onboard_view, name="company-onboard"),
    path("company/onboard/confirm/", company.onboard_confirm_view, name="company-onboard-confirm"),
    *(
        path(f"orders/<int:pk>/{action}/", orders.step_view, {"action": action}, name=action)
        for action in ("accept", "ship", "deliver", "cancel")
    ),
]
