"""Certificates are issued once, on completion, with snapshots; and anyone can verify them."""

from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from certificates import codes, services
from certificates.models import Certificate
from courses.h5p.services import import_package
from courses.models import CompletionRule, CoursePage, LessonPage
from lms.enrollment import services as enrollment_services
from lms.enrollment.models import ActivityProgress
from tests.conftest import lessons_of, unlinked_descriptions
from tests.h5p.conftest import build_zip, package_files


def complete(learner, course, django_capture_on_commit_callbacks):
    enrollment = enrollment_services.enroll(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            enrollment_services.complete_activity(enrollment, lesson, course)
    return enrollment


def test_completing_a_course_issues_one_certificate_with_snapshots(learner, course, django_capture_on_commit_callbacks):
    enrollment = complete(learner, course, django_capture_on_commit_callbacks)

    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.full_name == "Nguyễn Thị Hoa"
    assert certificate.course_title == course.title
    assert certificate.hours == course.hours
    assert certificate.issued_on == timezone.localdate(enrollment.completed_at)
    assert certificate.status == "valid"

    learner.full_name = "Tên Khác"
    learner.save()
    course.title = "Tiêu đề mới"
    course.save_revision().publish()
    assert services.issue(enrollment.pk) == certificate
    certificate.refresh_from_db()
    assert (certificate.full_name, certificate.course_title) == ("Nguyễn Thị Hoa", "Khoá học ky-nang-so")
    assert Certificate.objects.count() == 1


def test_the_database_refuses_a_second_current_certificate(learner, course, django_capture_on_commit_callbacks):
    enrollment = complete(learner, course, django_capture_on_commit_callbacks)
    first = Certificate.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Certificate.objects.create(
            enrollment=enrollment, code=codes.new_code(), full_name="x", course_title="x", hours=1,
            issued_on=first.issued_on, organisation="x",
        )


def test_a_course_without_certificate_issues_none(learner, make_course, django_capture_on_commit_callbacks):
    course = make_course(slug="khong-chung-chi", issues_certificate=False)
    complete(learner, course, django_capture_on_commit_callbacks)
    assert not Certificate.objects.exists()


def test_a_minimum_score_holds_the_certificate_back(learner, make_quiz, capital_question, django_capture_on_commit_callbacks):
    quiz = make_quiz([capital_question], slug="kiem-tra-diem")
    course = CoursePage.of(quiz)
    course.certificate_min_score = Decimal(80)
    course.save_revision().publish()
    course = CoursePage.objects.get(pk=course.pk)
    enrollment = enrollment_services.enroll(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        for lesson in lessons_of(course):
            enrollment_services.complete_activity(enrollment, lesson, course)
        enrollment_services.complete_activity(enrollment, quiz, course, score=Decimal(70))
    assert enrollment.completed_at is not None
    assert not Certificate.objects.exists()

    ActivityProgress.objects.filter(page=quiz).update(score=Decimal(90))
    assert services.issue(enrollment.pk).score == Decimal("90.00")


def test_the_verification_page_shows_what_the_certificate_says(client, learner, course, django_capture_on_commit_callbacks):
    complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()

    page = client.get(f"/certificates/verify/{certificate.display_code.lower()}/").content.decode()
    data = client.get(f"/certificates/verify/{certificate.code}.json").json()

    for field in ("Nguyễn Thị Hoa", course.title, certificate.display_code, certificate.organisation):
        assert field in page
    assert data["status"] == "valid" and data["full_name"] == "Nguyễn Thị Hoa" and data["code"] == certificate.display_code


def test_the_verify_form_sends_a_code_to_its_page_and_explains_mistakes(client, db):
    code = codes.new_code()
    assert client.get("/certificates/verify/", {"code": code.lower()}).url == f"/certificates/verify/{codes.grouped(code)}/"

    typo = code[:-1] + ("2" if code[-1] != "2" else "3")
    wrong_check = client.get("/certificates/verify/", {"code": typo})
    assert wrong_check.status_code == 400
    assert "lỗi gõ" in wrong_check.content.decode() or "typing mistake" in wrong_check.content.decode()
    assert 'aria-describedby="code_error"' in wrong_check.content.decode()
    assert unlinked_descriptions(wrong_check.content.decode()) == set()

    assert client.get("/certificates/verify/", {"code": "abc"}).status_code == 400


def test_unknown_and_malformed_codes(client, db):
    unknown = codes.new_code()
    assert client.get(f"/certificates/verify/{unknown}/").status_code == 404
    assert client.get(f"/certificates/verify/{unknown}.json").json()["status"] == "not_found"
    assert client.get("/certificates/verify/not-a-code/").status_code == 400
    assert client.get("/certificates/verify/not-a-code.json").json()["status"] == "invalid"


def test_revoked_certificates_say_so_and_why(client, learner, course, django_capture_on_commit_callbacks):
    complete(learner, course, django_capture_on_commit_callbacks)
    old = Certificate.objects.get()
    old.revoked_at = timezone.now()
    old.revoke_reason = "Sai họ tên"
    old.save()
    assert client.get(f"/certificates/verify/{old.code}.json").json()["status"] == "revoked"

    page = client.get(f"/certificates/verify/{old.code}/").content.decode()
    assert "Sai họ tên" in page


def test_my_learning_lists_the_learners_certificates_with_their_verification_link(learner_client, learner, course, django_capture_on_commit_callbacks):
    complete(learner, course, django_capture_on_commit_callbacks)
    certificate = Certificate.objects.get()

    page = learner_client.get("/my/").content.decode()

    assert f'href="/certificates/verify/{certificate.display_code}/"' in page


def test_verification_is_rate_limited_per_address(client, db, monkeypatch):
    # The limit counts in fixed one-minute windows: a fixed clock keeps the 31 requests in one of them.
    monkeypatch.setattr("django_ratelimit.core.time", SimpleNamespace(time=lambda: 1_800_000_000.0))
    unknown = codes.new_code()
    statuses = [client.get(f"/certificates/verify/{unknown}.json").status_code for _ in range(31)]

    assert statuses[:30] == [404] * 30
    assert statuses[30] == 429


def test_no_certificate_rests_on_h5p_scores_alone_even_after_lessons_change(
    learner, make_course, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    course = make_course(slug="gan-nhu-h5p", lessons=1)
    package = import_package(build_zip(package_files()))
    h5p_lesson = course.add_child(instance=LessonPage(
        title="Tương tác", slug="tuong-tac", completion_rule=CompletionRule.H5P_SCORE,
        body=[("h5p", {"package": package, "pass_threshold": 50})],
    ))
    h5p_lesson.save_revision().publish()
    # Accepted: a required lesson that is not H5P is still there. Then it is made optional.
    reading = lessons_of(course)[0]
    reading.is_required = False
    reading.save_revision().publish()
    course = CoursePage.objects.get(pk=course.pk)

    enrollment = enrollment_services.enroll(learner, course)
    with django_capture_on_commit_callbacks(execute=True):
        enrollment_services.record_score(enrollment, h5p_lesson, course, Decimal(100), passed=True)

    enrollment.refresh_from_db()
    assert enrollment.completed_at is not None
    assert not Certificate.objects.exists()
