from django.conf import settings
from django.db import migrations


def name_unnamed_sites(apps, schema_editor):
    # The admin's dashboard greets people with the site's name, and with its
    # host name ("localhost") when it has none: Wagtail's own migration creates
    # the first site without one.
    Site = apps.get_model("wagtailcore", "Site")
    Site.objects.filter(site_name="").update(site_name=settings.WAGTAIL_SITE_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(name_unnamed_sites, migrations.RunPython.noop)]
