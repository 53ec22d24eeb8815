from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "lms.programmes"
    label = "programmes"
    verbose_name = _("Mandatory courses")

    def ready(self):
        from lms.accounts.signals import members_confirmed

        from . import receivers, tasks  # noqa: F401  (receivers connect on import)

        members_confirmed.connect(tasks.enroll_confirmed_members, dispatch_uid="programmes.enroll_confirmed_members")
