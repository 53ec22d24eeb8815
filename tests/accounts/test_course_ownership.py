"""
One ownership rule: a trainer works on the courses they teach (named by a
training manager in `CoursePage.owners`) and on no other; training managers
and superusers work on every course.
"""

import pytest
from django.contrib.auth.models import Group

from courses.models import CoursePage, CourseTeam, LessonPage
from courses.services import is_course_staff
from lms.accounts.models import User
from lms.enrollment import services as enrollment_services
from lms.quizzes import services as quiz_services
from lms.quizzes.models import Question, Response
from tests.conftest import teach


@pytest.fixture
def two_courses(make_course):
    return make_course(slug="khoa-cua-toi", lessons=1), make_course(slug="khoa-khac", lessons=1)


@pytest.fixture
def owner(make_trainer, two_courses):
    return make_trainer(two_courses[0], email="chu.khoa@example.vn", full_name="Chủ Khoá")


@pytest.fixture
def other_trainer(make_trainer):
    """In the trainers' group, teaching no course: the tester of finding 1."""
    return make_trainer(email="khac@example.vn", full_name="Giảng Viên Khác")


@pytest.fixture
def essay_quiz(learner, make_quiz, make_question, two_courses):
    """A quiz in the owner's course with one essay waiting for a mark."""
    quiz = make_quiz([make_question(Question.Type.ESSAY, name="Tự luận")], slug="tu-luan", course=two_courses[0])
    enrollment_services.enroll(learner, two_courses[0])
    attempt = quiz_services.start_attempt(learner, quiz)
    response = attempt.responses.get()
    quiz_services.save_answers(attempt.pk, learner, {response.pk: "Không bấm vào đường link lạ."})
    quiz_services.submit_attempt(attempt.pk, learner)
    return quiz, response


def test_the_rule_names_the_owner_the_managers_and_the_superusers_only(
    owner, other_trainer, manager, hr_officer, learner, two_courses, make_user
):
    mine, theirs = two_courses
    superuser = make_user(email="admin@example.vn", is_superuser=True)

    assert is_course_staff(owner, mine) and not is_course_staff(owner, theirs)
    assert not is_course_staff(other_trainer, mine) and not is_course_staff(other_trainer, theirs)
    assert is_course_staff(manager, mine) and is_course_staff(manager, theirs)
    assert is_course_staff(superuser, theirs)
    assert not is_course_staff(hr_officer, mine) and not is_course_staff(learner, mine)


def test_a_trainer_opens_the_editor_of_their_course_only(client, owner, other_trainer, two_courses):
    mine, theirs = two_courses
    client.force_login(owner)
    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/add/courses/lessonpage/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/pages/{theirs.pk}/edit/").status_code != 200
    assert client.get(f"/admin/pages/add/courses/lessonpage/{theirs.pk}/").status_code != 200
    lesson = LessonPage.objects.child_of(theirs).first()
    assert client.get(f"/admin/pages/{lesson.pk}/edit/").status_code != 200
    assert client.get(f"/admin/pages/{lesson.pk}/view_draft/").status_code != 200

    client.force_login(other_trainer)
    assert client.get(f"/admin/pages/{mine.pk}/edit/").status_code != 200


def test_the_explorer_lists_only_the_trainers_courses(client, owner, two_courses, make_course):
    teach(owner, make_course(slug="khoa-thu-hai", lessons=1))
    client.force_login(owner)
    listing = client.get("/admin/pages/", follow=True).content.decode()
    assert "Khoá học khoa-cua-toi" in listing and "Khoá học khoa-thu-hai" in listing
    assert "Khoá học khoa-khac" not in listing


def test_another_trainer_reads_no_results_and_grades_nothing(client, other_trainer, essay_quiz):
    quiz, response = essay_quiz
    client.force_login(other_trainer)

    for url in (f"/admin/quizzes/{quiz.pk}/attempts/", f"/admin/quizzes/{quiz.pk}/attempts.csv",
                f"/admin/quizzes/{quiz.pk}/grading/"):
        answer = client.get(url)
        assert answer.status_code in (302, 403), url
        assert "Nguyễn Thị Hoa" not in answer.content.decode("utf-8", "replace")

    client.post(f"/admin/quizzes/{quiz.pk}/grading/", {"response": response.pk, "mark": "1", "comment": "Giỏi"})
    untouched = Response.objects.get(pk=response.pk)
    assert untouched.mark is None and untouched.graded_by is None


def test_the_owner_grades_their_learners(client, owner, essay_quiz):
    quiz, response = essay_quiz
    client.force_login(owner)
    assert "Không bấm vào đường link lạ." in client.get(f"/admin/quizzes/{quiz.pk}/grading/").content.decode()

    client.post(f"/admin/quizzes/{quiz.pk}/grading/", {"response": response.pk, "mark": "1", "comment": "Giỏi"})
    assert Response.objects.get(pk=response.pk).graded_by == owner


def test_trainers_do_not_choose_who_teaches_a_course(client, owner, other_trainer, two_courses):
    mine, _theirs = two_courses
    client.force_login(owner)
    editor = client.get(f"/admin/pages/{mine.pk}/edit/").content.decode()
    assert 'name="owners"' not in editor
    assert not owner.has_perm("courses.choose_course_trainers")


def test_managers_choose_the_trainers_and_access_follows_at_once(client, manager, other_trainer, owner, two_courses):
    mine, _theirs = two_courses
    client.force_login(manager)
    editor = client.get(f"/admin/pages/{mine.pk}/edit/").content.decode()
    assert 'name="owners"' in editor

    teach(other_trainer, mine)
    assert is_course_staff(User.objects.get(pk=other_trainer.pk), CoursePage.objects.get(pk=mine.pk))

    course = CoursePage.objects.get(pk=mine.pk)
    course.owners.remove(owner)
    course.save()
    assert not is_course_staff(User.objects.get(pk=owner.pk), CoursePage.objects.get(pk=mine.pk))


def test_a_draft_of_the_owners_does_not_change_who_teaches_until_published(manager, other_trainer, two_courses):
    mine, _theirs = two_courses
    draft = CoursePage.objects.get(pk=mine.pk)
    draft.owners.add(other_trainer)
    revision = draft.save_revision(user=manager)
    assert not is_course_staff(User.objects.get(pk=other_trainer.pk), CoursePage.objects.get(pk=mine.pk))

    revision.publish()
    # A fresh user, as the next request loads: Wagtail caches page permissions on the user object.
    assert is_course_staff(User.objects.get(pk=other_trainer.pk), CoursePage.objects.get(pk=mine.pk))


def test_a_deleted_course_leaves_no_group_behind(owner, two_courses):
    mine, _theirs = two_courses
    group_id = CourseTeam.objects.get(course=mine).group_id
    CoursePage.objects.get(pk=mine.pk).delete()
    assert not Group.objects.filter(pk=group_id).exists()
    assert not owner.groups.filter(pk=group_id).exists()


def test_training_managers_manage_the_organisational_unit_tree(client, manager, other_trainer, hr_officer):
    client.force_login(manager)
    assert client.get("/admin/org_units/").status_code == 200
    assert client.get("/admin/org_units/new/").status_code == 200
    answer = client.post("/admin/org_units/new/", {
        "name": "Sở Tư pháp", "code": "STP", "kind": "department", "headcount": "40",
        "treebeard_position": "sorted-child", "treebeard_ref_node": "",
    })
    assert answer.status_code == 302

    client.force_login(other_trainer)
    assert client.get("/admin/org_units/").status_code in (302, 403)
