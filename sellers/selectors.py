"""Reads about producers."""

from .models import Partner


def applications():
    """Producers waiting for staff, oldest first, with what the queue shows."""
    return (
        Partner.objects.filter(status=Partner.Status.APPLIED)
        .select_related("province", "city")
        .prefetch_related("users")
        .order_by("created_at", "pk")
    )


def producers_for_staff(status=""):
    producers = Partner.objects.select_related("province").order_by("-status_changed_at", "-pk")
    return producers.filter(status=status) if status else producers
