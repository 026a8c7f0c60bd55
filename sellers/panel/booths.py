"""Exhibition booths in the seller panel: the exhibitions open for applications, applying,
the producer's applications with their booth on the floor plan, and paying the booth fee at
Zarinpal. The producer's own account only: a booth is a commitment to be there in person,
and its fee is money the producer pays."""

import logging

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from catalog.models import Category
from exhibitions import fees, selectors, services
from exhibitions.channels import sharing
from exhibitions.channels.selectors import booth_exhibition, booths_of_producer
from exhibitions.exceptions import ExhibitionsError
from exhibitions.models import Booth, BoothApplication
from shop.payments.exceptions import CallbackMismatch, GatewayUnavailable, PaymentRejected
from shop.payments.models import PaymentAttempt
from shop.persian.collation import persian_order

from ..access import producer_of, producer_required
from ..selectors import listings_for

logger = logging.getLogger(__name__)


class ApplicationForm(forms.Form):
    preferred_kind = forms.ChoiceField(
        label=gettext_lazy("Preferred booth type"),
        choices=Booth.Kind.choices,
        initial=Booth.Kind.STANDARD,
        widget=forms.RadioSelect,
    )
    crafts = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Crafts you will show"),
        queryset=Category.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    products = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Products you will bring"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the organizer"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, producer, **kwargs):
        super().__init__(*args, **kwargs)
        crafts = producer.crafts.order_by(persian_order("name"))
        self.fields["crafts"].queryset = (
            crafts
            if crafts.exists()
            else Category.objects.filter(depth=1).order_by(persian_order("name"))
        )
        self.fields["products"].queryset = listings_for(producer)
        self.fields["products"].label_from_instance = lambda product: product.get_title()


@producer_required
def exhibitions_view(request):
    producer = request.producer
    applications = selectors.applications_for(producer)
    applied_to = {a.exhibition_id for a in applications if a.status in BoothApplication.OPEN}
    context = {
        "open": [e for e in selectors.open_for_applications() if e.pk not in applied_to],
        "applications": applications,
        "may_apply": producer.should_sell(),
        "booths": booths_of_producer(producer),
        "invitations": sharing.invitations_for(producer),
    }
    return render(request, "sellers/panel/exhibitions.html", context)


@producer_required
def apply_view(request, pk):
    producer = request.producer
    exhibition = get_object_or_404(selectors.public_exhibitions(), pk=pk)
    form = ApplicationForm(request.POST or None, producer=producer)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(exhibition, producer, **form.cleaned_data)
        except ExhibitionsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Your application is sent. The organizer will answer "
                                        "by SMS and email."))  # fmt: skip
            return redirect("seller:application", pk=application.pk)
    return render(
        request, "sellers/panel/exhibition_apply.html", {"exhibition": exhibition, "form": form}
    )


def _application(request, pk):
    return get_object_or_404(selectors.applications_for(request.producer), pk=pk)


@producer_required
def application_view(request, pk):
    application = _application(request, pk)
    exhibition = application.exhibition
    context = {
        "application": application,
        "exhibition": exhibition,
        "plan": selectors.floor_plan(exhibition, producer=request.producer),
        "products": application.products.all(),
        "has_booth": application.status == BoothApplication.Status.PAID
        and booth_exhibition(request.producer, exhibition.pk)[0] is not None,
        "may_defer": fees.may_defer(application),
        "shares": sharing.shares_of(application),
    }
    return render(request, "sellers/panel/application.html", context)


@require_POST
@producer_required
def pay_view(request, pk):
    application = _application(request, pk)
    callback = request.build_absolute_uri(reverse("seller:fee-callback"))
    try:
        return redirect(fees.start_online_payment(application, callback))
    except ExhibitionsError as error:
        messages.error(request, str(error))
    except (GatewayUnavailable, PaymentRejected) as error:
        logger.warning("Booth fee of application %s could not start: %s", application.pk, error)
        messages.error(request, _("The payment gateway did not answer and nothing was "
                                  "charged; please try again."))  # fmt: skip
    return redirect("seller:application", pk=application.pk)


@require_POST
@producer_required
def withdraw_view(request, pk):
    application = _application(request, pk)
    try:
        services.withdraw(application)
    except ExhibitionsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your application is withdrawn."))
    return redirect("seller:application", pk=application.pk)


def fee_callback_view(request):
    """Zarinpal sends the producer back here after paying a booth fee. The attempt is
    settled whoever comes back with its authority (settling is idempotent and checked with
    the gateway); the application is shown only to its producer's own account."""
    authority = request.GET.get("Authority", "")
    attempt = PaymentAttempt.objects.filter(
        authority=authority, adapter="zarinpal", application__isnull=False
    ).first()
    if attempt is None or not authority:
        return render(request, "sellers/panel/fee_unknown.html", status=400)
    try:
        attempt, application = fees.settle_callback(attempt.pk, request.GET)
    except CallbackMismatch:
        return render(request, "sellers/panel/fee_unknown.html", status=400)
    producer = producer_of(request.user)
    if producer is None or producer.pk != application.producer_id:
        messages.info(request, _("The payment was received. The producer is told by SMS."))
        return redirect("/")
    Paid = PaymentAttempt.Status
    if application.status == BoothApplication.Status.PAID and attempt.status == Paid.PAID:
        messages.success(request, _("The booth fee is paid; your booth is confirmed."))
    elif attempt.status == Paid.REFUNDED:
        messages.warning(request, _("This application was no longer waiting for payment; the "
                                    "money goes back to your account."))  # fmt: skip
    elif attempt.status == Paid.UNKNOWN:
        messages.warning(request, _("The bank has not told us the outcome yet. We will check "
                                    "and tell you by SMS; do not pay again for now."))  # fmt: skip
    elif application.status == BoothApplication.Status.ACCEPTED:
        messages.error(request, _("The payment was not completed. You can try again."))
    return redirect("seller:application", pk=application.pk)
