from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "lms.reports"
    label = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from .search import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="reports.search_key")
