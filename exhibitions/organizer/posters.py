"""The QR posters of every occupied booth of one of the organizer's exhibitions, one A4 page
each, to print and hand out at the fair (exhibitions/channels/poster.py draws them)."""

from django.shortcuts import render
from django.urls import reverse

from ..channels import poster
from .access import organizer_required
from .views import exhibition_of


@organizer_required
def booth_posters_view(request, pk):
    exhibition = exhibition_of(request, pk)
    context = {
        "exhibition": exhibition,
        "posters": poster.exhibition_posters(exhibition),
        "back_url": reverse("organizer:exhibition", args=[exhibition.pk]),
    }
    return render(request, "exhibitions/poster.html", context)
