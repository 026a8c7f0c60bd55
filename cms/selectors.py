from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Count
from django.utils import timezone

from catalog.models import Category
from exhibitions import selectors as exhibition_selectors
from search.models import ProductDocument
from search.selectors import cards
from sellers.models import Partner

# The home page is the busiest page; its lists change slowly, so their ids are cached.
HOME_CACHE_SECONDS = 300


def craft_groups():
    """Top-level categories with their crafts, for the home page's browse block."""
    categories = list(Category.objects.browsable().filter(depth__lte=2).order_by("path"))
    roots = [c for c in categories if c.depth == 1]
    for root in roots:
        root.crafts = [c for c in categories if c.depth == 2 and c.path.startswith(root.path)]
    return roots


def new_product_ids(count):
    return list(
        ProductDocument.objects.exclude(price_rials=None)
        .order_by("-date_created", "-product_id")
        .values_list("product_id", flat=True)[:count]
    )


def new_products(count):
    ids = cache.get_or_set(
        f"home:new-products:{count}", lambda: new_product_ids(count), HOME_CACHE_SECONDS
    )
    return cards(ids)


def marketplace_size():
    def count():
        totals = Partner.objects.aggregate(
            producers=Count("id"), provinces=Count("province", distinct=True)
        )
        return totals["producers"], totals["provinces"]

    return cache.get_or_set("home:marketplace-size", count, HOME_CACHE_SECONDS)


def exhibitions_to_visit(count):
    """Exhibitions open to visitors today (`is_open_now`), then the coming ones, soonest
    first: one query."""
    today = timezone.localdate()
    running = exhibition_selectors.running_on(today)
    coming = exhibition_selectors.upcoming(today)
    exhibitions = list((running | coming).order_by("starts_on", "pk")[:count])
    for exhibition in exhibitions:
        exhibition.is_open_now = exhibition.starts_on <= today
    return exhibitions


STORY_PRODUCTS = 8


def producer_products(producer, count=STORY_PRODUCTS):
    """A story's producer's newest public products as storefront cards (search documents),
    one query; none while the producer may not sell."""
    if producer is None or not producer.is_selling:
        return []
    return list(
        ProductDocument.objects.filter(producer=producer)
        .exclude(price_rials=None)
        .select_related("producer", "province")
        .order_by("-date_created", "-product_id")[:count]
    )


def exhibition_content(exhibition):
    """The published words staff wrote for an exhibition's page, or None (a draft never
    published, or unpublished, shows nothing). No query when the exhibition was fetched
    with `select_related("content")`."""
    try:
        content = exhibition.content
    except ObjectDoesNotExist:
        return None
    return content if content.live else None
