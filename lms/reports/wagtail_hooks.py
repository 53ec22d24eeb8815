from django.urls import include, path
from wagtail import hooks

from . import urls


@hooks.register("register_admin_urls")
def report_admin_urls():
    return [path("reports/", include(urls))]
