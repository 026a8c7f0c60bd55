"""The organizer panel's booths of an exhibition: the list, one booth added, changed or
deleted, and a whole grid laid out at once."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from shop.persian.numbers import localised_number

from .. import layout, selectors
from ..exceptions import ExhibitionsError
from .access import organizer_required
from .forms import BoothForm, BoothGridForm
from .views import exhibition_of


def booth_of(request, exhibition_pk, pk):
    exhibition = exhibition_of(request, exhibition_pk)
    booth = get_object_or_404(
        selectors.booths_of(request.organizer).filter(exhibition=exhibition), pk=pk
    )
    return exhibition, booth


@organizer_required
def booths_view(request, pk):
    exhibition = exhibition_of(request, pk)
    context = {"exhibition": exhibition, "plan": selectors.floor_plan(exhibition)}
    return render(request, "exhibitions/panel/booths.html", context)


def _save_booth(form):
    """Save, or say on the form that another request took the code or place meanwhile."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        form.add_error("code", _("Another booth of this exhibition has this code or place."))
        return None


@organizer_required
def booth_create_view(request, pk):
    exhibition = exhibition_of(request, pk)
    form = BoothForm(request.POST or None, exhibition=exhibition)
    if request.method == "POST" and form.is_valid():
        booth = _save_booth(form)
        if booth is not None:
            messages.success(request, _("Booth %(code)s is added.") % {"code": booth.code})
            return redirect("organizer:booths", pk=exhibition.pk)
    context = {"form": form, "exhibition": exhibition}
    return render(request, "exhibitions/panel/booth_form.html", context)


@organizer_required
def booth_edit_view(request, exhibition_pk, pk):
    exhibition, booth = booth_of(request, exhibition_pk, pk)
    form = BoothForm(request.POST or None, instance=booth, exhibition=exhibition)
    if request.method == "POST" and form.is_valid():
        if _save_booth(form) is not None:
            messages.success(request, _("Booth %(code)s is saved.") % {"code": booth.code})
            return redirect("organizer:booths", pk=exhibition.pk)
    context = {
        "form": form,
        "exhibition": exhibition,
        "booth": booth,
        "in_use": booth.assignments.exists(),
    }
    return render(request, "exhibitions/panel/booth_form.html", context)


@require_POST
@organizer_required
def booth_delete_view(request, exhibition_pk, pk):
    exhibition, booth = booth_of(request, exhibition_pk, pk)
    try:
        layout.delete_booth(booth)
    except ExhibitionsError as error:
        messages.error(request, str(error))
        return redirect("organizer:booth-edit", exhibition_pk=exhibition.pk, pk=booth.pk)
    messages.success(request, _("Booth %(code)s is deleted.") % {"code": booth.code})
    return redirect("organizer:booths", pk=exhibition.pk)


@organizer_required
def booth_grid_view(request, pk):
    exhibition = exhibition_of(request, pk)
    form = BoothGridForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created, skipped = layout.lay_out_grid(exhibition, **form.grid())
        except ExhibitionsError as error:
            form.add_error(None, str(error))
        else:
            count = len(created)
            messages.success(
                request,
                ngettext("%(count)s booth is added.", "%(count)s booths are added.", count)
                % {"count": localised_number(count)},
            )
            if skipped:
                messages.info(
                    request,
                    ngettext(
                        "%(count)s place already had a booth and was left as it was.",
                        "%(count)s places already had a booth and were left as they were.",
                        skipped,
                    )
                    % {"count": localised_number(skipped)},
                )
            return redirect("organizer:booths", pk=exhibition.pk)
    context = {"form": form, "exhibition": exhibition, "booth_count": exhibition.booths.count()}
    return render(request, "exhibitions/panel/booth_grid.html", context)
