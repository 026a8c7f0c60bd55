"""Exhibitions as sales channels: one producer's one stock, online and at their booths.

- `OrderChannel`: every order's channel. Online orders, click-and-collect orders (paid online,
  picked up at a booth with a short code) and booth sales (sold in person, paid by cash or a
  card reader) are all Oscar orders; this row says which channel each belongs to.
- `BoothStock`: the units of one stock record a producer has at one exhibition. Moving units
  there takes them from the online stock (`StockRecord.num_in_stock`), so the online shop
  offers only online units. `reserved` of them are held for click-and-collect orders.
- `StockMove`: every change of booth stock, for the producer's reconciliation sheet.
- `BoothShare`: producers sharing another producer's booth (a cooperative, a province
  pavilion, a support company), each with the share of the fee they agreed.

Conservation (tests/exhibitions/test_stock_conservation.py): for every stock record,
online (num_in_stock − num_allocated) + booth units + units sold = units received.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class OrderChannel(models.Model):
    class Kind(models.TextChoices):
        ONLINE = "online", _("online shop")
        PICKUP = "pickup", _("collect at the booth")
        BOOTH_SALE = "booth_sale", _("sold at the booth")

    class PaidBy(models.TextChoices):
        ONLINE = "online", _("online payment")
        CASH = "cash", _("cash")
        CARD = "card", _("card reader")

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="channel")
    kind = models.CharField(_("channel"), max_length=16, choices=Kind.choices)
    exhibition = models.ForeignKey(
        "exhibitions.Exhibition",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("exhibition"),
    )
    paid_by = models.CharField(
        _("paid by"), max_length=16, choices=PaidBy.choices, default=PaidBy.ONLINE
    )
    # Click-and-collect: the code the buyer shows at the booth.
    pickup_code = models.CharField(_("pick-up code"), max_length=8, blank=True)
    # A booth sale: the key the sale screen sends, so a retried submission is recorded once.
    idempotency_key = models.UUIDField(null=True, blank=True, unique=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("order channel")
        verbose_name_plural = _("order channels")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="online", exhibition__isnull=True)
                | (~Q(kind="online") & Q(exhibition__isnull=False)),
                name="channel_exhibition_matches_kind",
            ),
            models.UniqueConstraint(
                fields=["exhibition", "pickup_code"],
                condition=~Q(pickup_code=""),
                name="one_pickup_code_per_exhibition",
            ),
        ]

    def __str__(self):
        return f"{self.order_id} {self.kind}"

    @property
    def is_online(self):
        return self.kind == self.Kind.ONLINE


class BoothStock(models.Model):
    exhibition = models.ForeignKey(
        "exhibitions.Exhibition", on_delete=models.PROTECT, related_name="booth_stock"
    )
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="booth_stock"
    )
    stockrecord = models.ForeignKey(
        "partner.StockRecord", on_delete=models.PROTECT, related_name="booth_stock"
    )
    quantity = models.PositiveIntegerField(_("units at the booth"), default=0)
    reserved = models.PositiveIntegerField(_("held for pick-up"), default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("booth stock")
        verbose_name_plural = _("booth stock")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "stockrecord"], name="one_booth_stock_per_exhibition"
            ),
            models.CheckConstraint(
                condition=Q(reserved__lte=F("quantity")), name="booth_reserved_within_quantity"
            ),
        ]

    def __str__(self):
        return f"{self.stockrecord_id}@{self.exhibition_id}: {self.quantity}"

    @property
    def available(self):
        return self.quantity - self.reserved


class StockMove(models.Model):
    """One change of booth stock (quantities are always positive; the kind says which way)."""

    class Kind(models.TextChoices):
        TO_BOOTH = "to_booth", _("moved to the booth")
        TO_ONLINE = "to_online", _("moved back online")
        SOLD = "sold", _("sold at the booth")
        RESERVED = "reserved", _("held for pick-up")
        UNRESERVED = "unreserved", _("pick-up cancelled")
        COLLECTED = "collected", _("collected by the buyer")
        RETURNED = "returned", _("returned online after the exhibition")
        GIVEN_BACK = "given_back", _("booth sale refunded")

    stock = models.ForeignKey(BoothStock, on_delete=models.PROTECT, related_name="moves")
    kind = models.CharField(_("what happened"), max_length=16, choices=Kind.choices)
    quantity = models.PositiveIntegerField(_("units"))
    order = models.ForeignKey(
        "order.Order", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="stock_move_positive")
        ]

    def __str__(self):
        return f"{self.kind} {self.quantity}"


class BoothShare(models.Model):
    """A producer invited to share a booth held by another producer's application. The
    holder keeps what the accepted shares leave of the fee."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        ACCEPTED = "accepted", _("sharing")
        DECLINED = "declined", _("declined")
        ENDED = "ended", _("ended")

    application = models.ForeignKey(
        "exhibitions.BoothApplication", on_delete=models.PROTECT, related_name="shares"
    )
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="booth_shares"
    )
    # The part of the booth fee this producer agreed to carry, in hundredths of a percent.
    share_bp = models.PositiveIntegerField(
        _("share of the fee (hundredths of a percent)"),
        validators=[MinValueValidator(1), MaxValueValidator(9_999)],
    )
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.INVITED)
    fee_rials = models.PositiveBigIntegerField(_("share of the fee (Rials)"), default=0)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "producer"],
                condition=Q(status__in=["invited", "accepted"]),
                name="one_open_share_per_producer",
            ),
            models.CheckConstraint(
                condition=Q(share_bp__gt=0, share_bp__lt=10_000), name="share_within_whole"
            ),
        ]

    def __str__(self):
        return f"{self.producer} in {self.application}"
