from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from oscar.apps.order.models import Order

from shop.payments import services as payments

from . import refunds


class RefundForm(forms.Form):
    part = forms.CharField(widget=forms.HiddenInput)  # "order" or a fulfilment id
    reason = forms.CharField(label=gettext_lazy("Reason"), max_length=255)


@staff_member_required
def refund_view(request, number):
    """Staff refund a paid order, or one producer's part of it."""
    order = get_object_or_404(Order, number=number)
    fulfilments = order.fulfilments.select_related("producer").prefetch_related("lines")
    form = RefundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        part, reason = form.cleaned_data["part"], form.cleaned_data["reason"]
        try:
            if part == "order":
                refund = refunds.refund_order(order, request.user, reason)
            else:
                fulfilment = get_object_or_404(fulfilments, pk=part)
                refund = refunds.refund_fulfilment(fulfilment, request.user, reason)
        except refunds.RefundNotAllowed as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Refund recorded: %s.") % refund.get_method_display())
        return redirect("order-refund", number=number)
    context = {
        "order": order,
        "fulfilments": fulfilments,
        "refunds": [r for a in order.payment_attempts.all() for r in a.refunds.all()],
        "form": form,
    }
    return render(request, "oscar/dashboard/orders/refund.html", context)


@staff_member_required
def manual_refunds_view(request):
    """Money to give back by hand (a second payment the gateway could no longer reverse, a
    producer's part of an order): staff transfer it and mark it done here."""
    if request.method == "POST":
        payments.mark_transferred(request.POST.get("refund"), request.user)
        messages.success(request, _("Marked as transferred."))
        return redirect("manual-refunds")
    context = {"refunds": payments.manual_refunds_to_transfer()}
    return render(request, "oscar/dashboard/orders/manual_refunds.html", context)
