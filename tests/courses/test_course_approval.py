"""
A course goes to approval as one piece: its trainer submits the course with
every changed page of it, a training manager approves it once and everything
is published together, or sends it all back with one comment.
"""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import TaskState, WorkflowState

from courses.h5p.services import import_package
from courses.models import CompletionRule, CourseApprovalTask, LessonPage
from lms.accounts import roles
from tests.conftest import lessons_of
from tests.h5p.conftest import build_zip, media, package_files  # noqa: F401 (media: a fixture)


@pytest.fixture
def course(make_course):
    return make_course(slug="dich-vu-cong", lessons=3, title="Dịch vụ công trực tuyến")


@pytest.fixture
def owner(make_trainer, course):
    return make_trainer(course)


def approval_url(course):
    return f"/admin/courses/{course.pk}/approval/"


def draft(page, user, **changes):
    """A change saved as a draft, as the trainer's "Save draft" does."""
    page = page.specific_class.objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision(user=user)
    return page


def refused(answer):
    """Wagtail's admin refuses with a redirect to its dashboard (with a message) or to its login page."""
    if answer.status_code == 403:
        return True
    return answer.status_code == 302 and answer["Location"].split("?")[0] in ("/admin/", "/admin/login/")


def live(page):
    return type(page).objects.get(pk=page.pk)


def reviews_in_progress():
    return {
        int(state.object_id)
        for state in WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    }


@pytest.fixture
def submitted(client, owner, course):
    """The owner changed the course and two of its three lessons, and submitted the course."""
    first, second, third = lessons_of(course)
    draft(course, owner, summary="Tóm tắt mới.")
    draft(first, owner, title="Bài 1: Đăng nhập")
    draft(second, owner, title="Bài 2: Nộp hồ sơ")
    client.force_login(owner)
    answer = client.post(approval_url(course), {"action": "submit"})
    assert answer.status_code == 302
    client.logout()
    return course, first, second, third


def test_the_owner_submits_the_course_with_every_changed_page_in_one_go(client, owner, course):
    first, second, third = lessons_of(course)
    draft(course, owner, summary="Tóm tắt mới.")
    draft(first, owner, title="Bài 1: Đăng nhập")
    new_lesson = course.add_child(instance=LessonPage(title="Bài 4: Thanh toán", slug="bai-4", live=False))
    new_lesson.save_revision(user=owner)
    client.force_login(owner)

    answer = client.post(approval_url(course), {"action": "submit"}, follow=True)

    assert "Đã gửi phê duyệt khoá học cùng 2 trang của khoá." in answer.content.decode()
    assert reviews_in_progress() == {course.pk, first.pk, new_lesson.pk}
    # Until a manager approves, learners see the published course.
    assert live(first).title == "Bài 1.1"
    assert live(course).summary == "Tóm tắt khoá học."
    assert not live(new_lesson).live


def test_a_lesson_submitted_alone_before_goes_with_its_course(client, owner, manager, course):
    first, second, third = lessons_of(course)
    draft(first, owner, title="Bài 1: Đăng nhập")
    first.get_workflow().start(first, owner)
    draft(course, owner, summary="Tóm tắt mới.")
    client.force_login(owner)
    client.post(approval_url(course), {"action": "submit"})
    client.force_login(manager)

    client.post(approval_url(course), {"action": "approve"})

    assert (live(course).summary, live(first).title) == ("Tóm tắt mới.", "Bài 1: Đăng nhập")
    assert reviews_in_progress() == set()


def test_the_approval_page_lists_what_the_course_goes_with(client, owner, course):
    first = lessons_of(course)[0]
    draft(first, owner, title="Bài 1: Đăng nhập")
    client.force_login(owner)

    page = client.get(approval_url(course)).content.decode()

    assert "Bài 1: Đăng nhập" in page
    assert "Bài 1.2" not in page


def test_a_manager_approves_once_and_the_course_and_its_pages_are_published_together(client, manager, submitted):
    course, first, second, third = submitted
    client.force_login(manager)

    answer = client.post(approval_url(course), {"action": "approve", "comment": "Tốt."})

    assert answer.status_code == 302
    assert live(course).summary == "Tóm tắt mới."
    assert (live(first).title, live(second).title, live(third).title) == ("Bài 1: Đăng nhập", "Bài 2: Nộp hồ sơ", "Bài 1.3")
    assert not any(live(page).has_unpublished_changes for page in (course, first, second))
    assert reviews_in_progress() == set()
    assert set(TaskState.objects.values_list("status", flat=True)) == {TaskState.STATUS_APPROVED}
    assert client.get(f"/courses/dich-vu-cong/{live(first).slug}/").status_code == 200


def test_approving_one_lesson_from_wagtails_own_buttons_approves_the_whole_course(client, manager, submitted):
    course, first, second, third = submitted
    task_state = TaskState.objects.get(workflow_state__object_id=str(second.pk))
    client.force_login(manager)

    answer = client.post(f"/admin/pages/workflow/action/{second.pk}/approve/{task_state.pk}/")

    assert answer.status_code == 302

    assert live(course).summary == "Tóm tắt mới."
    assert live(first).title == "Bài 1: Đăng nhập"
    assert reviews_in_progress() == set()


@pytest.fixture
def cannot_be_published(client, owner, course, media):  # noqa: F811 (media: a fixture)
    """
    The trainer makes the only lesson left required complete on an H5P score
    while the course gives no certificate, and turns the certificate on in the
    course's draft: each draft passes alone, the two together cannot be
    published. The course is submitted.
    """
    first, second, third = lessons_of(course)
    for lesson in (second, third):
        draft(lesson, owner, is_required=False).get_latest_revision().publish()
    package = import_package(build_zip(package_files(title="Đúng hay sai")))
    draft(course, owner, issues_certificate=False).get_latest_revision().publish()
    draft(first, owner, completion_rule=CompletionRule.H5P_SCORE,
          body=[("h5p", {"package": package, "pass_threshold": 70})])
    draft(course, owner, issues_certificate=True, summary="Có chứng nhận.")
    client.force_login(owner)
    assert client.post(approval_url(course), {"action": "submit"}).status_code == 302
    client.logout()
    return course, first


def assert_nothing_was_published(course, first):
    assert live(course).summary == "Tóm tắt khoá học."
    assert not live(course).issues_certificate
    assert LessonPage.objects.get(pk=first.pk).completion_rule == CompletionRule.ON_VIEW
    assert reviews_in_progress() == {course.pk, first.pk}


def test_a_page_that_cannot_be_published_stops_the_whole_course_and_the_manager_is_told_which_and_why(
    client, manager, cannot_be_published
):
    course, first = cannot_be_published
    client.force_login(manager)

    answer = client.post(approval_url(course), {"action": "approve"})

    assert answer.status_code == 400
    page = answer.content.decode()
    assert "Chưa xuất bản trang nào" in page
    assert "Bài 1.1" in page
    assert "H5P" in page
    assert_nothing_was_published(course, first)


def test_approved_from_wagtails_buttons_the_manager_is_sent_to_the_page_that_says_which_and_why(
    client, manager, cannot_be_published
):
    course, first = cannot_be_published
    task_state = TaskState.objects.get(workflow_state__object_id=str(first.pk))
    client.force_login(manager)

    answer = client.post(f"/admin/pages/workflow/action/{first.pk}/approve/{task_state.pk}/")

    assert answer["Location"] == approval_url(course)
    page = client.get(approval_url(course)).content.decode()
    assert "Các trang chưa thể xuất bản như hiện tại" in page
    assert "Bài 1.1" in page and "H5P" in page
    assert_nothing_was_published(course, first)


def test_requesting_changes_sends_everything_back_with_the_comment_and_resubmitting_resumes_it(
    client, owner, manager, submitted
):
    course, first, second, third = submitted
    client.force_login(manager)

    answer = client.post(approval_url(course), {"action": "request_changes", "comment": "Thêm ảnh chụp màn hình."})

    assert answer.status_code == 302
    states = WorkflowState.objects.all()
    assert {state.status for state in states} == {WorkflowState.STATUS_NEEDS_CHANGES}
    assert {int(state.object_id) for state in states} == {course.pk, first.pk, second.pk}
    assert set(TaskState.objects.values_list("comment", flat=True)) == {"Thêm ảnh chụp màn hình."}
    assert live(first).title == "Bài 1.1"

    client.force_login(owner)
    assert client.post(approval_url(course), {"action": "submit"}).status_code == 302
    assert reviews_in_progress() == {course.pk, first.pk, second.pk}
    assert WorkflowState.objects.count() == 3


def test_the_review_queue_names_the_course_of_each_page_and_its_buttons_act_on_the_course(
    client, manager, submitted
):
    course, first, second, third = submitted
    client.force_login(manager)

    dashboard = client.get("/admin/").content.decode()
    report = client.get("/admin/reports/workflow_tasks/").content.decode()

    for page in (dashboard, report):
        assert "Bài 2: Nộp hồ sơ — Khoá học: Dịch vụ công trực tuyến" in page
    assert "Phê duyệt và xuất bản cả khoá học" in dashboard
    assert "Yêu cầu chỉnh sửa cả khoá học" in dashboard


def listings_of(client, manager, make_course, url):
    """A course of 2 lessons and one of 10 listed at `url` (formatted with the course): (html, queries) of each."""
    small, large = make_course(slug="nho", lessons=2), make_course(slug="lon", lessons=10)
    client.force_login(manager)
    client.get(url.format(small.pk))

    def listing(course):
        with CaptureQueriesContext(connection) as queries:
            answer = client.get(url.format(course.pk))
        html = answer.json()["html"] if answer["Content-Type"] == "application/json" else answer.content.decode()
        return html, len(queries)

    return listing(small), listing(large)


def test_the_explorer_keeps_plain_titles_under_a_course_and_no_query_per_page(client, manager, make_course):
    (_small_page, small_queries), (large_page, large_queries) = listings_of(
        client, manager, make_course, "/admin/pages/{}/"
    )

    assert "Bài 1.10" in large_page
    assert "— Khoá học:" not in large_page
    assert large_queries == small_queries


def test_a_page_chooser_names_each_lessons_course_without_a_query_a_row(client, manager, make_course):
    (small_page, small_queries), (large_page, large_queries) = listings_of(
        client, manager, make_course, "/admin/choose-page/{}/"
    )

    assert "Bài 1.10 — Khoá học: Khoá học lon" in large_page
    assert "Bài 1.2 — Khoá học: Khoá học nho" in small_page
    # Eight rows more cost eight queries more, Wagtail's own: its title cell asks each row for its parent's id.
    assert large_queries - small_queries == 8


def test_nothing_changed_is_nothing_to_submit(client, owner, course):
    client.force_login(owner)

    answer = client.post(approval_url(course), {"action": "submit"})

    assert answer.status_code == 400
    assert "Khoá học chưa có thay đổi nào" in answer.content.decode()
    assert WorkflowState.objects.count() == 0


def test_a_course_already_awaiting_approval_is_not_submitted_twice(client, owner, submitted):
    course, *_pages = submitted
    client.force_login(owner)

    assert client.post(approval_url(course), {"action": "submit"}).status_code == 400
    assert WorkflowState.objects.count() == 3


def test_only_the_owner_or_a_manager_submits_and_only_a_manager_approves(
    client, owner, manager, hr_officer, make_trainer, make_course, learner, course
):
    other_trainer = make_trainer(make_course(slug="khac", lessons=1), email="gv.khac@example.vn")
    draft(course, owner, summary="Tóm tắt mới.")
    for outsider in (other_trainer, hr_officer, learner):
        client.force_login(outsider)
        assert refused(client.post(approval_url(course), {"action": "submit"})), outsider
    assert WorkflowState.objects.count() == 0

    client.force_login(owner)
    client.post(approval_url(course), {"action": "submit"})
    for outsider in (owner, hr_officer):
        client.force_login(outsider)
        assert refused(client.post(approval_url(course), {"action": "approve"})), outsider
    assert live(course).summary == "Tóm tắt khoá học."

    client.force_login(manager)
    assert client.post(approval_url(course), {"action": "approve"}).status_code == 302
    assert live(course).summary == "Tóm tắt mới."


def test_the_course_header_leads_its_staff_to_the_approval_page(client, owner, make_trainer, make_course, course):
    client.force_login(owner)
    assert approval_url(course) in client.get(f"/admin/pages/{course.pk}/edit/").content.decode()

    lesson = lessons_of(course)[0]
    assert approval_url(course) not in client.get(f"/admin/pages/{lesson.pk}/edit/").content.decode()


def test_the_catalogues_workflow_approves_whole_courses_and_ensure_roles_adds_no_second_task(catalogue, course, role_groups):
    roles.ensure_roles(catalogue)

    assert [type(task.specific) for task in course.get_workflow().tasks] == [CourseApprovalTask]


def dashboard_queries(client, make_course, make_trainer, manager, lessons):
    """The queries of a manager's dashboard while a course of `lessons` changed lessons awaits approval."""
    course = make_course(slug=f"khoa-{lessons}-bai", lessons=lessons)
    owner = make_trainer(course, email=f"giang.vien.{lessons}@example.vn")
    draft(course, owner, summary="Tóm tắt mới.")
    for lesson in lessons_of(course):
        draft(lesson, owner, title=f"{lesson.title} (sửa)")
    client.force_login(owner)
    assert client.post(approval_url(course), {"action": "submit"}).status_code == 302
    client.force_login(manager)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/admin/").status_code == 200
    return len(queries)


# Wagtail reads each listed task (1); the page and its course (2); whether the course is under review (1).
DASHBOARD_QUERIES_PER_PAGE_UNDER_REVIEW = 4


def test_the_review_queue_costs_a_few_queries_a_page_not_a_course_each(client, make_course, make_trainer, manager):
    few = dashboard_queries(client, make_course, make_trainer, manager, lessons=2)
    many = dashboard_queries(client, make_course, make_trainer, manager, lessons=10)

    # The second count's queue holds both courses: the second one's 11 pages more.
    assert many - few <= 11 * DASHBOARD_QUERIES_PER_PAGE_UNDER_REVIEW


@pytest.fixture
def second_manager(make_user, role_groups):
    manager = make_user(email="quan.ly.2@example.vn", full_name="Đỗ Văn Duyệt")
    manager.groups.add(role_groups["managers"])
    return manager


def submit_with_mail(client, owner, course, django_capture_on_commit_callbacks):
    """The owner changes the course and two lessons (one title with markup) and submits it; the e-mails sent."""
    first, second, _third = lessons_of(course)
    draft(course, owner, summary="Tóm tắt mới.")
    draft(first, owner, title="Bài 1: <b>Đăng nhập</b> & thử")
    draft(second, owner, title="Bài 2: Nộp hồ sơ")
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(approval_url(course), {"action": "submit"}).status_code == 302
    sent = list(mail.outbox)
    mail.outbox.clear()
    return sent


def test_submitting_a_course_sends_each_manager_one_email_naming_every_changed_page(
    client, owner, manager, second_manager, course, django_capture_on_commit_callbacks
):
    sent = submit_with_mail(client, owner, course, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in sent) == ["quan.ly.2@example.vn", "quan.ly@example.vn"]
    message = sent[0]
    assert message.subject == "Khoá học “Dịch vụ công trực tuyến” đang chờ bạn phê duyệt"
    assert "Trần Văn Giảng đã gửi duyệt khoá học “Dịch vụ công trực tuyến” cùng 2 trang có thay đổi:" in message.body
    assert "- Bài 1: <b>Đăng nhập</b> & thử\n- Bài 2: Nộp hồ sơ\n" in message.body
    assert f"http://127.0.0.1:8000/admin/courses/{course.pk}/approval/" in message.body


def test_the_trainer_gets_one_email_when_the_course_is_sent_back_and_one_when_it_is_approved(
    client, owner, manager, course, django_capture_on_commit_callbacks
):
    submit_with_mail(client, owner, course, django_capture_on_commit_callbacks)
    client.force_login(manager)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approval_url(course), {"action": "request_changes", "comment": "Thêm ảnh chụp màn hình."})
    (sent_back,) = mail.outbox
    assert sent_back.to == ["giang.vien@example.vn"]
    assert sent_back.subject == "Khoá học “Dịch vụ công trực tuyến” cần chỉnh sửa"
    assert "Nhận xét: “Thêm ảnh chụp màn hình.”" in sent_back.body

    mail.outbox.clear()
    client.force_login(owner)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approval_url(course), {"action": "submit"})
    client.force_login(manager)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(approval_url(course), {"action": "approve"})
    (approved,) = mail.outbox
    assert approved.subject == "Khoá học “Dịch vụ công trực tuyến” đã được phê duyệt và xuất bản"
    assert "Lê Thị Quản đã phê duyệt khoá học" in approved.body
    assert "http://127.0.0.1:8000/courses/dich-vu-cong/" in approved.body


def test_the_html_email_escapes_what_the_trainer_typed(
    client, owner, manager, course, settings, django_capture_on_commit_callbacks
):
    settings.WAGTAILADMIN_NOTIFICATION_USE_HTML = True
    (message,) = submit_with_mail(client, owner, course, django_capture_on_commit_callbacks)
    (html, _type), = message.alternatives
    assert "<li>Bài 1: &lt;b&gt;Đăng nhập&lt;/b&gt; &amp; thử</li>" in html
    assert "<b>Đăng nhập</b>" not in html


def test_a_lesson_submitted_alone_keeps_wagtails_own_email(client, owner, manager, course):
    first, _second, _third = lessons_of(course)
    draft(first, owner, title="Bài 1: Đăng nhập")

    first.get_workflow().start(first, owner)

    (message,) = mail.outbox
    assert message.to == ["quan.ly@example.vn"]
    assert message.subject.startswith("Trang \"Bài 1: Đăng nhập — Khoá học: Dịch vụ công trực tuyến\"")
