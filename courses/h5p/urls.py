from django.urls import path

from . import views

urlpatterns = [
    path("libraries/<path:path>", views.library_file, name="h5p_library"),
    path("lessons/<int:lesson_id>/<int:package_id>/xapi/", views.statement, name="h5p_statement"),
    path("lessons/<int:lesson_id>/<int:package_id>/state/", views.state, name="h5p_state"),
    path("lessons/<int:lesson_id>/<int:package_id>/<path:path>", views.content_file, name="h5p_content"),
]
