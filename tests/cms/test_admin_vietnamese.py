"""
The Wagtail admin speaks Vietnamese to trainers and training managers: the
pages they use, rendered over HTTP in Vietnamese, show none of the English
strings Wagtail's own catalogue leaves untranslated and none of its wrong
translations; the moderation e-mails arrive in Vietnamese; the dashboard greets
them with the site's name. The lists below are the strings checked by eye on
these screens (cms/locale/vi holds the catalogue).
"""

import importlib
import json
import re
from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.models import Site

from courses.models import CoursePage, LessonPage
from tests.conftest import teach

# Shown in English by Wagtail's own catalogue on the screens below.
UNTRANSLATED = [
    "Page title", "Save draft", "Save Draft", "Promote", "Content", "Request changes", "Approve", "Awaiting your review",
    "Create", "Documents", "Images", "Reports", "Help", "Search all pages…", "Search…", "Submit for moderation",
    "Publish", "Unpublish", "Edit", "Add child page", "Move", "Copy", "Delete", "History", "View live", "Sort by",
    "Live", "Draft", "Status", "Owner", "Title", "Type", "Page type", "Actions", "Workflow", "Workflows", "Task",
    "Workflow history", "Your pages and snippets in a workflow", "Locked pages", "Aging pages", "Site history",
    "Bulk actions", "Filter by", "Show filters", "Select all", "Has child pages", "Date updated", "Edited by",
    "Preview", "Comments", "Checks", "More actions", "Set schedule", "Go live date/time", "Expiry date/time",
    "Title tag", "Meta description", "Slug", "Show in menus", "For search engines", "For site menus",
    "Add an image", "Add images", "Add a document", "Add documents", "Add multiple images", "Add multiple documents",
    "Drag and drop images into this area to upload immediately.", "Or choose from your computer", "Upload",
    "Grid layout", "List layout", "Newest", "Oldest", "Usage count", "Collection", "Tag",
    "The requested page could not be found.", "Go to Wagtail admin", "Error 404", "Page not found",
    "Choose which type of page you'd like to create.", "Create a page in", "In Moderation", "Locked by workflow",
    "Compare with previous version", "See full history", "Requested by", "Started at", "Skip to main content",
    "Dashboard", "Pages", "Account", "Log out", "Keyboard shortcuts", "Position", "Child of", "Sibling of",
    "Relative to", "Users", "Username", "Last login", "Active", "Name",
]
# Wrong in Wagtail's catalogue or through a clash with the project's own strings.
WRONG = ["Phê chuẩn", "Biên tập", "Chức vụ", "Đã được phê chuẩn", "Yêu cầu xem xét"]
# "Phân trang" is right for Wagtail's "Pagination", wrong for its "Pages" menu.
WRONG_IN_MENU = ["Phân trang"]
# The admin's JavaScript strings (sidebar, page editor), from its JavaScript catalogue.
JS_STRINGS = {
    "Collapse all": "Thu gọn tất cả", "Expand all": "Mở rộng tất cả", "Insert a block": "Chèn khối",
    "Main menu": "Menu chính", "Toggle sidebar": "Thu gọn/mở rộng thanh bên", "More actions": "Thao tác khác",
    "Move up": "Chuyển lên", "Move down": "Chuyển xuống", "Duplicate": "Nhân bản", "Edit": "Sửa", "Pages": "Trang",
}
ATTRIBUTES = ("placeholder", "aria-label", "title", "data-w-tooltip-content-value")


class ShownText(HTMLParser):
    """Every text a person can read or hear: text nodes, labels in attributes, and the sidebar's menu."""

    def __init__(self):
        super().__init__()
        self.texts = set()
        self.menu = set()
        self._in = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag not in {"br", "img", "input", "meta", "link", "hr", "source"}:
            self._in.append((tag, attrs))
        for name in ATTRIBUTES:
            if attrs.get(name):
                self.texts.add(" ".join(attrs[name].split()))
        if tag == "input" and attrs.get("type") in {"submit", "button"} and attrs.get("value"):
            self.texts.add(attrs["value"].strip())

    def handle_endtag(self, tag):
        while self._in and self._in.pop()[0] != tag:
            pass

    def handle_data(self, data):
        tag, attrs = self._in[-1] if self._in else ("", {})
        if tag == "script" and attrs.get("id") == "wagtail-sidebar-props":
            self.menu.update(sidebar_labels(json.loads(data)))
            self.texts.update(self.menu)
        elif tag not in {"script", "style"} and data.strip():
            self.texts.add(" ".join(data.split()))


def sidebar_labels(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "label" and isinstance(value, str):
                yield value
            else:
                yield from sidebar_labels(value)
    elif isinstance(node, list):
        for item in node:
            yield from sidebar_labels(item)


def read(response):
    parser = ShownText()
    parser.feed(response.content.decode())
    return parser


def shown_text(response):
    return read(response).texts


def assert_reads_vietnamese(response):
    shown = read(response)
    texts = shown.texts
    assert [s for s in WRONG_IN_MENU if s in shown.menu] == []
    page = response.request["PATH_INFO"]
    assert (page, [s for s in UNTRANSLATED if s in texts]) == (page, [])
    assert (page, [s for s in WRONG if any(s in text for text in texts)]) == (page, [])


@pytest.fixture
def trainer(make_trainer, course):
    return make_trainer(course)


@pytest.fixture
def trainer_client(client, trainer):
    client.force_login(trainer)
    return client


@pytest.fixture
def submitted_lesson(course, make_trainer):
    """A lesson of `course` its trainer has submitted to the training managers for approval."""
    trainer = make_trainer(course, email="gv.gui@example.vn", full_name="Nguyễn Thị Minh Thu")
    lesson = LessonPage.objects.descendant_of(course).first()
    lesson.save_revision(user=trainer)
    lesson.get_workflow().start(lesson, trainer)
    return lesson


def test_the_pages_a_trainer_uses_read_in_vietnamese(trainer_client, trainer, course, quiz, picture, checklist):
    teach(trainer, CoursePage.of(quiz))
    lesson = LessonPage.objects.descendant_of(course).first()
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[course.pk]),
        reverse("wagtailadmin_pages:add_subpage", args=[course.pk]),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        reverse("wagtailadmin_pages:edit", args=[quiz.pk]),
        reverse("wagtailadmin_pages:history", args=[lesson.pk]),
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_pages:search") + "?q=B%C3%A0i",
    ]
    for url in urls:
        response = trainer_client.get(url)
        assert response.status_code == 200, url
        assert_reads_vietnamese(response)
    assert {"Trang", "Hình ảnh", "Tài liệu", "Báo cáo"} <= read(trainer_client.get(reverse("wagtailadmin_home"))).menu


def test_a_missing_admin_page_says_so_in_vietnamese(trainer_client):
    response = trainer_client.get("/admin/khong-co-trang-nay/")

    assert response.status_code == 404
    assert "Không tìm thấy trang bạn yêu cầu." in shown_text(response)
    assert_reads_vietnamese(response)


def test_a_manager_reviews_a_submitted_lesson_in_vietnamese(client, manager, submitted_lesson):
    client.force_login(manager)

    dashboard = client.get(reverse("wagtailadmin_home"))
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[submitted_lesson.pk]))

    assert "Đang chờ bạn duyệt" in shown_text(dashboard)
    assert {"Phê duyệt và xuất bản", "Yêu cầu chỉnh sửa"} <= shown_text(editor)
    assert_reads_vietnamese(dashboard)
    assert_reads_vietnamese(editor)


def test_the_unit_tree_form_places_a_unit_in_vietnamese(client, manager):
    client.force_login(manager)

    form = client.get(reverse("org_units:add"))

    assert {"Vị trí", "Con của", "Cùng cấp với"} <= shown_text(form)
    assert_reads_vietnamese(form)


def test_the_admin_javascript_speaks_vietnamese(trainer_client):
    script = trainer_client.get(reverse("wagtailadmin_javascript_catalog")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});", script, re.S).group(1))

    assert {english: catalogue.get(english) for english in JS_STRINGS} == JS_STRINGS


def test_moderation_emails_reach_the_managers_in_vietnamese(manager, submitted_lesson):
    to_manager = [message for message in mail.outbox if message.to == [manager.email]]

    assert to_manager
    for message in to_manager:
        assert "đã được gửi duyệt" in message.subject
        assert message.body.lstrip().startswith("Xin chào")
        assert "has been" not in message.subject + message.body
        assert "Đổi cài đặt nhận thông báo tại đây:" in message.body


def test_the_trainer_hears_back_in_vietnamese_when_changes_are_requested(client, manager, submitted_lesson):
    mail.outbox.clear()
    task_state = submitted_lesson.current_workflow_task_state
    task_state.specific.task.specific.on_action(task_state, manager, "reject", comment="Thêm ví dụ minh hoạ.")

    to_trainer = [message for message in mail.outbox if message.to == ["gv.gui@example.vn"]]
    assert to_trainer
    assert "cần chỉnh sửa" in to_trainer[0].subject + to_trainer[0].body
    assert "has been" not in to_trainer[0].subject + to_trainer[0].body


def test_the_dashboard_greets_with_the_site_name_not_the_host_name(trainer_client):
    name_unnamed_sites = importlib.import_module("cms.migrations.0002_site_name").name_unnamed_sites
    assert Site.objects.get().site_name == ""

    name_unnamed_sites(apps, None)

    dashboard = trainer_client.get(reverse("wagtailadmin_home"))
    assert "HọcSố" in shown_text(dashboard)
    assert not any("localhost" in text for text in shown_text(dashboard))


def test_a_page_under_review_is_not_described_in_the_learners_words(client, manager, submitted_lesson):
    client.force_login(manager)

    history = client.get(reverse("wagtailadmin_pages:workflow_history", args=[submitted_lesson.pk]))

    assert history.status_code == 200
    texts = shown_text(history)
    assert "Đang duyệt" in texts
    assert not {"Đang học", "Thời điểm nộp bài"} & texts


def test_how_long_ago_reads_in_vietnamese():
    with translation.override("vi"):
        assert timesince_simple(timezone.now() - timedelta(minutes=23)).replace("\xa0", " ") == "23 phút trước"
        assert timesince_simple(timezone.now() - timedelta(days=9)).replace("\xa0", " ") == "1 tuần trước"
        assert timesince_simple(timezone.now()) == translation.gettext("just now")
