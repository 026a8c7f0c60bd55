from pathlib import Path

from django.http import HttpResponse
from django.views.decorators.cache import cache_control, never_cache


@never_cache
def healthz(request):
    """Liveness probe for load balancers, and the bare-view baseline of bench/pages.py."""
    return HttpResponse("ok", content_type="text/plain")


def locked_out(request, credentials=None, *args, **kwargs):
    """django-axes' answer while a login is locked out: when to try again, in Persian."""
    from django.conf import settings
    from django.shortcuts import render

    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "shop/locked_out.html", {"minutes": minutes}, status=429)


def forbidden(request, exception=None):
    """403 in the site's frame and language (Django's default is a bare English line); a
    producer who wandered into the staff dashboard is shown the way to the seller panel."""
    from django.shortcuts import render

    return render(request, "oscar/403.html", status=403)


FAVICON = Path(__file__).resolve().parent / "static" / "dastsaz" / "favicon.ico"


@cache_control(max_age=7 * 24 * 3600, public=True)
def favicon(request):
    """`/favicon.ico`, which browsers and feed readers ask for whatever the page links."""
    return HttpResponse(FAVICON.read_bytes(), content_type="image/x-icon")
