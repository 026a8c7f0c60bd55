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
