"""
Documents placed in the lessons of a course that allows no preview are for
its learners and staff: an anonymous visitor is sent to log in, anyone else
logged in is told the document does not exist. Documents of previewable
courses, and documents used in no course, stay public. Document ids are
sequential, so the check is on every download, not on the lesson page.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from lms.accounts.models import User
from lms.enrollment import services as enrollment_services
from tests.conftest import PASSWORD, lessons_of


def place(course, *blocks):
    """Put the blocks in the course's first lesson and publish it, as a trainer does."""
    lesson = lessons_of(course)[0]
    lesson.body = [("heading", {"text": lesson.title, "level": "h2"}), *blocks]
    lesson.save_revision().publish()
    return lesson


def document_block(document):
    return ("document", {"document": document, "description": "In ra để dùng"})


def new_document(name="tai-lieu.txt"):
    return Document.objects.create(title=name, file=ContentFile(b"Noi dung\n", name=name))


@pytest.fixture
def gated(make_course):
    return make_course(slug="khoa-dang-ky", allow_preview=False)


@pytest.fixture
def gated_document(gated, checklist):
    place(gated, document_block(checklist))
    return checklist


@pytest.fixture
def outsider(make_user):
    return make_user(email="nguoi.ngoai@example.vn", full_name="Người Ngoài")


def download(client, document):
    return client.get(document.url)


def test_an_anonymous_visitor_is_sent_to_log_in(client, gated_document):
    response = download(client, gated_document)

    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/?next=")
    assert f"/documents/{gated_document.pk}/" in response.url


def test_a_learner_outside_the_course_is_told_it_does_not_exist(client, outsider, gated_document):
    client.force_login(outsider)

    assert download(client, gated_document).status_code == 404


def test_an_enrolled_learner_downloads_it(learner_client, learner, gated, gated_document):
    enrollment_services.enroll(learner, gated)

    response = download(learner_client, gated_document)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == "Bảng kiểm\n".encode()


def test_a_learner_who_left_the_course_no_longer_downloads_it(learner_client, learner, gated, gated_document):
    enrollment_services.enroll(learner, gated)
    enrollment_services.leave(learner, gated)

    assert download(learner_client, gated_document).status_code == 404


def test_the_course_owner_downloads_it(client, make_user, gated, gated_document):
    trainer = make_user(email="giang.vien@example.vn", full_name="Trần Giảng")
    gated.owners.add(trainer)
    gated.save_revision().publish()
    client.force_login(trainer)

    assert download(client, gated_document).status_code == 200


def test_a_superuser_downloads_it(client, gated_document):
    admin = User.objects.create_superuser(email="admin@example.vn", password=PASSWORD, full_name="Quản Trị")
    client.force_login(admin)

    assert download(client, gated_document).status_code == 200


def test_documents_of_a_previewable_course_stay_public(client, make_course, checklist):
    open_course = make_course(slug="khoa-mo", allow_preview=True)
    place(open_course, document_block(checklist))

    assert download(client, checklist).status_code == 200


def test_a_document_used_in_no_course_stays_public(client, gated, checklist):
    assert download(client, checklist).status_code == 200


def test_a_document_also_used_in_a_previewable_course_is_public(client, make_course, gated_document):
    open_course = make_course(slug="khoa-mo", allow_preview=True)
    place(open_course, document_block(gated_document))

    assert download(client, gated_document).status_code == 200


def test_a_document_in_two_gated_courses_is_served_to_the_learners_of_either(client, learner, outsider, make_course,
                                                                              gated_document):
    second = make_course(slug="khoa-thu-hai", allow_preview=False)
    place(second, document_block(gated_document))
    enrollment_services.enroll(learner, second)

    client.force_login(learner)
    assert download(client, gated_document).status_code == 200
    client.force_login(outsider)
    assert download(client, gated_document).status_code == 404


def test_a_document_linked_from_a_lessons_text_is_gated_too(client, gated):
    handout = new_document()
    link = f'<p>Tải <a linktype="document" id="{handout.pk}">mẫu tờ khai</a>.</p>'
    place(gated, ("paragraph", link))

    assert download(client, handout).status_code == 302


def test_an_uploaded_video_file_of_a_lesson_is_gated_too(client, gated):
    video = new_document("huong-dan.mp4")
    place(gated, ("video", {"url": "", "file": video, "caption": "Video hướng dẫn"}))

    assert download(client, video).status_code == 302


def test_a_document_taken_out_of_the_lesson_is_public_again(client, gated, gated_document):
    place(gated, ("paragraph", "<p>Không còn tài liệu.</p>"))

    assert download(client, gated_document).status_code == 200


def test_a_course_that_starts_allowing_previews_opens_its_documents(client, gated, gated_document):
    gated.allow_preview = True
    gated.save_revision().publish()

    assert download(client, gated_document).status_code == 200
