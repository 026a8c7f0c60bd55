"""Checkout: the order is placed (stock locked and allocated) before the buyer is sent to
Zarinpal; the callback settles the payment and then the order."""

import logging

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.checkout import signals
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import FailedPreCondition
from oscar.apps.order.exceptions import UnableToPlaceOrder
from oscar.apps.order.models import Line, Order
from oscar.apps.payment.models import Source
from oscar.core.loading import get_class

from catalog.selectors import set_images
from exhibitions.channels.pickup import PICKUP_PREFIX
from exhibitions.exceptions import NotEnoughAtBooth, NotSellingNow
from insights.recording import remember_province
from shop.payments import services as payments
from shop.payments.exceptions import CallbackMismatch, GatewayUnavailable, PaymentRejected
from shop.payments.models import PaymentAttempt
from shop.persian.money import format_toman, to_rials
from shop.persian.numbers import localised_number, ui_language

from . import services
from .exceptions import OutOfStock
from .forms import ShippingAddressForm
from .selectors import with_country

Repository = get_class("shipping.repository", "Repository")
CheckoutSessionData = get_class("checkout.utils", "CheckoutSessionData")
logger = logging.getLogger(__name__)
PAYABLE_ORDERS_SESSION_KEY = "payable_orders"


def allow_paying(request, order):
    numbers = set(request.session.get(PAYABLE_ORDERS_SESSION_KEY, []))
    numbers.add(str(order.number))  # Oscar hands a new order's number over as an int
    request.session[PAYABLE_ORDERS_SESSION_KEY] = sorted(numbers)


def may_pay(request, order):
    if order.user_id and request.user.is_authenticated:
        return order.user_id == request.user.pk
    return str(order.number) in request.session.get(PAYABLE_ORDERS_SESSION_KEY, [])


def start_payment(request, order):
    """A new Zarinpal attempt for an order that waits for payment; the buyer's redirect."""
    attempt = payments.create_attempt(order, "zarinpal", to_rials(order.total_incl_tax))
    callback = request.build_absolute_uri(reverse("checkout:zarinpal-callback"))
    try:
        return redirect(payments.start_attempt(attempt, callback))
    except (GatewayUnavailable, PaymentRejected) as error:
        logger.warning("Order %s: payment could not start: %s", order.number, error)
        messages.error(
            request,
            _("The payment gateway did not answer. Your order is saved and nothing was "
              "charged; please try paying again."),
        )  # fmt: skip
        return redirect("checkout:pay-order", number=order.number)


class IndexView(oscar_views.IndexView):
    def get(self, request, *args, **kwargs):
        """A guest whose basket is shipped gives the e-mail with the address (one page
        fewer on a phone); signing in is a link on that page. Oscar's page asking only for
        the e-mail stays for a basket with nothing to ship."""
        if (
            not request.user.is_authenticated
            and settings.OSCAR_ALLOW_ANON_CHECKOUT
            and request.basket.is_shipping_required()
        ):
            return redirect("checkout:shipping-address")
        return super().get(request, *args, **kwargs)


class ShippingAddressView(oscar_views.ShippingAddressView):
    def get_pre_conditions(self, request):
        """A guest's e-mail is asked for on this page (IndexView), so it is not required
        before it; the pages after it still require it. Without guest checkout a visitor
        is sent to sign in first, as Oscar does."""
        conditions = super().get_pre_conditions(request)
        if settings.OSCAR_ALLOW_ANON_CHECKOUT:
            conditions = [c for c in conditions if c != "check_user_email_is_captured"]
        return conditions

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["guest"] = self.is_guest()
        return kwargs

    def get_initial(self):
        initial = super().get_initial() or {}
        if self.is_guest():
            initial = {**initial, "email": self.checkout_session.get_guest_email()}
        return initial

    def is_guest(self):
        return not self.request.user.is_authenticated

    def form_valid(self, form):
        if self.is_guest():
            email = form.cleaned_data["email"]
            self.checkout_session.set_guest_email(email)
            signals.start_checkout.send_robust(sender=self, request=self.request, email=email)
        return super().form_valid(form)

    def get_success_url(self):
        """With one way to receive the basket there is nothing to choose: it is used, and
        the buyer goes straight to the order's preview (Oscar sends them through the
        shipping-method and payment-method steps, which would only redirect)."""
        methods = Repository().get_shipping_methods(
            basket=self.request.basket,
            user=self.request.user,
            shipping_addr=self.get_shipping_address(self.request.basket),
            request=self.request,
        )
        if self.request.basket.is_shipping_required() and len(methods) == 1:
            self.checkout_session.use_shipping_method(methods[0].code)
            return reverse("checkout:preview")
        return super().get_success_url()


class ShippingMethodView(oscar_views.ShippingMethodView):
    success_url = reverse_lazy("checkout:preview")  # Zarinpal is the one way to pay

    def get(self, request, *args, **kwargs):
        """No way brings the whole basket (items only at a booth beside items only online, or
        at booths of two exhibitions): said plainly, back to the basket — not Oscar's
        "choose another address"."""
        if request.basket.is_shipping_required() and not self.get_available_shipping_methods():
            messages.warning(
                request,
                _("Some items in your basket wait only at exhibition booths, and no one way "
                  "can bring everything. Please order them separately."),
            )  # fmt: skip
            return redirect("basket:summary")
        return super().get(request, *args, **kwargs)


class PaymentMethodView(oscar_views.PaymentMethodView):
    success_url = reverse_lazy("checkout:preview")  # nothing to choose or enter


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    def get(self, request, *args, **kwargs):
        """Nothing to enter before Zarinpal's own page: the preview says how paying works
        (an old link to the payment-details step lands there)."""
        if not self.preview:
            return redirect("checkout:preview")
        return super().get(request, *args, **kwargs)

    def check_basket_is_valid(self, request):
        """Out-of-stock lines send the buyer back to the basket (Oscar); a price that changed
        since it went into the basket is said on the page before they pay."""
        super().check_basket_is_valid(request)
        if request.method != "GET":
            return
        for line in request.basket.all_lines():
            price = line.purchase_info.price
            if line.price_incl_tax and price.exists and price.incl_tax != line.price_incl_tax:
                messages.warning(
                    request,
                    _("The price of “%(product)s” changed from %(old)s to %(new)s.")
                    % {
                        "product": line.product.get_title(),
                        "old": format_toman(line.price_incl_tax, ui_language()),
                        "new": format_toman(price.incl_tax, ui_language()),
                    },
                )

    def check_a_valid_shipping_method_is_captured(self):
        """A pick-up chosen earlier that the booths can no longer serve (sold out, the
        exhibition closed) is said in words the buyer understands."""
        try:
            super().check_a_valid_shipping_method_is_captured()
        except FailedPreCondition as failed:
            code = self.checkout_session.shipping_method_code(self.request.basket) or ""
            if code.startswith(PICKUP_PREFIX) and failed.messages:
                raise FailedPreCondition(
                    url=failed.url,
                    message=_(
                        "The booths no longer have every item of your basket, or the "
                        "exhibition is not open. Please choose another way to receive your "
                        "order."
                    ),
                ) from failed
            raise

    def handle_payment(self, order_number, total, **kwargs):
        """Nothing yet: payment starts once the order is placed (see below)."""

    def handle_order_placement(
        self,
        order_number,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        billing_address,
        order_total,
        surcharges=None,
        **kwargs,
    ):
        pickup = services.is_pickup(shipping_method)
        try:
            with transaction.atomic():
                services.lock_stock_for(basket, online=not pickup)
                order = self.place_order(
                    order_number=order_number,
                    user=user,
                    basket=basket,
                    shipping_address=shipping_address,
                    shipping_method=shipping_method,
                    shipping_charge=shipping_charge,
                    order_total=order_total,
                    billing_address=billing_address,
                    surcharges=surcharges,
                    **kwargs,
                )
                services.open_channel(order, shipping_method)
                basket.submit()
        except OutOfStock as error:
            raise UnableToPlaceOrder(
                _("Only %(count)s of “%(product)s” is left; please change your basket.")
                % {
                    "count": localised_number(error.available),
                    "product": error.product.get_title(),
                }
            ) from error
        except (NotEnoughAtBooth, NotSellingNow) as error:
            raise UnableToPlaceOrder(
                _("%(reason)s Please choose another way to receive your order.") % {"reason": error}
            ) from error
        return self.handle_successful_order(order)

    def handle_successful_order(self, order):
        self.checkout_session.flush()
        allow_paying(self.request, order)
        self.send_signal(self.request, None, order)
        response = start_payment(self.request, order)
        if order.shipping_address and not order.shipping_code.startswith(PICKUP_PREFIX):
            remember_province(response, order.shipping_address.state)
        return response


class ThankYouView(oscar_views.ThankYouView):
    def get_object(self, queryset=None):
        """Oscar's, with what the page shows of the order read at once: its address and
        channel (collected at an exhibition or not), its lines with their products (their
        images remembered, catalog/selectors.py) and options, its payments and surcharges
        (Oscar reads them one at a time: three queries per line)."""
        orders = Order._default_manager.select_related("shipping_address", "channel")
        order = None
        if self.request.user.is_superuser:  # as Oscar: staff may look at any order's page
            if "order_number" in self.request.GET:
                order = orders.filter(number=self.request.GET["order_number"]).first()
            elif "order_id" in self.request.GET:
                order = orders.filter(id=self.request.GET["order_id"]).first()
        if order is None and "checkout_order_id" in self.request.session:
            order = orders.filter(pk=self.request.session["checkout_order_id"]).first()
        if order is not None:
            with_country(order.shipping_address)  # its country from the cache
            lines = Line.objects.select_related("product").prefetch_related("attributes")
            prefetch_related_objects(
                [order],
                Prefetch("lines", queryset=lines),
                Prefetch("sources", queryset=Source.objects.select_related("source_type")),
                "surcharges",  # (Oscar's template filters the discounts itself: 3 queries)
            )
            set_images([line.product for line in order.lines.all() if line.product_id])
        return order

    def get_context_data(self, **kwargs):
        """Without Oscar's mark that the purchase went to Google Analytics, a write on the
        first view: our pages have no analytics (shop/templates/oscar/base.html has no
        `tracking` block), so nothing is ever sent."""
        context = super(oscar_views.ThankYouView, self).get_context_data(**kwargs)
        return {**context, "send_analytics_event": False}


class PayOrderView(View):
    """Pay (again) for an order that waits for payment, e.g. after a gateway timeout."""

    def get_order(self, request, number):
        order = get_object_or_404(Order, number=number)
        if not may_pay(request, order):
            raise Http404
        return order

    def get(self, request, number):
        order = self.get_order(request, number)
        return render(request, "oscar/checkout/pay_order.html", {"order": order})

    def post(self, request, number):
        order = self.get_order(request, number)
        if order.status != services.PENDING:
            messages.info(request, _("This order no longer waits for payment."))
            return redirect("checkout:pay-order", number=number)
        return start_payment(request, order)


def zarinpal_callback(request):
    """Zarinpal sends the buyer back here. Only Zarinpal attempts are settled here, and the
    order is shown only to the session or account that placed it: anyone else holding the
    authority learns nothing of the order."""
    authority = request.GET.get("Authority", "")
    attempt = PaymentAttempt.objects.filter(
        authority=authority, adapter="zarinpal", order__isnull=False
    ).first()
    if attempt is None or not authority:
        return HttpResponseBadRequest(_("This payment is not known to us."))
    try:
        attempt, order = services.settle_callback(
            attempt.pk, request.GET, "zarinpal", attempt.order_id
        )
    except CallbackMismatch:
        return HttpResponseBadRequest(_("This payment is not known to us."))
    if not may_pay(request, order):
        messages.info(request, _("The payment was received by the shop. The buyer gets the "
                                 "order's details by email."))  # fmt: skip
        return redirect("/")
    if order.status == services.PAID:
        if attempt.status != PaymentAttempt.Status.PAID:
            messages.info(request, _("This order was paid already; this second payment is not "
                                     "taken and goes back to your account."))  # fmt: skip
        request.session["checkout_order_id"] = order.id
        return redirect("checkout:thank-you")
    if order.status == services.PENDING and attempt.status != PaymentAttempt.Status.UNKNOWN:
        messages.warning(request, _("The payment was not completed. You can try again."))
        return redirect("checkout:pay-order", number=order.number)
    if order.status == services.CANCELLED:
        restore_basket(request, order)
        messages.warning(
            request, _("The payment was not completed. Your basket is as you left it.")
        )
        return redirect("basket:summary")
    if attempt.status == PaymentAttempt.Status.UNKNOWN:
        return render(request, "oscar/checkout/payment_pending.html", {"order": order}, status=202)
    messages.info(request, _("This order no longer waits for payment."))
    return redirect("/")


def restore_basket(request, order):
    """Put a cancelled order's products back in the buyer's basket, and what they gave at
    checkout (a guest's e-mail, the address) back in their checkout: paying again is a
    click through pages already filled in. Only ever the buyer's own order (`may_pay`)."""
    basket = request.basket
    if not basket.id:
        basket.save()
    for line in order.lines.select_related("product"):
        if line.product_id:
            basket.add_product(line.product, line.quantity)
    checkout = CheckoutSessionData(request)
    if order.guest_email:
        checkout.set_guest_email(order.guest_email)
    address = order.shipping_address
    if address is not None:  # what the address form asked, as Oscar keeps it in the session
        asked = [name for name in ShippingAddressForm._meta.fields if name != "country"]
        fields = {name: getattr(address, name) for name in asked}
        checkout.ship_to_new_address({**fields, "country_id": address.country_id})
