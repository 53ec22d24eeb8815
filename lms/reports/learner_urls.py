"""The learner's own report, under /my/ (the enrollment app imports nothing from here)."""

from django.urls import path

from . import transcript_views

urlpatterns = [
    path("transcript.pdf", transcript_views.own_transcript_pdf, name="my_transcript_pdf"),
]
