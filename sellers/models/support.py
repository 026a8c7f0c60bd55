"""Support companies (طرح پشتیبان): organisations that market and sell many producers' goods.

A producer grants a company rights one at a time (listings, fulfilments, statements) and may
revoke each; a revoked grant keeps its row (who, when) and stops access on the next request.
Everything a company's member does for a producer is an `SupportAction`.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SupportCompany(models.Model):
    name = models.CharField(_("name"), max_length=255)
    registration_number = models.CharField(
        _("national company id"), max_length=11, unique=True, blank=True, null=True
    )
    mobile = models.CharField(_("mobile"), max_length=11, blank=True)
    province = models.ForeignKey(
        "catalogue.Province",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("province"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("support company")
        verbose_name_plural = _("support companies")

    def __str__(self):
        return self.name


class SupportMember(models.Model):
    """An account that works for a company (at most one company per account)."""

    company = models.ForeignKey(SupportCompany, on_delete=models.CASCADE, related_name="members")
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="support_membership"
    )
    is_manager = models.BooleanField(_("manager"), default=False)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self):
        return f"{self.user} @ {self.company}"


class Right(models.TextChoices):
    LISTINGS = "listings", _("products and stock")
    FULFILMENTS = "fulfilments", _("orders and sending")
    STATEMENTS = "statements", _("account statement")


class SupportGrant(models.Model):
    company = models.ForeignKey(SupportCompany, on_delete=models.PROTECT, related_name="grants")
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="support_grants"
    )
    right = models.CharField(_("right"), max_length=16, choices=Right.choices)
    granted_at = models.DateTimeField(auto_now_add=True)
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["company", "producer", "right"],
                condition=models.Q(revoked_at__isnull=True),
                name="one_live_grant_per_right",
            ),
        ]

    def __str__(self):
        return f"{self.producer} → {self.company}: {self.right}"


ACTION_LABELS = {
    "create": _("added a product"),
    "edit": _("edited a product"),
    "quick-edit": _("changed a price or stock"),
    "show": _("put a product on show"),
    "hide": _("hid a product"),
    "duplicate": _("copied a product"),
    "photos": _("added photos"),
    "photo-earlier": _("moved a photo"),
    "photo-later": _("moved a photo"),
    "photo-delete": _("deleted a photo"),
    "import": _("imported products from a file"),
    "accept": _("accepted an order"),
    "ship": _("sent an order"),
    "deliver": _("marked an order delivered"),
    "cancel": _("cancelled an order"),
}


class SupportAction(models.Model):
    """What a company's member did in a producer's panel: the audit trail both can read."""

    company = models.ForeignKey(SupportCompany, on_delete=models.PROTECT, related_name="actions")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.PROTECT, related_name="support_actions"
    )
    action = models.CharField(max_length=64)  # the panel URL's name, e.g. "ship"
    object_id = models.CharField(max_length=32, blank=True)
    path = models.CharField(max_length=255)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.user} {self.action} {self.object_id}"

    @property
    def label(self):
        return ACTION_LABELS.get(self.action, self.action)
