from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from . import csp, navigation, signals  # noqa: F401  (signals: receivers)

        navigation.connect()
        csp.patch_choosers()
