from django.db import migrations, models


def legacy_folders(apps, schema_editor):
    """Libraries stored before patch folders keep their files in h5p/libraries/<Name>-<major>.<minor>/."""
    H5PLibrary = apps.get_model("h5p", "H5PLibrary")
    libraries = list(H5PLibrary.objects.all())
    for library in libraries:
        library.storage_folder = f"{library.machine_name}-{library.major_version}.{library.minor_version}"
    H5PLibrary.objects.bulk_update(libraries, ["storage_folder"], batch_size=500)


def refuse_if_moved(apps, schema_editor):
    """Before this migration the code only finds <Name>-<major>.<minor>/: not there once a library moved."""
    H5PLibrary = apps.get_model("h5p", "H5PLibrary")
    for library in H5PLibrary.objects.all():
        if library.storage_folder != f"{library.machine_name}-{library.major_version}.{library.minor_version}":
            raise RuntimeError(
                f"H5P library {library.machine_name}-{library.major_version}.{library.minor_version} is stored "
                f"in h5p/libraries/{library.storage_folder}/, which the earlier code cannot find: not reversible."
            )


class Migration(migrations.Migration):

    dependencies = [
        ("h5p", "0003_library_missing_files"),
    ]

    operations = [
        migrations.AddField(
            model_name="h5plibrary",
            name="storage_folder",
            field=models.CharField(default="", editable=False, max_length=300, verbose_name="storage folder"),
            preserve_default=False,
        ),
        migrations.RunPython(legacy_folders, refuse_if_moved),
    ]
