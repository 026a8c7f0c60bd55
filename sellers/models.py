from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.partner.abstract_models import AbstractPartner

licence_number_validator = RegexValidator(
    r"^[0-9]{6,20}$",
    _("A home-business licence number is 6 to 20 digits."),
)


class Partner(AbstractPartner):
    """A producer: a licensed home business that sells on Dastsaz (an Oscar Partner)."""

    province = models.ForeignKey(
        "catalogue.Province",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producers",
        verbose_name=_("province"),
    )
    city = models.ForeignKey(
        "catalogue.City",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="producers",
        verbose_name=_("city"),
    )
    licence_number = models.CharField(
        _("home-business licence number"),
        max_length=20,
        blank=True,
        validators=[licence_number_validator],
        help_text=_("As printed on the licence from the national licensing portal."),
    )
    story = models.TextField(_("story"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True, null=True)

    class Meta(AbstractPartner.Meta):
        verbose_name = _("producer")
        verbose_name_plural = _("producers")
        constraints = [
            models.UniqueConstraint(
                fields=["licence_number"],
                condition=~models.Q(licence_number=""),
                name="unique_producer_licence_number",
            ),
        ]

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.city_id and self.province_id and self.city.province_id != self.province_id:
            raise ValidationError({"city": _("This city is not in the chosen province.")})


Producer = Partner

from oscar.apps.partner.models import *  # noqa: E402, F403, I001
