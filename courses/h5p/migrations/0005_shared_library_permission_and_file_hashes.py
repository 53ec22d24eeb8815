import hashlib

from django.core.files.storage import default_storage
from django.db import migrations, models


def stored_hashes(prefix):
    """{path under prefix: SHA-256 hex} of every file stored under a library's folder."""
    try:
        directories, files = default_storage.listdir(prefix)
    except (FileNotFoundError, NotADirectoryError):
        return {}
    hashes = {}
    for name in files:
        digest = hashlib.sha256()
        with default_storage.open(f"{prefix}{name}", "rb") as stored:
            for chunk in iter(lambda: stored.read(1024 * 1024), b""):
                digest.update(chunk)
        hashes[name] = digest.hexdigest()
    for directory in directories:
        hashes.update({f"{directory}/{path}": value for path, value in stored_hashes(f"{prefix}{directory}/").items()})
    return hashes


def record_stored_files(apps, schema_editor):
    """Libraries stored before this migration: their files are hashed once, where they are."""
    H5PLibrary = apps.get_model("h5p", "H5PLibrary")
    for library in H5PLibrary.objects.all():
        library.file_hashes = stored_hashes(f"h5p/libraries/{library.storage_folder}/")
        library.save(update_fields=["file_hashes"])


class Migration(migrations.Migration):

    dependencies = [
        ("h5p", "0004_library_storage_folder"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="h5plibrary",
            options={
                "ordering": ["machine_name", "major_version", "minor_version"],
                "permissions": [("install_shared_library", "Can install or upgrade shared H5P libraries")],
                "verbose_name": "H5P library",
                "verbose_name_plural": "H5P libraries",
            },
        ),
        migrations.AddField(
            model_name="h5plibrary",
            name="file_hashes",
            field=models.JSONField(blank=True, default=dict, editable=False),
        ),
        migrations.RunPython(record_stored_files, migrations.RunPython.noop),
    ]
