import oscar.apps.partner.apps as apps
from django.utils.translation import gettext_lazy as _


class PartnerConfig(apps.PartnerConfig):
    name = "sellers"
    verbose_name = _("Producers")

    def ready(self):
        super().ready()
        from . import tasks  # noqa: F401  (registers the scheduled producer jobs with Celery)
