"""Listings in bulk from the seller panel: export, import, and an import's progress."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import imports, selectors
from ..access import panel_view
from .forms import ImportForm

TYPES = {
    "csv": ("text/csv; charset=utf-8", imports.export_csv),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        imports.export_xlsx,
    ),
}


@panel_view("listings")
def export_view(request, fmt):
    content_type, build = TYPES[fmt]
    response = HttpResponse(build(request.producer), content_type=content_type)
    name = f"dastsaz-listings-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@panel_view("listings")
def import_view(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        job = imports.start_import(request.producer, form.cleaned_data["file"], request.user)
        messages.success(request, _("The file is received; its rows are being read."))
        return redirect("seller:import-progress", pk=job.pk)
    context = {
        "form": form,
        "jobs": selectors.imports_for(request.producer)[:10],
        "columns": imports.header(),
    }
    return render(request, "sellers/panel/import.html", context)


@panel_view("listings")
def import_progress_view(request, pk):
    job = get_object_or_404(selectors.imports_for(request.producer), pk=pk)
    return render(request, "sellers/panel/import_progress.html", {"job": job})
