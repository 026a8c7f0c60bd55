"""Oscar's offer applicator (loaded for `offer.applicator` by shop/class_loader.py), without
the site-offers query on every request that reads a basket (nor the vouchers' query for a
basket with none: models.py).

The site's open offers are kept in the cache with the page cache's generation: saving or
deleting any row of the offer app (offers, conditions, benefits, ranges) starts a new
generation (shop/pagecache/signals.py), and an offer's start and end are checked on each
request, as Oscar's `ConditionalOffer.active` does in SQL. Each reading unpickles its own
copies (`shared=False`): an offer applied to one basket is never shared with another, not
even with the empty basket a cached page is rendered with in the same request."""

from django.utils.timezone import now
from oscar.apps.offer import applicator
from oscar.core.loading import get_model

from shop.pagecache.store import remembered


def _open_site_offers():
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    return list(
        ConditionalOffer.objects.filter(
            offer_type=ConditionalOffer.SITE, status=ConditionalOffer.OPEN
        ).select_related("condition", "benefit")
    )


def open_site_offers():
    """The site offers whose status is open, whatever their dates (from the cache)."""
    return remembered("offers:site", _open_site_offers, shared=False)


class Applicator(applicator.Applicator):
    def get_site_offers(self):
        moment = now()
        return [
            offer
            for offer in open_site_offers()
            if (offer.start_datetime is None or offer.start_datetime <= moment)
            and (offer.end_datetime is None or offer.end_datetime >= moment)
        ]
