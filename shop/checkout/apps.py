import oscar.apps.checkout.apps as apps
from django.urls import path


class CheckoutConfig(apps.CheckoutConfig):
    """Oscar's checkout with the order placed before payment (architecture.md, Buying)."""

    name = "shop.checkout"

    def get_urls(self):
        from . import views

        urls = super().get_urls()
        urls += [
            path("pay/<str:number>/", views.PayOrderView.as_view(), name="pay-order"),
            path("zarinpal/callback/", views.zarinpal_callback, name="zarinpal-callback"),
        ]
        return self.post_process_urls(urls)
