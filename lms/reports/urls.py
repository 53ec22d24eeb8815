"""The report screens, mounted under /admin/reports/ by wagtail_hooks."""

from . import transcript_views

urlpatterns = [*transcript_views.urlpatterns]
