"""The printable QR poster of the producer's booth at one exhibition (exhibitions/channels/
poster.py draws it): one QR code per producer at the booth, opening their online shop. Only
for a producer selling from a booth there (their own or a share); any other exhibition is a
404, as if it did not exist."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from exhibitions.channels import poster
from exhibitions.channels.sales import booth_mates
from exhibitions.channels.stock import STOCKING
from exhibitions.models import Exhibition

from ..access import panel_view


@panel_view()
def booth_poster_view(request, pk):
    exhibition = get_object_or_404(
        Exhibition.objects.filter(status__in=STOCKING).select_related("venue"), pk=pk
    )
    booth, mates = booth_mates(request.producer, exhibition)
    if booth is None:
        raise Http404
    context = {
        "posters": [poster.booth_poster(exhibition, booth, mates)],
        "back_url": reverse("seller:exhibitions"),
    }
    return render(request, "exhibitions/poster.html", context)
