"""The report screens, mounted under /admin/reports/ by wagtail_hooks."""

from django.urls import path

from . import admin_views, transcript_views

urlpatterns = [
    path("coverage/", admin_views.coverage, name="report_coverage"),
    path("people/", admin_views.people, name="report_people"),
    path("subscriptions/", admin_views.subscriptions, name="report_subscriptions"),
    *transcript_views.urlpatterns,
]
