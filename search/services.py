from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from shop.persian.text import normalise

from .models import ZeroResultQuery


def record_zero_result(text):
    """Count a search that found nothing, by its normalised text (safe under concurrency)."""
    query = normalise(text)[:200]
    if not query:
        return
    bump = {"count": F("count") + 1, "last_seen": timezone.now()}
    if ZeroResultQuery.objects.filter(query=query).update(**bump):
        return
    try:
        with transaction.atomic():
            ZeroResultQuery.objects.create(query=query)
    except IntegrityError:  # another request created it first
        ZeroResultQuery.objects.filter(query=query).update(**bump)
