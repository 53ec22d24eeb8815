from django.urls import path

import lms.ids  # noqa: F401  (registers the "id" path converter)
from lms.reports import transcript_views

from . import views

urlpatterns = [
    path("", views.my_learning, name="my_learning"),
    path("courses/<id:course_id>/enroll/", views.enroll, name="enroll"),
    path("courses/<id:course_id>/leave/", views.leave, name="leave"),
    path("activities/<id:page_id>/done/", views.mark_done, name="mark_done"),
    path("transcript.pdf", transcript_views.own_transcript_pdf, name="my_transcript_pdf"),
]
