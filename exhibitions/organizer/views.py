"""The organizer panel's home and exhibitions: thin views over exhibitions.selectors (reads),
services/layout (writes), each reached through `organizer_required` (organizer/access.py)."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .. import layout, selectors, services
from ..exceptions import ExhibitionsError
from ..models import BoothApplication, Exhibition
from .access import organizer_required
from .forms import ExhibitionForm, OpeningHoursForm, StatusForm

PAGE_SIZE = 20
ExStatus = Exhibition.Status


def page_of(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def exhibition_of(request, pk):
    return get_object_or_404(selectors.exhibitions_of(request.organizer), pk=pk)


def next_steps(exhibitions):
    """What the organizer should do next, most pressing first: (what, exhibition) pairs."""
    steps = []
    for exhibition in exhibitions:
        if exhibition.status == ExStatus.CLOSED:
            continue
        if exhibition.waiting:
            steps.append(("waiting", exhibition))
        if not exhibition.booth_count:
            steps.append(("booths", exhibition))
        elif exhibition.status == ExStatus.DRAFT:
            steps.append(("open", exhibition))
        if exhibition.unpaid:
            steps.append(("unpaid", exhibition))
    order = {"waiting": 0, "unpaid": 1, "booths": 2, "open": 3}
    return sorted(steps, key=lambda step: order[step[0]])


@organizer_required
def home_view(request):
    organizer = request.organizer
    exhibitions = list(
        selectors.exhibitions_overview(organizer)
        .exclude(status=ExStatus.CLOSED)
        .order_by("starts_on", "pk")
    )
    context = {
        "organizer": organizer,
        "exhibitions": exhibitions,
        "steps": next_steps(exhibitions),
        "has_venues": selectors.venues_of(organizer).exists(),
    }
    return render(request, "exhibitions/panel/home.html", context)


@organizer_required
def exhibitions_view(request):
    overview = selectors.exhibitions_overview(request.organizer).order_by("-starts_on", "-pk")
    context = {"page": page_of(request, overview)}
    return render(request, "exhibitions/panel/exhibitions.html", context)


@organizer_required
def exhibition_view(request, pk):
    exhibition = get_object_or_404(
        selectors.exhibitions_of(request.organizer).select_related("venue__city"), pk=pk
    )
    counts = dict(exhibition.applications.values_list("status").annotate(n=Count("pk")).order_by())
    summary = [
        (status, label, counts.get(status, 0)) for status, label in BoothApplication.Status.choices
    ]
    context = {
        "exhibition": exhibition,
        "plan": selectors.floor_plan(exhibition),
        "summary": summary,
        "hours": exhibition.hours.all(),
        "next_statuses": [
            (status, ExStatus(status).label)
            for status in services.EXHIBITION_FLOW[exhibition.status]
        ],
    }
    return render(request, "exhibitions/panel/exhibition.html", context)


@organizer_required
def exhibition_create_view(request):
    form = ExhibitionForm(request.POST or None, request.FILES or None, organizer=request.organizer)
    if request.method == "POST" and form.is_valid():
        form.instance.organizer = request.organizer
        exhibition = form.save()
        messages.success(request, _("Saved as a draft. Now lay out its booths."))
        return redirect("organizer:booth-grid", pk=exhibition.pk)
    context = {"form": form, "has_venues": selectors.venues_of(request.organizer).exists()}
    return render(request, "exhibitions/panel/exhibition_form.html", context)


@organizer_required
def exhibition_edit_view(request, pk):
    exhibition = exhibition_of(request, pk)
    form = ExhibitionForm(
        request.POST or None,
        request.FILES or None,
        instance=exhibition,
        organizer=request.organizer,
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("organizer:exhibition", pk=exhibition.pk)
    context = {"form": form, "exhibition": exhibition, "has_venues": True}
    return render(request, "exhibitions/panel/exhibition_form.html", context)


@organizer_required
def exhibition_hours_view(request, pk):
    exhibition = exhibition_of(request, pk)
    form = OpeningHoursForm(request.POST or None, hours=exhibition.hours.all())
    if request.method == "POST" and form.is_valid():
        layout.set_opening_hours(exhibition, form.week())
        messages.success(request, _("The opening hours are saved."))
        return redirect("organizer:exhibition", pk=exhibition.pk)
    context = {"form": form, "exhibition": exhibition}
    return render(request, "exhibitions/panel/hours.html", context)


STATUS_DONE = {
    ExStatus.DRAFT: gettext_lazy("The exhibition is a draft again; producers cannot apply."),
    ExStatus.ACCEPTING: gettext_lazy("The exhibition is taking applications."),
    ExStatus.RUNNING: gettext_lazy("The exhibition is running."),
    ExStatus.CLOSED: gettext_lazy(
        "The exhibition is closed; applications still waiting were declined."
    ),
}


@require_POST
@organizer_required
def exhibition_status_view(request, pk):
    exhibition = exhibition_of(request, pk)
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose one of the buttons to change the status."))
        return redirect("organizer:exhibition", pk=exhibition.pk)
    status = form.cleaned_data["status"]
    try:
        services.set_exhibition_status(exhibition, status)
    except ExhibitionsError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, STATUS_DONE[status])
    return redirect("organizer:exhibition", pk=exhibition.pk)
