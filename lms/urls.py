from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import search
from lms.accounts.views import set_language


def healthz(request):
    """For load balancers: the app answers and its database does too."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("accounts/", include("lms.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("my/", include("lms.enrollment.urls")),
    path("my/", include("lms.quizzes.urls")),
    path("my/", include("lms.programmes.urls")),
    path("my/", include("lms.reports.learner_urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("search/", search, name="search"),
    path("certificates/", include("certificates.urls")),
    path("h5p/", include("courses.h5p.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns.append(path("", include(wagtail_urls)))
