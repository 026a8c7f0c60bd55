from django.db.models import Count

from catalog.models import Category, Product
from search.selectors import product_cards
from sellers.models import Partner


def craft_groups():
    """Top-level categories with their crafts, for the home page's browse block (2 queries)."""
    categories = list(Category.objects.browsable().filter(depth__lte=2).order_by("path"))
    roots = [c for c in categories if c.depth == 1]
    for root in roots:
        root.crafts = [c for c in categories if c.depth == 2 and c.path.startswith(root.path)]
    return roots


def new_products(count):
    ids = list(
        Product.objects.browsable()
        .filter(stockrecords__isnull=False)
        .order_by("-date_created", "-id")
        .values_list("id", flat=True)
        .distinct()[:count]
    )
    return product_cards(ids)


def marketplace_size():
    totals = Partner.objects.aggregate(
        producers=Count("id"), provinces=Count("province", distinct=True)
    )
    return totals["producers"], totals["provinces"]
