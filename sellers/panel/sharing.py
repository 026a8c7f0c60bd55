"""Shared booths and fees from later sales in the seller panel: the holder of a confirmed
booth invites producers to share it and ends shares; an invited producer accepts or
declines; a producer has an accepted booth's fee taken from later sales. The producer's own
account only, as the rest of the exhibitions part (booths.py): these are money commitments."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from exhibitions import fees, selectors
from exhibitions.channels import sharing
from exhibitions.exceptions import ExhibitionsError
from exhibitions.models import BoothShare
from shop.persian.forms import PersianDecimalField

from ..access import producer_required
from .forms import PanelForm


class InviteForm(PanelForm, forms.Form):
    producer = forms.CharField(
        label=gettext_lazy("Licence number or shop address of the producer"),
        max_length=128,
        help_text=gettext_lazy(
            "The number on their home-business licence, or the address of their shop on Dastsaz."
        ),  # fmt: skip
    )
    percent = PersianDecimalField(
        label=gettext_lazy("Their share of the booth fee (percent)"),
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.01"),
        max_value=Decimal("99.99"),
        help_text=gettext_lazy("For example ۲۵ for a quarter of the fee."),
    )

    @property
    def share_bp(self):
        return int(self.cleaned_data["percent"] * 100)


def _holding(request, pk):
    return get_object_or_404(selectors.applications_for(request.producer), pk=pk)


@producer_required
def shares_view(request, pk):
    """The holder's booth: who shares it, for what part of the fee, and an invitation form."""
    application = _holding(request, pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            guest = sharing.find_producer(form.cleaned_data["producer"])
            sharing.invite(application, guest, form.share_bp, request.user)
        except ExhibitionsError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The invitation is sent. %(name)s answers it in their "
                                        "panel.") % {"name": guest.name})  # fmt: skip
            return redirect("seller:booth-shares", pk=application.pk)
    context = {
        "application": application,
        "exhibition": application.exhibition,
        "shares": sharing.shares_of(application),
        "holder_rials": sharing.holder_part(application),
        "may_invite": application.status == "paid" and application.booth is not None,
        "form": form,
    }
    return render(request, "sellers/panel/share_list.html", context)


def _share_for(request, pk, invited_only=False):
    shares = BoothShare.objects.select_related("application__exhibition", "producer")
    if invited_only:
        return get_object_or_404(shares.filter(producer=request.producer), pk=pk)
    mine = Q(producer=request.producer) | Q(application__producer=request.producer)
    return get_object_or_404(shares.filter(mine), pk=pk)


@producer_required
def answer_view(request, pk):
    """The invited producer's one screen: what they are offered, accept or decline."""
    share = _share_for(request, pk, invited_only=True)
    if request.method == "POST":
        answer = request.POST.get("answer")
        try:
            if answer == "accept":
                sharing.accept(share, request.user)
                messages.success(request, _("You share this booth now: move units to it and "
                                            "sell from it."))  # fmt: skip
            elif answer == "decline":
                sharing.decline(share, request.user)
                messages.info(request, _("You declined the invitation."))
        except ExhibitionsError as error:
            messages.error(request, str(error))
        return redirect("seller:exhibitions")
    application = share.application
    context = {
        "share": share,
        "application": application,
        "exhibition": application.exhibition,
        "part_rials": sharing.next_part(
            application.fee_rials, 0, 0, share.share_bp
        ),  # roughly: the exact Rial is fixed on acceptance
    }
    return render(request, "sellers/panel/share_answer.html", context)


@require_POST
@producer_required
def end_view(request, pk):
    share = _share_for(request, pk)
    try:
        sharing.end(share, request.user)
    except ExhibitionsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The share has ended. Nothing is refunded."))
    if share.application.producer_id == request.producer.pk:
        return redirect("seller:booth-shares", pk=share.application_id)
    return redirect("seller:exhibitions")


@require_POST
@producer_required
def defer_view(request, pk):
    """Have the booth fee taken from later sales instead of paying it now."""
    application = _holding(request, pk)
    try:
        fees.defer_fee(application, request.user)
    except ExhibitionsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Your booth is confirmed. The fee will be taken from your "
                                    "next sales."))  # fmt: skip
    return redirect("seller:application", pk=application.pk)
