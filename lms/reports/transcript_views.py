"""
A person's transcript in the admin (a printable page and its PDF) for the
report viewers whose units the person belongs to, and the learner's own PDF
from "My learning".
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

import lms.ids  # noqa: F401  (registers the "id" path converter)

from .transcript_pdf import render_transcript
from .transcripts import may_view_transcripts, person_in_scope, transcript_of


def viewed_person(request, pk):
    if not may_view_transcripts(request.user):
        raise PermissionDenied
    return person_in_scope(request.user, pk)


def pdf_response(transcript, filename):
    response = HttpResponse(render_transcript(transcript), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def transcript(request, pk):
    person = viewed_person(request, pk)
    return render(request, "reports/transcript.html", {"transcript": transcript_of(person), "person": person})


def transcript_pdf(request, pk):
    person = viewed_person(request, pk)
    return pdf_response(transcript_of(person), f"ket-qua-hoc-tap-{person.pk}.pdf")


@login_required
def own_transcript_pdf(request):
    """The signed-in learner's own transcript: nobody else's can be asked for here."""
    return pdf_response(transcript_of(request.user), "ket-qua-hoc-tap.pdf")


urlpatterns = [
    path("people/<id:pk>/transcript/", transcript, name="report_transcript"),
    path("people/<id:pk>/transcript.pdf", transcript_pdf, name="report_transcript_pdf"),
]
