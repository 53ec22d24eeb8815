from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class H5PConfig(AppConfig):
    name = "courses.h5p"
    label = "h5p"
    verbose_name = _("H5P activities")

    def ready(self):
        from django.db.models.signals import post_delete

        from . import models, services

        # Wherever a package is deleted from (the admin, a queryset, a cascade), its files go too.
        post_delete.connect(services.remove_files_of_deleted_package, sender=models.H5PPackage)
