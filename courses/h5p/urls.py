from django.urls import path

import lms.ids  # noqa: F401  (registers the "id" path converter)

from . import views

urlpatterns = [
    path("libraries/<path:path>", views.library_file, name="h5p_library"),
    path("lessons/<id:lesson_id>/<id:package_id>/xapi/", views.statement, name="h5p_statement"),
    path("lessons/<id:lesson_id>/<id:package_id>/state/", views.state, name="h5p_state"),
    path("lessons/<id:lesson_id>/<id:package_id>/<path:path>", views.content_file, name="h5p_content"),
    # The same files on settings.H5P_CONTENT_ORIGIN, where a file token stands for the session.
    path("t/<str:token>/libraries/<path:path>", views.token_library_file, name="h5p_token_library"),
    path(
        "t/<str:token>/lessons/<id:lesson_id>/<id:package_id>/<path:path>",
        views.token_content_file,
        name="h5p_token_content",
    ),
]
