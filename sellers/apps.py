import oscar.apps.partner.apps as apps
from django.utils.translation import gettext_lazy as _


class PartnerConfig(apps.PartnerConfig):
    name = "sellers"
    verbose_name = _("Producers")
