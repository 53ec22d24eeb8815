from django.urls import path

import lms.ids  # noqa: F401  (registers the "id" path converter)

from . import views

urlpatterns = [
    path("quizzes/<id:page_id>/start/", views.start, name="quiz_start"),
    path("attempts/<id:attempt_id>/", views.attempt_page, name="quiz_attempt"),
    path("attempts/<id:attempt_id>/autosave/", views.autosave, name="quiz_autosave"),
    path("attempts/<id:attempt_id>/summary/", views.summary, name="quiz_summary"),
    path("attempts/<id:attempt_id>/submit/", views.submit, name="quiz_submit"),
    path("attempts/<id:attempt_id>/review/", views.review, name="quiz_review"),
]
