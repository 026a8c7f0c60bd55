"""The organizer panel's booth applications: the list, one application, and what the
organizer does with it (accept with a booth, reject with a reason, move to another booth,
record a fee paid in cash). Each action calls one service; every refusal of the exhibitions
app comes back as its Persian message and a redirect, never an error page."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .. import fees, selectors, services
from ..exceptions import ApplicationStateError, ExhibitionsError
from ..models import BoothApplication, Exhibition
from .access import organizer_required
from .forms import ApplicationFilterForm, BoothChoiceForm, RejectForm
from .views import page_of

Status = BoothApplication.Status


@organizer_required
def applications_view(request):
    exhibitions = selectors.exhibitions_of(request.organizer).order_by("-starts_on", "-pk")
    filters = ApplicationFilterForm(request.GET or None, exhibitions=exhibitions)
    applications = selectors.applications_to(request.organizer).order_by("-created_at", "-pk")
    chosen = filters.cleaned_data if filters.is_valid() else {}
    if chosen.get("exhibition"):
        applications = applications.filter(exhibition=chosen["exhibition"])
    if chosen.get("status"):
        applications = applications.filter(status=chosen["status"])
    context = {"page": page_of(request, applications), "filters": filters}
    return render(request, "exhibitions/panel/applications.html", context)


def application_of(request, exhibition_pk, pk):
    applications = selectors.applications_to(request.organizer).filter(exhibition_id=exhibition_pk)
    return get_object_or_404(applications, pk=pk)


def _with_fee(exhibition):
    return exhibition.fee_policy == Exhibition.FeePolicy.PER_BOOTH


def booths_to_accept(application):
    """Booths free for the term an acceptance today would hold, the preferred type first."""
    exhibition = application.exhibition
    starts_on, ends_on = exhibition.term_from(timezone.localdate())
    return selectors.free_booths(exhibition, starts_on, ends_on, application.preferred_kind)


def booths_to_move_to(application):
    """Booths free for the term the application holds now; once paid, none dearer than the
    fee paid."""
    exhibition = application.exhibition
    current = application.current_assignment
    starts_on, ends_on = exhibition.term_from(
        current.starts_on if current else timezone.localdate()
    )
    booths = selectors.free_booths(exhibition, starts_on, ends_on, application.preferred_kind)
    if application.status == Status.PAID and _with_fee(exhibition):
        booths = booths.filter(fee_rials__lte=application.fee_rials)
    return booths


def _booth_form(application, data=None):
    if application.status == Status.APPLIED:
        booths = booths_to_accept(application)
    elif application.status in (Status.ACCEPTED, Status.PAID):
        booths = booths_to_move_to(application)
    else:
        return None
    return BoothChoiceForm(data, booths=booths, with_fee=_with_fee(application.exhibition))


def _detail(request, application, *, booth_form=None, reject_form=None, status=200):
    producer = application.producer
    context = {
        "application": application,
        "exhibition": application.exhibition,
        "producer": producer,
        "licence_valid": producer.licence_valid_on(),
        "crafts": application.crafts.all(),
        "products": application.products.all(),
        "booth_form": booth_form or _booth_form(application),
        "reject_form": reject_form or RejectForm(),
        "may_decide": application.status == Status.APPLIED,
        "may_move": application.status in (Status.ACCEPTED, Status.PAID),
        "may_reject": application.status in (Status.APPLIED, Status.ACCEPTED),
        "may_record_cash": application.may_pay,
    }
    return render(request, "exhibitions/panel/application.html", context, status=status)


@organizer_required
def application_view(request, exhibition_pk, pk):
    return _detail(request, application_of(request, exhibition_pk, pk))


def _back(application):
    return redirect(
        "organizer:application", exhibition_pk=application.exhibition_id, pk=application.pk
    )


def _act(request, application, action, done):
    """Run one service; its refusal becomes a Persian message. Back to the application."""
    try:
        action()
    except ExhibitionsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, done)
    return _back(application)


def _with_booth(request, exhibition_pk, pk, allowed, act, done):
    """Accept or move: the booth chosen in the form, then `act(application, booth)`."""
    application = application_of(request, exhibition_pk, pk)
    if application.status not in allowed:
        messages.error(request, str(ApplicationStateError()))
        return _back(application)
    form = _booth_form(application, request.POST)
    if not form.is_valid():
        return _detail(request, application, booth_form=form, status=400)
    booth = form.cleaned_data["booth"]
    return _act(
        request,
        application,
        lambda: act(application, booth, request.user),
        done % {"code": booth.code},
    )


@require_POST
@organizer_required
def accept_view(request, exhibition_pk, pk):
    return _with_booth(request, exhibition_pk, pk, (Status.APPLIED,), services.accept,
                       _("Accepted with booth %(code)s. The producer is told."))  # fmt: skip


@require_POST
@organizer_required
def move_view(request, exhibition_pk, pk):
    return _with_booth(request, exhibition_pk, pk, (Status.ACCEPTED, Status.PAID), services.move,
                       _("Moved to booth %(code)s. The producer is told."))  # fmt: skip


@require_POST
@organizer_required
def reject_view(request, exhibition_pk, pk):
    application = application_of(request, exhibition_pk, pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _detail(request, application, reject_form=form, status=400)
    return _act(
        request,
        application,
        lambda: services.reject(application, form.cleaned_data["reason"], request.user),
        _("Rejected. The producer is told the reason."),
    )


@require_POST
@organizer_required
def cash_view(request, exhibition_pk, pk):
    application = application_of(request, exhibition_pk, pk)
    return _act(
        request,
        application,
        lambda: fees.record_cash(application, request.user),
        _("The cash payment is recorded and the booth is confirmed."),
    )
