"""Producers' money: commission rates, the ledger, payout batches.

All amounts are integer Rials. The ledger is double-entry: every booking is a set of lines
with one `booking` id whose amounts sum to zero across accounts (sellers/ledger.py writes
them and refuses an unbalanced set). A producer's balance is the sum of their lines on the
PRODUCER account, never a stored number. Lines are never changed or deleted (the model
refuses, and on PostgreSQL a trigger refuses too); a correction is a new booking.
"""

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class CommissionRate(models.Model):
    """Dastsaz's share of a sale, in hundredths of a percent (1250 = 12.5%).

    A rate may name a product class, a producer, both, or neither (the default); the most
    specific rate in force on the day the order was paid applies (sellers/commission.py).
    """

    product_class = models.ForeignKey(
        "catalogue.ProductClass",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("product type"),
    )
    producer = models.ForeignKey(
        "partner.Partner",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="commission_rates",
        verbose_name=_("producer"),
    )
    rate_bp = models.PositiveIntegerField(
        _("rate (hundredths of a percent)"), validators=[MaxValueValidator(10_000)]
    )
    effective_from = models.DateField(_("in effect from"))
    note = models.CharField(_("note"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-effective_from", "-pk"]
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        constraints = [
            models.CheckConstraint(condition=models.Q(rate_bp__lte=10_000), name="rate_at_most_all")
        ]

    def __str__(self):
        return f"{self.rate_bp / 100}% ({self.effective_from})"

    @property
    def percent(self):
        return self.rate_bp / 100


class LedgerEntry(models.Model):
    """One line of a balanced booking."""

    class Account(models.TextChoices):
        PRODUCER = "producer", _("owed to the producer")
        BUYERS = "buyers", _("buyers' payments held")
        COMMISSION = "commission", _("commission income")
        FEES = "fees", _("booth fee income")
        BANK = "bank", _("paid out to banks")
        ADJUSTMENTS = "adjustments", _("adjustments")

    class Kind(models.TextChoices):
        SALE = "sale", _("sale")
        COMMISSION = "commission", _("commission")
        REFUND = "refund", _("refund of a sale")
        COMMISSION_REFUND = "commission_refund", _("commission given back")
        PAYOUT = "payout", _("payout")
        BOOTH_FEE = "booth_fee", _("booth fee")
        ADJUSTMENT = "adjustment", _("adjustment")

    booking = models.UUIDField(default=uuid.uuid4, db_index=True)
    account = models.CharField(max_length=16, choices=Account.choices)
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="ledger_entries"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount_rials = models.BigIntegerField(_("amount (Rials)"))
    # From this day the line counts towards what may be paid out (the hold after delivery).
    available_on = models.DateField(_("available from"))
    fulfilment = models.ForeignKey(
        "partner.Fulfilment", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    payout = models.ForeignKey(
        "partner.Payout", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The exhibition the booking belongs to (a booth fee, a sale in that channel); none: online.
    exhibition = models.ForeignKey(
        "exhibitions.Exhibition", null=True, blank=True, on_delete=models.PROTECT,
        related_name="+",
    )  # fmt: skip
    memo = models.CharField(_("description"), max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("ledger entry")
        verbose_name_plural = _("ledger entries")
        indexes = [models.Index(fields=["producer", "account", "available_on"])]
        constraints = [
            # A fulfilment's sale and its reversal are each booked once per producer, whatever
            # retries (two producers when a booth mate's till holds the money).
            models.UniqueConstraint(
                fields=["fulfilment", "producer", "account", "kind"],
                condition=models.Q(fulfilment__isnull=False),
                name="one_entry_per_fulfilment_producer_account_kind",
            ),
            models.UniqueConstraint(
                fields=["payout", "account"],
                condition=models.Q(payout__isnull=False),
                name="one_entry_per_payout_account",
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.amount_rials}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise LedgerImmutable
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise LedgerImmutable


class LedgerImmutable(Exception):
    def __str__(self):
        return "ledger entries are never changed; book a correction instead"


class PayoutBatch(models.Model):
    """A bank transfer list staff make, export, transfer and then mark paid."""

    class Status(models.TextChoices):
        OPEN = "open", _("to transfer")
        PAID = "paid", _("paid")
        CANCELLED = "cancelled", _("cancelled")

    status = models.CharField(max_length=16, choices=Status.choices, default=Status.OPEN)
    threshold_rials = models.BigIntegerField(_("minimum payout (Rials)"))
    cutoff = models.DateField(_("available up to"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("payout batch")
        verbose_name_plural = _("payout batches")

    def __str__(self):
        return f"#{self.pk}"

    @property
    def reference(self):
        return f"DSZ-{self.pk:05d}"


class Payout(models.Model):
    """One producer's transfer in a batch: to the Sheba they had when the batch was made."""

    batch = models.ForeignKey(PayoutBatch, on_delete=models.PROTECT, related_name="payouts")
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="payouts"
    )
    amount_rials = models.BigIntegerField(_("amount (Rials)"))
    sheba = models.CharField(_("Sheba"), max_length=26)
    account_name = models.CharField(_("account holder"), max_length=255)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["batch", "producer"], name="one_payout_per_batch"),
            models.CheckConstraint(condition=models.Q(amount_rials__gt=0), name="payout_positive"),
        ]

    def __str__(self):
        return f"{self.batch.reference}-{self.pk}"

    @property
    def reference(self):
        return f"{self.batch.reference}-{self.pk}"
