import oscar.apps.partner.apps as apps
from django.utils.translation import gettext_lazy as _


class PartnerConfig(apps.PartnerConfig):
    name = "sellers"
    verbose_name = _("Producers")

    def ready(self):
        super().ready()
        from django.db.models.signals import post_save

        from . import tasks  # noqa: F401  (registers the scheduled producer jobs with Celery)
        from .alerts import send_back_in_stock_alerts
        from .models import StockRecord

        post_save.connect(
            send_back_in_stock_alerts, sender=StockRecord, dispatch_uid="back-in-stock-alerts"
        )
