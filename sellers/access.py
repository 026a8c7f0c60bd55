"""Who is acting in the seller panel: the one place that decides it.

A panel view is wrapped in `producer_required`: an anonymous visitor is sent to log in; a
signed-in buyer who is not a producer gets the Persian page on how to become one (not a bare
403). The view receives the acting producer as `request.producer`, and reaches every object
through a selector scoped to it (sellers/selectors.py), so another producer's object is a
404 by construction.
"""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render

from .models import Partner


def producer_of(user):
    """The producer this account acts for, or None (an account acts for at most one)."""
    if not user.is_authenticated:
        return None
    return (
        Partner.objects.filter(users=user)
        .exclude(status=Partner.Status.CLOSED)
        .select_related("province", "city")
        .order_by("pk")
        .first()
    )


def producer_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        producer = producer_of(request.user)
        if producer is None:
            return render(request, "sellers/panel/not_a_producer.html", status=403)
        request.producer = producer
        return view(request, *args, **kwargs)

    return wrapped
