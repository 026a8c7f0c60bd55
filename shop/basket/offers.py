"""Oscar's offer applicator (loaded for `offer.applicator` by shop/class_loader.py), without
the site-offers query on every request that reads a basket.

The site's open offers are kept in the cache with the page cache's generation: saving or
deleting any row of the offer app (offers, conditions, benefits, ranges) starts a new
generation (shop/pagecache/signals.py), and an offer's start and end are checked on each
request, as Oscar's `ConditionalOffer.active` does in SQL. Each request unpickles its own
copies: an offer applied to one basket is never shared with another."""

from django.core.cache import cache
from django.utils.timezone import now
from oscar.apps.offer import applicator
from oscar.core.loading import get_model

from shop.pagecache.store import GENERATION_KEY

SITE_OFFERS_KEY = "offers:site"
SITE_OFFERS_SECONDS = 300


def open_site_offers():
    """The site offers whose status is open, whatever their dates (from the cache)."""
    found = cache.get_many([GENERATION_KEY, SITE_OFFERS_KEY])
    generation = found.get(GENERATION_KEY, 0)
    kept = found.get(SITE_OFFERS_KEY)
    if kept is not None and kept[0] == generation:
        return kept[1]
    ConditionalOffer = get_model("offer", "ConditionalOffer")
    offers = list(
        ConditionalOffer.objects.filter(
            offer_type=ConditionalOffer.SITE, status=ConditionalOffer.OPEN
        ).select_related("condition", "benefit")
    )
    cache.set(SITE_OFFERS_KEY, (generation, offers), SITE_OFFERS_SECONDS)
    return offers


class Applicator(applicator.Applicator):
    def get_site_offers(self):
        moment = now()
        return [
            offer
            for offer in open_site_offers()
            if (offer.start_datetime is None or offer.start_datetime <= moment)
            and (offer.end_datetime is None or offer.end_datetime >= moment)
        ]
