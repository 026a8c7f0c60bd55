"""Staff review producers in Oscar's dashboard: the application queue and each decision."""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from . import producers, selectors
from .exceptions import ProducerStateError
from .models import Partner


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "approve"), ("reject", "reject"), ("suspend", "suspend"),
                 ("close", "close")]
    )  # fmt: skip
    reason = forms.CharField(
        label=gettext_lazy("Reason (the producer reads it)"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


DECISIONS = {
    "approve": lambda producer, reason, by: producers.approve(producer, by=by),
    "reject": lambda producer, reason, by: producers.reject(producer, reason, by=by),
    "suspend": lambda producer, reason, by: producers.suspend(producer, reason, by=by),
    "close": lambda producer, reason, by: producers.close(producer, reason, by=by),
}


@staff_member_required
def applications_view(request):
    status = request.GET.get("status", Partner.Status.APPLIED)
    if status not in Partner.Status.values and status != "all":
        status = Partner.Status.APPLIED
    listed = selectors.producers_for_staff("" if status == "all" else status)
    context = {"producers": listed[:200], "status": status, "statuses": Partner.Status.choices}
    return render(request, "oscar/dashboard/producers/applications.html", context)


@staff_member_required
def review_view(request, pk):
    producer = get_object_or_404(Partner.objects.prefetch_related("users", "crafts"), pk=pk)
    context = {"producer": producer, "form": DecisionForm()}
    return render(request, "oscar/dashboard/producers/review.html", context)


@staff_member_required
def licence_scan_view(request, pk):
    """Licence scans hold personal data: staff open them here, never from public media."""
    producer = get_object_or_404(Partner, pk=pk)
    if not producer.licence_scan:
        raise Http404
    return FileResponse(producer.licence_scan.open("rb"))


@staff_member_required
@require_POST
def decide_view(request, pk):
    producer = get_object_or_404(Partner, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect("producer-review", pk=pk)
    decision, reason = form.cleaned_data["decision"], form.cleaned_data["reason"]
    try:
        DECISIONS[decision](producer, reason, request.user)
    except ProducerStateError as error:
        messages.error(request, str(error))
        return redirect("producer-review", pk=pk)
    messages.success(request, _("Saved; the producer is told by SMS and email."))
    return redirect("producer-applications")
