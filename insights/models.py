"""Figures computed by scheduled tasks, read by pages (no heavy query on a page view)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProducerActivity(models.Model):
    """How one approved producer is doing, recomputed daily by
    `insights.services.refresh_activity`: the early warning for producers who stop."""

    class Flag(models.TextChoices):
        NONE = "", _("active")
        INACTIVE_30 = "30", _("inactive 30 days")
        INACTIVE_60 = "60", _("inactive 60 days")

    producer = models.OneToOneField(
        "partner.Partner", on_delete=models.CASCADE, related_name="activity"
    )
    last_login = models.DateTimeField(null=True, blank=True)
    last_listing_change = models.DateTimeField(null=True, blank=True)
    last_order = models.DateTimeField(null=True, blank=True)
    orders_90d = models.PositiveIntegerField(default=0)
    sales_90d_rials = models.BigIntegerField(default=0)
    avg_dispatch_hours = models.FloatField(null=True, blank=True)
    stock_outs = models.PositiveIntegerField(default=0)
    # Days since the latest of last login, last listing change and last order (None: never).
    inactive_days = models.PositiveIntegerField(null=True, blank=True)
    flag = models.CharField(max_length=2, choices=Flag.choices, blank=True, default="")
    nudged_at = models.DateTimeField(null=True, blank=True)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name = _("producer activity")
        verbose_name_plural = _("producer activity")
        indexes = [models.Index(fields=["flag"], name="insights_activity_flag")]

    def __str__(self):
        return f"{self.producer_id}: {self.flag or '-'}"


class SearchEvent(models.Model):
    """One storefront search, counted once per visitor and query a day
    (insights.recording.record_search). Only the weekly task reads these rows."""

    at = models.DateTimeField(db_index=True)
    query = models.CharField(max_length=200)  # normalised (shop.persian.text.normalise)
    results = models.PositiveIntegerField()
    # Where the buyer is, when known (their address): demand is counted where buyers live.
    province = models.ForeignKey(
        "catalogue.Province", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The craft page the search was made on, if any; otherwise the weekly task reads the
    # craft from the words (insights.crafts).
    craft = models.ForeignKey(
        "catalogue.Category", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.query}"


class ProductEvent(models.Model):
    """A product page seen or a product put in a basket, once per visitor and product a day."""

    class Kind(models.TextChoices):
        VIEW = "view", _("viewed")
        BASKET = "basket", _("added to basket")

    at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=6, choices=Kind.choices)
    product = models.ForeignKey("catalogue.Product", on_delete=models.CASCADE, related_name="+")
    province = models.ForeignKey(
        "catalogue.Province", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return f"{self.at:%Y-%m-%d} {self.kind} {self.product_id}"


class WeeklyMarket(models.Model):
    """Demand against supply of one craft in one province for one week (Saturday to Friday,
    Tehran time), written by insights.market.build_week.

    Demand is counted where buyers are: searches, product views and basket additions by
    buyers of the province, and order lines shipped there. Supply is where producers are:
    the public listings and the producers of the craft in the province when the week was
    computed. `province` is empty for buyers whose province is not known."""

    week = models.DateField()
    province = models.ForeignKey(
        "catalogue.Province", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    craft = models.ForeignKey("catalogue.Category", on_delete=models.CASCADE, related_name="+")
    searches = models.PositiveIntegerField(default=0)
    unmet_searches = models.PositiveIntegerField(default=0)  # found nothing
    views = models.PositiveIntegerField(default=0)
    baskets = models.PositiveIntegerField(default=0)
    orders = models.PositiveIntegerField(default=0)
    units = models.PositiveIntegerField(default=0)
    sales_rials = models.BigIntegerField(default=0)
    listings = models.PositiveIntegerField(default=0)
    producers = models.PositiveIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["week", "province", "craft"], name="insights_market_key")]

    def __str__(self):
        return f"{self.week} {self.province_id} {self.craft_id}"

    @property
    def demand(self):
        """The demand the pages rank by: searches plus orders (views and baskets shown)."""
        return self.searches + self.orders


class UnmetDemand(models.Model):
    """Searches that found nothing in one week, by normalised text, buyer's province and
    the craft they name (empty when the words name none)."""

    week = models.DateField()
    query = models.CharField(max_length=200)
    province = models.ForeignKey(
        "catalogue.Province", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    craft = models.ForeignKey(
        "catalogue.Category", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    searches = models.PositiveIntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["week", "craft"], name="insights_unmet_craft"),
            models.Index(fields=["week", "province"], name="insights_unmet_province"),
        ]

    def __str__(self):
        return f"{self.week} {self.query}"


class ProducerSales(models.Model):
    """One producer's paid sales in one week by channel and buyer's province (the shipping
    address's; empty for sales at a booth or collected there)."""

    week = models.DateField()
    producer = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=16)  # exhibitions.OrderChannel.Kind
    province = models.ForeignKey(
        "catalogue.Province", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    orders = models.PositiveIntegerField(default=0)
    units = models.PositiveIntegerField(default=0)
    sales_rials = models.BigIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["producer", "week"], name="insights_sales_producer")]

    def __str__(self):
        return f"{self.week} {self.producer_id} {self.channel}"


class ListingInsight(models.Model):
    """One listing over the last four complete weeks: views → baskets → orders, and its
    price against similar listings (public ones of the same craft and unit, itself left out)."""

    product = models.OneToOneField(
        "catalogue.Product", on_delete=models.CASCADE, related_name="insight"
    )
    producer = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="+")
    views = models.PositiveIntegerField(default=0)
    baskets = models.PositiveIntegerField(default=0)
    orders = models.PositiveIntegerField(default=0)
    price_rials = models.BigIntegerField(null=True, blank=True)
    peers = models.PositiveIntegerField(default=0)
    peer_low_rials = models.BigIntegerField(null=True, blank=True)
    peer_median_rials = models.BigIntegerField(null=True, blank=True)
    peer_high_rials = models.BigIntegerField(null=True, blank=True)
    cheaper_peers = models.PositiveIntegerField(default=0)  # peers priced below this one
    computed_at = models.DateTimeField()

    def __str__(self):
        return f"{self.product_id}"
