"""
H5P packages in the Wagtail admin, as a snippet: "Add" is an upload form
that runs the import service, "Edit" only renames, "Delete" removes the
package's files (its libraries stay, shared with other packages).
Uploading needs h5p.add_h5ppackage; a package that installs, upgrades or
changes a shared library also needs h5p.install_shared_library (training
managers), which the group editor offers under "H5P library".
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail import hooks
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from . import services
from .models import H5PPackage
from .validation import PackageRefused, validate_package


class H5PUploadForm(WagtailAdminModelForm):
    """The .h5p and, optionally, a title; the file is checked here so its problem shows beside it."""

    file = forms.FileField(
        label=_("H5P file"),
        help_text=_("An .h5p file exported from h5p.org, Lumi or another H5P editor."),
        widget=forms.ClearableFileInput(attrs={"accept": ".h5p"}),
    )

    class Meta:
        model = H5PPackage
        fields = ["title"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _("Leave empty to use the title inside the package.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        validate_package(upload)
        return upload


class H5PPackageCreateView(CreateView):
    """Saving is importing: the package's row and files come from the import service, all or nothing."""

    def save_instance(self):
        package = services.import_package(
            self.form.cleaned_data["file"], title=self.form.cleaned_data.get("title"), user=self.request.user
        )
        log(instance=package, action="wagtail.create", user=self.request.user)
        return package

    def form_valid(self, form):
        self.form = form
        try:
            self.object = self.save_instance()
        except PackageRefused as refused:
            # The package would change a shared library the user may not change, the store changed
            # since the form was checked, or a member turned out damaged.
            form.add_error("file", refused)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)
        response = self.save_action()
        # Imported, but a library lacks files the player loads: the trainer must know now, not from learners.
        for warning in services.incomplete_warnings(self.object):
            messages.warning(self.request, warning)
        hook_response = self.run_after_hook()
        return hook_response if hook_response is not None else response


def readiness(package):
    """The "Ready to play" column: yes, or which files which libraries lack."""
    missing = package.incomplete_libraries()
    if not missing:
        return _("Yes")
    return _("Missing files: %(files)s") % {
        "files": "; ".join(f"{library}: {', '.join(paths)}" for library, paths in missing.items())
    }


UPLOAD_PANEL = ObjectList([FieldPanel("file"), FieldPanel("title")], base_form_class=H5PUploadForm)


class H5PPackageViewSet(SnippetViewSet):
    model = H5PPackage
    icon = "media"
    menu_label = _("H5P activities")
    menu_name = "h5p_packages"
    add_to_admin_menu = True
    menu_order = 260
    add_view_class = H5PPackageCreateView
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = [
        "title",
        Column("main_library", label=_("main library"), accessor="main_library.folder_name"),
        Column("ready_to_play", label=_("Ready to play"), accessor=readiness),
        DateColumn("created_at", label=_("created"), sort_key="created_at"),
    ]
    search_fields = ["title"]
    search_backend_name = None
    ordering = ["-created_at"]
    panels = [FieldPanel("title")]

    def get_permissions_to_register(self):
        # "view" too (Wagtail registers it only with an inspect view): a group may see packages without uploading.
        return Permission.objects.filter(content_type=ContentType.objects.get_for_model(self.model))

    def get_queryset(self, request):
        return H5PPackage.objects.select_related("main_library").prefetch_related("libraries")

    def get_add_view_kwargs(self, **kwargs):
        panel = UPLOAD_PANEL.bind_to_model(self.model)
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


register_snippet(H5PPackageViewSet)


@hooks.register("register_permissions")
def register_library_permission():
    """Offered in the admin's group editor, so an administrator can grant it to another group."""
    return Permission.objects.filter(content_type__app_label="h5p", codename="install_shared_library")
