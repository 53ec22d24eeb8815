"""The report screens, mounted under /admin/reports/ by wagtail_hooks."""

urlpatterns = []
