from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class ProductDocument(models.Model):
    """What search and every listing read: one row per browsable product, kept in step with
    the product, its stock and its producer by `search.indexing` (on commit).

    A listing page is one query on this table (plus facets), never a join across Oscar's
    catalogue; a card is rendered from the row alone.
    """

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    title = models.CharField(max_length=255)
    url = models.CharField(max_length=512)
    image = models.CharField(max_length=255, blank=True)
    product_class = models.CharField(max_length=32, db_index=True)
    is_standalone = models.BooleanField(default=True)
    producer = models.ForeignKey(
        "partner.Partner", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    province = models.ForeignKey(
        "catalogue.Province", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    categories = models.ManyToManyField("catalogue.Category", related_name="+")
    # The public exhibitions (not closed) the product is brought to by a confirmed booth
    # application (exhibitions.selectors.product_exhibitions); exhibitions/signals.py
    # reindexes the products when an application or an exhibition changes.
    exhibitions = models.ManyToManyField("exhibitions.Exhibition", related_name="+")
    price_rials = models.BigIntegerField(null=True, db_index=True)
    in_stock = models.BooleanField(default=False)
    priority = models.SmallIntegerField(default=0)
    date_created = models.DateTimeField(db_index=True)
    # Normalised index terms (shop.persian.text.index_terms), by weight.
    title_terms = models.TextField(blank=True)
    keyword_terms = models.TextField(blank=True)  # craft, class, producer, province, attributes
    body_terms = models.TextField(blank=True)  # description
    search_vector = SearchVectorField(null=True)  # PostgreSQL only

    class Meta:
        indexes = [
            models.Index(
                fields=["-priority", "-date_created", "-product"], name="productdoc_relevance"
            ),
        ]

    def __str__(self):
        return self.title


class ZeroResultQuery(models.Model):
    """A search that found nothing: unmet demand that producers should hear about."""

    query = models.CharField(_("search"), max_length=200, unique=True)
    count = models.PositiveIntegerField(_("times searched"), default=1)
    first_seen = models.DateTimeField(_("first searched"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last searched"), auto_now=True)

    class Meta:
        ordering = ["-count", "-last_seen"]
        verbose_name = _("search without results")
        verbose_name_plural = _("searches without results")

    def __str__(self):
        return self.query
