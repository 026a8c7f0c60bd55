from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Province(models.Model):
    """One of Iran's 31 provinces (catalog/reference/provinces.csv)."""

    code = models.CharField(_("code"), max_length=3, unique=True)
    # The "persian" collation (shop/persian/collation.py) orders names as the alphabet does.
    name_fa = models.CharField(_("Persian name"), max_length=64, db_collation="persian")
    name_en = models.CharField(_("English name"), max_length=64)

    class Meta:
        ordering = ["name_fa"]
        verbose_name = _("province")
        verbose_name_plural = _("provinces")

    def __str__(self):
        return self.name_en if get_language() == "en" else self.name_fa


class City(models.Model):
    province = models.ForeignKey(
        Province, on_delete=models.PROTECT, related_name="cities", verbose_name=_("province")
    )
    name_fa = models.CharField(_("Persian name"), max_length=64, db_collation="persian")
    name_en = models.CharField(_("English name"), max_length=64, blank=True)
    is_capital = models.BooleanField(_("provincial capital"), default=False)

    class Meta:
        ordering = ["name_fa"]
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        constraints = [
            models.UniqueConstraint(
                fields=["province", "name_fa"], name="unique_city_per_province"
            ),
        ]

    def __str__(self):
        if get_language() == "en" and self.name_en:
            return self.name_en
        return self.name_fa


from oscar.apps.catalogue.abstract_models import AbstractProduct  # noqa: E402


class Product(AbstractProduct):
    """Oscar's product with what a home producer says of a listing: the unit it is sold by
    (traditional ones where they fit), how long it takes to make or prepare, and the
    carriers it can go by."""

    class Unit(models.TextChoices):
        PIECE = "piece", _("piece")
        PAIR = "pair", _("pair")
        SET = "set", _("set")
        PACK = "pack", _("pack")
        SQUARE_METRE = "m2", _("square metre")
        METRE = "m", _("metre")
        GRAM = "g", _("gram")
        KILOGRAM = "kg", _("kilogram")
        MESGHAL = "mesghal", _("mesghal")
        SEER = "seer", _("seer")

    unit = models.CharField(_("sold by"), max_length=16, choices=Unit.choices, default=Unit.PIECE)
    # 0: ready to ship; more: made to order, dispatched within that many days.
    preparation_days = models.PositiveSmallIntegerField(_("days to prepare"), default=0)
    carriers = models.JSONField(_("carriers"), default=list, blank=True)

    class Meta(AbstractProduct.Meta):
        pass

    @cached_property
    def has_options(self):
        """Oscar's, without its two queries when the catalogue has no option at all."""
        from .selectors import catalogue_has_options

        return catalogue_has_options() and AbstractProduct.has_options.func(self)

    @property
    def options(self):
        from .selectors import catalogue_has_options

        if not catalogue_has_options():
            return Option.objects.none()  # noqa: F405 (Oscar's models, imported below)
        return super().options

    def get_all_images(self):
        """Oscar's. Products read together (a basket's or an order's lines set
        `images_together_with`) get their images together too, when the first of them is
        asked (`set_images`: one remembered read whatever the number of lines), and none on
        a page that shows no image."""
        together = self.__dict__.pop("images_together_with", None)
        if together:
            from .selectors import set_images

            set_images(together)
            for product in together:
                product.__dict__.pop("images_together_with", None)
        return super().get_all_images()

    @property
    def is_made_to_order(self):
        return self.preparation_days > 0

    @property
    def carrier_names(self):
        from sellers.models import Carrier

        names = dict(Carrier.choices)
        return [names[c] for c in self.carriers if c in names]


from oscar.apps.catalogue.models import *  # noqa: E402, F403, I001
