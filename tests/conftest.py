"""
Shared fixtures: a Wagtail site with a course catalogue, courses built to
order, and users. Courses are built through Wagtail's page API and published,
as a trainer would.
"""

import io
import shutil
import subprocess
import sys
from decimal import Decimal
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Collection, Locale, Page, Site

from cms.models import HomePage
from courses.models import CourseIndexPage, CoursePage, LessonPage, QuizPage, SectionPage
from lms.accounts import roles
from lms.accounts.models import User
from lms.enrollment import services as enrollment_services
from lms.enrollment.signals import course_completed
from lms.quizzes.models import Answer, MatchPair, Question, QuestionCategory, QuizSlot

PASSWORD = "a-long-test-password-1"


def manage_in_a_new_process(tmp_path, *args):
    """
    `manage.py` as a trainer runs it, in its own process with an empty
    in-memory database and media folder: for exit statuses and what reaches stderr.
    """
    return subprocess.run(
        [sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), *args],
        capture_output=True, text=True, timeout=120,
        env={
            "DJANGO_SETTINGS_MODULE": "lms.settings.test",
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
    )


@pytest.fixture(autouse=True)
def empty_cache_between_tests():
    """Rate-limit counters live in the cache; one test's requests must not count against the next."""
    cache.clear()


@pytest.fixture(autouse=True)
def site_language_between_tests():
    """
    A request in English (the language switch, an English browser) leaves its
    language active in the thread: each test starts in the site's own, Vietnamese.
    """
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def clean_media_folder():
    """Uploads and signed certificates made by the suite go to temporary folders, removed at the end."""
    yield
    temporary = [settings.MEDIA_ROOT, settings.STORAGES["certificates"]["OPTIONS"]["location"],
                 settings.CERTIFICATE_SIGNING_DIR]
    for folder in temporary:
        if "hocso-test-" in str(folder):
            shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session", autouse=True)
def signing_key():
    """Issuing a certificate signs its PDF: one development key serves the whole suite."""
    call_command("init_signing_key", stdout=io.StringIO())


def wagtail_roots():
    """
    The rows Wagtail's data migrations create: its default locale, the root
    page and the root collection. Browser tests are transactional, and the
    flush after each of them empties those tables too.
    """
    locale, _created = Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root", locale=locale))


@pytest.fixture
def home(db):
    root = wagtail_roots()
    for child in root.get_children():
        child.delete()
    home = root.add_child(instance=HomePage(title="HọcSố", slug="home", headline="Học kỹ năng số"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    return home


@pytest.fixture
def catalogue(home):
    return home.add_child(instance=CourseIndexPage(title="Khoá học", slug="courses"))


def lesson_body(text):
    return [("heading", {"text": text, "level": "h2"}), ("paragraph", f"<p>{text}: nội dung bài học.</p>")]


@pytest.fixture
def make_course(catalogue):
    """Build and publish a course: `sections` groups of `lessons` lessons each (0 sections: lessons at the top)."""

    def build(slug="ky-nang-so", lessons=3, sections=0, title=None, **fields):
        course = catalogue.add_child(
            instance=CoursePage(title=title or f"Khoá học {slug}", slug=slug, summary="Tóm tắt khoá học.", **fields)
        )
        course.save_revision().publish()
        parents = [course]
        if sections:
            parents = []
            for number in range(1, sections + 1):
                section = course.add_child(instance=SectionPage(title=f"Phần {number}", slug=f"phan-{number}"))
                section.save_revision().publish()
                parents.append(section)
        for parent_number, parent in enumerate(parents, start=1):
            for number in range(1, lessons + 1):
                lesson = parent.add_child(
                    instance=LessonPage(
                        title=f"Bài {parent_number}.{number}",
                        slug=f"bai-{parent_number}-{number}",
                        body=lesson_body(f"Bài {parent_number}.{number}"),
                    )
                )
                lesson.save_revision().publish()
        return CoursePage.objects.get(pk=course.pk)

    return build


@pytest.fixture
def course(make_course):
    return make_course()


def unlinked_descriptions(html):
    """
    The ids a field's `aria-describedby` names that the page does not hold: a
    screen reader then reads the field without its error or its help.
    """

    class Collector(HTMLParser):
        def __init__(self):
            super().__init__()
            self.ids, self.described_by = set(), set()

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            if attrs.get("id"):
                self.ids.add(attrs["id"])
            self.described_by.update((attrs.get("aria-describedby") or "").split())

    collector = Collector()
    collector.feed(html)
    return collector.described_by - collector.ids


def lessons_of(course):
    return list(LessonPage.objects.descendant_of(course).live().order_by("path"))


@pytest.fixture
def make_user(db):
    def build(email="hoc.vien@example.vn", full_name="Nguyễn Thị Hoa", **fields):
        return User.objects.create_user(email=email, password=PASSWORD, full_name=full_name, **fields)

    return build


@pytest.fixture
def learner(make_user):
    return make_user()


@pytest.fixture
def learner_client(client, learner):
    client.force_login(learner)
    return client


@pytest.fixture
def completions():
    """The enrollments `course_completed` was sent for, in order."""
    received = []

    def receiver(sender, enrollment, **kwargs):
        received.append(enrollment.pk)

    course_completed.connect(receiver)
    yield received
    course_completed.disconnect(receiver)


@pytest.fixture
def picture(db):
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 500), "#0b5cad").save(buffer, "PNG")
    return Image.objects.create(title="Màn hình", file=ImageFile(buffer, name="man-hinh.png"))


@pytest.fixture
def checklist(db):
    return Document.objects.create(title="Bảng kiểm", file=ContentFile("Bảng kiểm\n".encode(), name="bang-kiem.txt"))


def every_block(picture, checklist):
    return [
        ("heading", {"text": "Đăng nhập bằng VNeID", "level": "h2"}),
        ("paragraph", "<p>Mở ứng dụng <b>VNeID</b>.</p>"),
        ("image", {"image": picture, "alt_text": "Trang đăng nhập", "caption": "Hình 1"}),
        ("video", {"url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "file": None, "caption": "Video hướng dẫn"}),
        ("document", {"document": checklist, "description": "In ra để dùng"}),
        ("callout", {"kind": "warning", "title": "Cảnh giác", "body": "<p>Không chia sẻ mã OTP.</p>"}),
        ("steps", {"title": "Nộp hồ sơ", "steps": [{"screenshot": picture, "text": "<p>Bấm Nộp hồ sơ</p>"}]}),
    ]


# Quizzes ----------------------------------------------------------------------------------------


@pytest.fixture
def category(db):
    return QuestionCategory.add_root(name="Kỹ năng số")


@pytest.fixture
def make_question(category):
    """A question of any type with its answers: `answers` is a list of (text, fraction[, tolerance])."""

    def build(qtype=Question.Type.SINGLE_CHOICE, name=None, answers=(), matches=(), **fields):
        question = Question.objects.create(
            category=fields.pop("category", category),
            qtype=qtype,
            name=name or f"Câu hỏi {Question.objects.count() + 1}",
            text=fields.pop("text", "<p>Câu hỏi?</p>"),
            **fields,
        )
        for order, answer in enumerate(answers):
            text, fraction, *rest = answer
            Answer.objects.create(
                question=question, text=text, fraction=Decimal(str(fraction)), tolerance=rest[0] if rest else 0,
                feedback=f"Phản hồi cho {text}", sort_order=order,
            )
        for order, (prompt, answer) in enumerate(matches):
            MatchPair.objects.create(question=question, prompt=prompt, answer=answer, sort_order=order)
        return question

    return build


@pytest.fixture
def capital_question(make_question):
    return make_question(
        name="Thủ đô",
        text="<p>Thủ đô của Việt Nam là?</p>",
        answers=[("Hà Nội", 1), ("Huế", 0), ("Đà Nẵng", 0)],
        shuffle_answers=False,
    )


def right_answer_id(question):
    return next(answer.pk for answer in question.answers.all() if answer.fraction == 1)


@pytest.fixture
def make_quiz(make_course):
    """A course holding one quiz with the given questions; extra keyword arguments set quiz options."""

    def build(questions, slug="kiem-tra", course=None, **options):
        course = course or make_course(slug=f"khoa-{slug}", lessons=1)
        quiz = course.add_child(instance=QuizPage(title="Bài kiểm tra", slug=slug, **options))
        for order, question in enumerate(questions):
            QuizSlot.objects.create(page=quiz, question=question, sort_order=order)
        quiz.save_revision().publish()
        return QuizPage.objects.get(pk=quiz.pk)

    return build


@pytest.fixture
def quiz(make_quiz, capital_question):
    return make_quiz([capital_question])


@pytest.fixture
def enrolled(learner, quiz):
    """The learner, enrolled in the quiz's course."""
    enrollment_services.enroll(learner, CoursePage.of(quiz))
    return learner


# Roles ------------------------------------------------------------------------------------------


@pytest.fixture
def role_groups(catalogue):
    """The trainers', training managers' and HR groups, as `ensure_roles` makes them."""
    trainers, managers = roles.ensure_roles(catalogue)
    return {"trainers": trainers, "managers": managers, "hr": Group.objects.get(name=roles.HR_MANAGERS)}


def teach(trainer, course):
    """Name `trainer` among the course's trainers, as a training manager does in the course's edit form."""
    course = CoursePage.objects.get(pk=course.pk)
    course.owners.add(trainer)
    course.save()


@pytest.fixture
def make_trainer(make_user, role_groups):
    """A trainer (in the trainers' group) teaching the given courses, and no other."""

    def build(*courses, email="giang.vien@example.vn", full_name="Trần Văn Giảng"):
        trainer = make_user(email=email, full_name=full_name)
        trainer.groups.add(role_groups["trainers"])
        for course in courses:
            teach(trainer, course)
        return trainer

    return build


@pytest.fixture
def manager(make_user, role_groups):
    manager = make_user(email="quan.ly@example.vn", full_name="Lê Thị Quản")
    manager.groups.add(role_groups["managers"])
    return manager


@pytest.fixture
def hr_officer(make_user, role_groups):
    officer = make_user(email="nhan.su@example.vn", full_name="Phạm Thu Hà")
    officer.groups.add(role_groups["hr"])
    return officer
