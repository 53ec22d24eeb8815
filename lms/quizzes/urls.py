from django.urls import path

from . import views

urlpatterns = [
    path("quizzes/<int:page_id>/start/", views.start, name="quiz_start"),
    path("attempts/<int:attempt_id>/", views.attempt_page, name="quiz_attempt"),
    path("attempts/<int:attempt_id>/autosave/", views.autosave, name="quiz_autosave"),
    path("attempts/<int:attempt_id>/summary/", views.summary, name="quiz_summary"),
    path("attempts/<int:attempt_id>/submit/", views.submit, name="quiz_submit"),
    path("attempts/<int:attempt_id>/review/", views.review, name="quiz_review"),
]
