"""The organizer panel's venues: the places where its exhibitions are held."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from .. import selectors
from .access import organizer_required
from .forms import VenueForm
from .views import page_of


@organizer_required
def venues_view(request):
    venues = selectors.venues_of(request.organizer).order_by("name", "pk")
    return render(request, "exhibitions/panel/venues.html", {"page": page_of(request, venues)})


@organizer_required
def venue_create_view(request):
    form = VenueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.instance.organizer = request.organizer
        form.save()
        messages.success(request, _("The venue is saved."))
        # Sent here from a new exhibition's form: back to it, the venue now to choose.
        if request.GET.get("then") == "exhibition":
            return redirect("organizer:exhibition-create")
        return redirect("organizer:venues")
    return render(request, "exhibitions/panel/venue_form.html", {"form": form})


@organizer_required
def venue_edit_view(request, pk):
    venue = get_object_or_404(selectors.venues_of(request.organizer), pk=pk)
    form = VenueForm(request.POST or None, instance=venue)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The venue is saved."))
        return redirect("organizer:venues")
    return render(request, "exhibitions/panel/venue_form.html", {"form": form, "venue": venue})
