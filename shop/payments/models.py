from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentAttempt(models.Model):
    """One try at paying an order through one adapter. Amounts are integer Rials."""

    class Status(models.TextChoices):
        CREATED = "created", _("created")
        REDIRECTED = "redirected", _("sent to the gateway")
        PAID = "paid", _("paid")
        FAILED = "failed", _("failed or cancelled")
        UNKNOWN = "unknown", _("outcome unknown")
        REFUNDED = "refunded", _("refunded")

    FINAL = (Status.PAID, Status.FAILED, Status.REFUNDED)

    # What is paid: an order, or a producer's booth fee (exactly one of the two).
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="payment_attempts", null=True
    )
    application = models.ForeignKey(
        "exhibitions.BoothApplication",
        on_delete=models.PROTECT,
        related_name="payment_attempts",
        null=True,
    )
    adapter = models.CharField(max_length=32)
    authority = models.CharField(max_length=128, null=True, blank=True, unique=True)
    amount_rials = models.BigIntegerField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.CREATED)
    ref_id = models.CharField(max_length=64, blank=True)
    card_pan = models.CharField(max_length=32, blank=True)
    replies = models.JSONField(default=list, blank=True)  # raw gateway replies, in order
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_rials__gt=0), name="payment_amount_positive"
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(order__isnull=False, application__isnull=True)
                    | models.Q(order__isnull=True, application__isnull=False)
                ),
                name="payment_pays_one_thing",
            ),
        ]

    def __str__(self):
        return f"{self.adapter} {self.authority or '-'} {self.status}"

    @property
    def reference(self):
        """What the payment is for, short: an order number, or `booth-<application id>`."""
        return self.order.number if self.order_id else f"booth-{self.application_id}"

    @property
    def description(self):
        """What the buyer sees at the gateway."""
        if self.order_id:
            return f"سفارش {self.order.number} در دست‌ساز"
        return f"هزینهٔ غرفه در {self.application.exhibition.title} (دست‌ساز)"

    @property
    def is_final(self):
        return self.status in self.FINAL

    def record(self, step, reply):
        self.replies = [*self.replies, {"step": step, "reply": reply}]


class Refund(models.Model):
    """Money given back: the whole payment (reversed at the gateway when it still can) or
    one producer's part (recorded for a manual transfer). The producer ledger reads these."""

    class Method(models.TextChoices):
        GATEWAY = "gateway", _("reversed at the gateway")
        MANUAL = "manual", _("to be transferred by hand")

    attempt = models.ForeignKey(PaymentAttempt, on_delete=models.PROTECT, related_name="refunds")
    fulfilment = models.ForeignKey(
        "partner.Fulfilment",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="refunds",
    )
    amount_rials = models.BigIntegerField()
    method = models.CharField(max_length=16, choices=Method.choices)
    reason = models.CharField(_("reason"), max_length=255)
    created_by = models.ForeignKey(
        "auth.User", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # A manual refund is done when staff have transferred the money and said so.
    transferred_at = models.DateTimeField(null=True, blank=True)
    transferred_by = models.ForeignKey(
        "auth.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount_rials__gt=0), name="refund_amount_positive"
            ),
            models.UniqueConstraint(
                fields=["fulfilment"], name="one_refund_per_fulfilment",
                condition=models.Q(fulfilment__isnull=False),
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.amount_rials} Rials ({self.method})"
