from django.http import HttpResponse
from django.views.decorators.cache import never_cache


@never_cache
def healthz(request):
    """Liveness probe for load balancers, and the bare-view baseline of bench/pages.py."""
    return HttpResponse("ok", content_type="text/plain")
