"""The seller panel's fulfilments: the producer's part of each paid order, step by step."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import selectors, services
from ..access import panel_view
from ..exceptions import SellersError
from .forms import CancelForm, FulfilmentFilterForm, ShipForm
from .views import _page


@panel_view("fulfilments")
def fulfilments_view(request):
    filters = FulfilmentFilterForm(request.GET or None)
    status = filters.cleaned_data["status"] if filters.is_valid() else ""
    page = _page(request, selectors.fulfilments_for(request.producer, status))
    context = {"page": page, "filters": filters, "status": status}
    return render(request, "sellers/panel/fulfilments.html", context)


def _fulfilment(request, pk):
    return get_object_or_404(selectors.fulfilments_for(request.producer), pk=pk)


@panel_view("fulfilments")
def fulfilment_view(request, pk):
    fulfilment = _fulfilment(request, pk)
    context = {
        "fulfilment": fulfilment,
        "order": fulfilment.order,
        "ship_form": ShipForm(),
        "cancel_form": CancelForm(),
    }
    return render(request, "sellers/panel/fulfilment.html", context)


def _done(request, fulfilment, text):
    messages.success(request, text)
    return redirect("seller:fulfilment", pk=fulfilment.pk)


@require_POST
@panel_view("fulfilments")
def step_view(request, pk, action):
    fulfilment = _fulfilment(request, pk)
    form = {"ship": ShipForm, "cancel": CancelForm}.get(action)
    form = form(request.POST) if form else None
    if form is not None and not form.is_valid():
        context = {
            "fulfilment": fulfilment,
            "order": fulfilment.order,
            "ship_form": form if action == "ship" else ShipForm(),
            "cancel_form": form if action == "cancel" else CancelForm(),
        }
        return render(request, "sellers/panel/fulfilment.html", context, status=400)
    try:
        if action == "accept":
            services.accept_fulfilment(fulfilment)
            return _done(request, fulfilment, _("Accepted. The buyer is told you are on it."))
        if action == "ship":
            data = form.cleaned_data
            services.ship_fulfilment(fulfilment, data["carrier"], data["tracking_code"])
            return _done(request, fulfilment, _("Marked as sent. The buyer has the tracking code."))
        if action == "deliver":
            services.deliver_fulfilment(fulfilment)
            return _done(request, fulfilment, _("Marked as delivered."))
        services.cancel_fulfilment(fulfilment, form.cleaned_data["reason"], request.user)
        return _done(
            request, fulfilment, _("Cancelled. The stock is back and the buyer will be refunded.")
        )
    except SellersError as error:
        messages.error(request, str(error))
        return redirect("seller:fulfilment", pk=fulfilment.pk)
