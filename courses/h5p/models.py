"""
H5P packages and the libraries they run on. A library (H5P.TrueFalse-1.6) is
stored once, under h5p/libraries/<storage_folder>/, and shared by every package
that needs it: the interactive book sample alone brings 35 of them. Each stored
patch has its own folder (H5P.TrueFalse-1.6.12/), so an upgrade writes beside
the patch it replaces; the library view maps the folder h5p-standalone asks
for (<folder_name>, H5P.TrueFalse-1.6/) to it. A
package's own files (h5p.json and content/) live under its storage_prefix.
The files are written through Django's storage API only, so media may live on
S3-compatible storage; services.py does the writing.
"""

import unicodedata

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

LIBRARIES_PREFIX = "h5p/libraries/"
CONTENT_PREFIX = "h5p/content/"


class H5PLibrary(models.Model):
    """One major.minor version of an H5P library; a newer patch replaces the stored one (in a folder of its own)."""

    machine_name = models.CharField(_("machine name"), max_length=255)
    major_version = models.PositiveIntegerField(_("major version"))
    minor_version = models.PositiveIntegerField(_("minor version"))
    patch_version = models.PositiveIntegerField(_("patch version"))
    title = models.CharField(_("title"), max_length=255, blank=True)
    runnable = models.BooleanField(_("runnable"), default=False)
    # The parsed library.json: its preloadedDependencies let a later package that
    # relies on this stored copy be checked without re-reading storage.
    library_json = models.JSONField(default=dict, blank=True)
    # The files its library.json preloads (preloadedJs, preloadedCss) that the store lacks: some
    # exports leave built files out. Not empty: the packages using it cannot play until a
    # complete package of the same version is uploaded, which repairs it (services.py).
    missing_files = models.JSONField(_("missing files"), default=list, blank=True)
    # The folder under h5p/libraries/ holding the stored patch's files: <folder_name>.<patch>
    # (H5P.TrueFalse-1.6.12), or plain <folder_name> for libraries stored before patch folders.
    storage_folder = models.CharField(_("storage folder"), max_length=300, editable=False)
    # {path under the folder: SHA-256 hex} of every stored file: a later package bringing the
    # same version is compared with these, without reading storage (S3 would take a request a file).
    file_hashes = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        verbose_name = _("H5P library")
        verbose_name_plural = _("H5P libraries")
        ordering = ["machine_name", "major_version", "minor_version"]
        # A shared library's scripts run in every lesson that uses it: installing, upgrading or
        # changing one is a training manager's act (services.import_package checks it).
        permissions = [("install_shared_library", _("Can install or upgrade shared H5P libraries"))]
        constraints = [
            models.UniqueConstraint(
                fields=["machine_name", "major_version", "minor_version"], name="h5p_library_unique_version"
            )
        ]

    def __str__(self):
        return f"{self.folder_name} (patch {self.patch_version})"

    @property
    def key(self):
        return (self.machine_name, self.major_version, self.minor_version)

    @property
    def folder_name(self):
        """The folder name h5p-standalone expects under its librariesPath."""
        return f"{self.machine_name}-{self.major_version}.{self.minor_version}"

    @property
    def patch_folder_name(self):
        """The folder a new library or an upgrade writes its patch into: H5P.TrueFalse-1.6.12."""
        return f"{self.folder_name}.{self.patch_version}"

    @property
    def storage_prefix(self):
        return f"{LIBRARIES_PREFIX}{self.storage_folder}/"

    def save(self, *args, **kwargs):
        # Never an empty folder: its prefix would be the whole library store.
        if not self.storage_folder:
            self.storage_folder = self.patch_folder_name
        super().save(*args, **kwargs)


class H5PPackage(models.Model):
    """An uploaded .h5p: its h5p.json and content/ under storage_prefix, its libraries in the shared store."""

    title = models.CharField(_("title"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    main_library = models.ForeignKey(
        H5PLibrary, verbose_name=_("main library"), on_delete=models.PROTECT, related_name="main_of"
    )
    libraries = models.ManyToManyField(H5PLibrary, verbose_name=_("libraries"), related_name="packages")
    h5p_json = models.JSONField(default=dict)
    storage_prefix = models.CharField(max_length=255, unique=True, editable=False)

    class Meta:
        verbose_name = _("H5P package")
        verbose_name_plural = _("H5P packages")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Titles are compared and printed: one Unicode form, whatever keyboard typed them.
        self.title = unicodedata.normalize("NFC", self.title).strip()
        super().save(*args, **kwargs)

    def content_path(self, name):
        """The storage name of a file of the package's content/ folder, e.g. content_path("content.json")."""
        return f"{self.storage_prefix}content/{name.lstrip('/')}"

    @property
    def h5p_json_path(self):
        return f"{self.storage_prefix}h5p.json"

    def incomplete_libraries(self):
        """
        {folder name: [missing paths]} of the libraries this package runs on
        that lack preloaded files, in name order: one query (none when the
        libraries were prefetched). Empty when the package can play.
        """
        libraries = sorted(self.libraries.all(), key=lambda library: library.key)
        return {library.folder_name: list(library.missing_files) for library in libraries if library.missing_files}


class H5PResult(models.Model):
    """
    A learner's result in one H5P activity of one lesson, from the xAPI
    statements the player posts. Computed in the browser, so it counts towards
    completion but never towards a certificate's minimum score.
    """

    enrollment = models.ForeignKey("enrollment.Enrollment", on_delete=models.CASCADE, related_name="h5p_results")
    lesson = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(H5PPackage, on_delete=models.CASCADE, related_name="results")
    best_score = models.DecimalField(_("best score (%)"), max_digits=5, decimal_places=2)
    last_score = models.DecimalField(_("last score (%)"), max_digits=5, decimal_places=2)
    last_verb = models.CharField(max_length=20)
    statements = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("H5P result")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson", "package"], name="h5p_one_result_per_activity")
        ]


class H5PUserState(models.Model):
    """Where a learner left an H5P activity (the player's own JSON), restored when they come back."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    lesson = models.ForeignKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    package = models.ForeignKey(H5PPackage, on_delete=models.CASCADE, related_name="user_states")
    state = models.TextField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "lesson", "package"], name="h5p_one_state_per_activity")
        ]
