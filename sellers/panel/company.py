"""Support companies in the seller panel.

For a company's member: `company/` shows the producers who granted the company rights, side
by side, each figure only where granted; "work on" puts the member in that producer's panel
(sellers/access.py decides what they may open); `company/onboard/` brings a new producer, who
confirms with the code sent to their mobile; `company/log/` is what the company's people did.
For a producer: `support/` gives and takes back rights, and shows what companies did.
"""

from functools import partial

from django import forms
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shop.persian.forms import MobileField

from ..access import ACTING_FOR, act_for, member_required, producer_required
from ..exceptions import GrantError
from ..models import Partner, Right, SupportCompany
from ..producers import mobile_taken
from ..support import selectors, services
from .forms import CodeForm, PanelForm
from .join import send_code

ONBOARDING = "support_onboard"
PURPOSE = "onboard"


class RightsField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        super().__init__(choices=Right.choices, label=gettext_lazy("Access to"), **kwargs)


class GrantForm(PanelForm, forms.Form):
    company = forms.ModelChoiceField(
        SupportCompany.objects.filter(is_active=True), label=gettext_lazy("Support company")
    )
    rights = RightsField()


class OnboardForm(PanelForm, forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the workshop or brand"), max_length=128)
    mobile = MobileField(help_text=gettext_lazy("The producer receives a code on it."))
    email = forms.EmailField(
        label=gettext_lazy("Producer's email"),
        help_text=gettext_lazy("They choose their own password through a link sent to it."),
    )
    rights = RightsField(
        help_text=gettext_lazy("What the producer lets your company do in their panel.")
    )

    def clean_mobile(self):
        mobile = self.cleaned_data["mobile"]
        if mobile_taken(mobile):
            raise forms.ValidationError(
                _("A producer account already has this mobile; ask them to give access from "
                  "their own panel.")
            )  # fmt: skip
        return mobile


# --- the company's own pages ------------------------------------------------------------


@member_required
def company_view(request):
    company = request.member.company
    context = {
        "company": company,
        "rows": selectors.supported_producers(company),
        "acting_for": request.session.get(ACTING_FOR),
    }
    return render(request, "sellers/panel/company.html", context)


@require_POST
@member_required
def act_view(request, pk):
    """Work in one producer's panel (only one that granted the company something)."""
    company = request.member.company
    producer = get_object_or_404(
        Partner.objects.filter(
            support_grants__company=company, support_grants__revoked_at__isnull=True
        ).distinct(),
        pk=pk,
    )
    act_for(request, producer)
    return redirect("seller:home")


@require_POST
@member_required
def leave_view(request):
    request.session.pop(ACTING_FOR, None)
    return redirect("seller:company")


@member_required
def log_view(request):
    company = request.member.company
    context = {"company": company, "actions": selectors.actions_of(company)}
    return render(request, "sellers/panel/company_log.html", context)


def _send_code(form, mobile, company, rights):
    with translation.override(settings.LANGUAGE_CODE):
        note = _("%(company)s asks to manage your Dastsaz shop: %(rights)s.") % {
            "company": company.name,
            "rights": "، ".join(str(Right(right).label) for right in rights),
        }
    return send_code(form, mobile, PURPOSE, note)


@member_required
def onboard_view(request):
    form = OnboardForm(request.POST or None)
    data = form.cleaned_data if request.method == "POST" and form.is_valid() else None
    if data and _send_code(form, data["mobile"], request.member.company, data["rights"]):
        request.session[ONBOARDING] = data
        return redirect("seller:company-onboard-confirm")
    return render(request, "sellers/panel/company_onboard.html", {"form": form})


@member_required
def onboard_confirm_view(request):
    from ..tasks import notify_onboarded_producer

    pending = request.session.get(ONBOARDING)
    if not pending:
        return redirect("seller:company-onboard")
    form = CodeForm(request.POST or None, mobile=pending["mobile"], purpose=PURPOSE)
    if request.method == "POST" and form.is_valid():
        company = request.member.company
        request.session.pop(ONBOARDING, None)  # the code is used up either way
        try:
            with transaction.atomic():
                producer = services.onboard(company, by=request.user, **pending)
                transaction.on_commit(
                    partial(notify_onboarded_producer.delay, producer.pk, company.pk)
                )
        except GrantError as error:
            messages.error(request, str(error))
            return redirect("seller:company")
        messages.success(
            request,
            _("%(name)s is with you now. Staff check their licence once the profile is sent.")
            % {"name": producer.name},
        )
        return redirect("seller:company")
    rights = [Right(right).label for right in pending["rights"]]
    context = {"form": form, "pending": pending, "rights": rights}
    return render(request, "sellers/panel/company_onboard_confirm.html", context)


# --- the producer's side ------------------------------------------------------------------


@producer_required
def support_view(request):
    producer = request.producer
    form = GrantForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.grant(
                producer, form.cleaned_data["company"], form.cleaned_data["rights"], request.user
            )
        except GrantError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Access given."))
            return redirect("seller:support")
    grants = {}
    for grant in selectors.live_grants(producer):
        grants.setdefault(grant.company, []).append(grant)
    context = {
        "form": form,
        "grants": grants,
        "history": selectors.grant_history(producer)[:30],
        "actions": selectors.actions_in_panel_of(producer),
    }
    return render(request, "sellers/panel/support.html", context)


@require_POST
@producer_required
def revoke_view(request, company_pk):
    company = get_object_or_404(SupportCompany, pk=company_pk)
    right = request.POST.get("right", "")
    rights = Right.values if right == "all" else [right] if right in Right.values else []
    if services.revoke(request.producer, company, rights, request.user):
        messages.success(request, _("Access taken back."))
    return redirect("seller:support")
