from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Site")

    def ready(self):
        from lms.spreadsheets import neutralise_wagtail_exports

        neutralise_wagtail_exports()
