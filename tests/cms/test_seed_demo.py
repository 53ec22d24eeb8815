"""
`manage.py seed_demo`: the demo site loads, loads again without changing
anything, renders, and lets every demo account in.
"""

import io
import json
import re
from types import SimpleNamespace

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from taggit.models import Tag
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Page, Revision, Site

from certificates.models import Certificate, CertificateTemplate
from cms.demo import h5p as h5p_demo
from cms.demo.quizzes import BANK_FILE, BANK_ROOT, QUIZZES
from cms.demo.users import DEMO_ACCOUNTS
from cms.models import HomePage
from courses.blocks import LessonStreamBlock
from courses.h5p.models import H5PPackage
from courses.models import CompletionRule, CoursePage, GradingMethod, LessonPage, QuizPage, SectionPage
from lms.accounts import roles
from lms.accounts.models import OrgUnit, User
from lms.enrollment.models import Enrollment
from lms.enrollment.services import enroll, get_enrollment
from lms.quizzes.formats.gift import parse_gift
from lms.quizzes.models import Question, QuestionCategory, QuizSlot

MAIN_COURSES = ["dich-vu-cong", "chu-ky-so", "thanh-toan-khong-dung-tien-mat", "an-toan-thong-tin"]
WARM_UP_COURSE = "khoi-dong"
MAX_IMAGE_BYTES = 40 * 1024


def record_counts():
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "users": User.objects.count(),
        "groups": Group.objects.count(),
        "e-mail addresses": EmailAddress.objects.count(),
        "images": Image.objects.count(),
        "documents": Document.objects.count(),
        "org units": OrgUnit.objects.count(),
        "sites": Site.objects.count(),
        "questions": Question.objects.count(),
        "question categories": QuestionCategory.objects.count(),
        "quizzes": QuizPage.objects.count(),
        "quiz slots": QuizSlot.objects.count(),
        "certificate templates": CertificateTemplate.objects.count(),
        "certificates": Certificate.objects.count(),
        "H5P packages": H5PPackage.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed twice, once for the whole module; everything is rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=io.StringIO())
        after_first_run = record_counts()
        second_output = io.StringIO()
        call_command("seed_demo", stdout=second_output)
        yield SimpleNamespace(
            after_first_run=after_first_run, after_second_run=record_counts(), second_output=second_output.getvalue()
        )
        transaction.set_rollback(True)
    # The rollback sends no signals, so Wagtail's cached site roots would outlive the site.
    Site.clear_site_root_paths_cache()


def course(slug):
    return CoursePage.objects.get(slug=slug)


def lessons_of(course_page):
    return list(LessonPage.objects.descendant_of(course_page).order_by("path"))


@pytest.mark.django_db
def test_a_second_run_changes_nothing(seeded):
    assert seeded.after_first_run["pages"] > 30
    assert seeded.after_second_run == seeded.after_first_run
    assert "admin@hocso.local" in seeded.second_output


@pytest.mark.django_db
def test_the_default_site_serves_the_home_page_instead_of_wagtails_welcome(seeded):
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("localhost", 80)
    assert isinstance(site.root_page.specific, HomePage)
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page_id).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("slug", MAIN_COURSES)
def test_a_main_course_has_sections_lessons_and_one_optional_reading(seeded, slug):
    course_page = course(slug)
    lessons = [lesson for lesson in lessons_of(course_page) if lesson.slug != h5p_demo.LESSON_SLUG]
    assert SectionPage.objects.child_of(course_page).count() >= 2
    assert len(lessons) >= 6
    assert all(lesson.get_parent().specific_class is SectionPage for lesson in lessons)
    assert [lesson.is_required for lesson in lessons].count(False) == 1
    assert {lesson.completion_rule for lesson in lessons} == {CompletionRule.ON_VIEW, CompletionRule.MARK_DONE}
    assert course_page.cover and course_page.tags.exists() and course_page.self_enrollment
    assert course_page.owners.filter(email="trainer@hocso.local").exists()
    assert course_page.live and course_page.live_revision


@pytest.mark.django_db
@pytest.mark.parametrize("slug", MAIN_COURSES)
def test_a_main_course_uses_every_lesson_block(seeded, slug):
    blocks = [block for lesson in lessons_of(course(slug)) for block in lesson.body if block.block_type != "h5p"]
    # H5P activities come from the shared samples, into one course only (see the H5P test below).
    assert {block.block_type for block in blocks} == set(LessonStreamBlock.base_blocks) - {"h5p"}
    assert {block.value["kind"] for block in blocks if block.block_type == "callout"} == {"tip", "warning"}


@pytest.mark.django_db
def test_one_main_course_opens_its_lessons_for_preview(seeded):
    assert [course(slug).allow_preview for slug in MAIN_COURSES].count(True) == 1


@pytest.mark.django_db
def test_the_warm_up_course_is_three_short_lessons(seeded):
    warm_up = course(WARM_UP_COURSE)
    lessons = lessons_of(warm_up)
    assert len(lessons) == 3
    assert all(lesson.get_parent().pk == warm_up.pk for lesson in lessons)
    assert sorted(lesson.completion_rule for lesson in lessons) == ["manual", "view", "view"]
    assert not warm_up.allow_preview


@pytest.mark.django_db
def test_every_lesson_body_renders(seeded):
    for lesson in LessonPage.objects.all():
        assert lesson.body.render_as_block().strip(), lesson.title


@pytest.mark.django_db
def test_the_drawn_images_are_small(seeded):
    assert all(image.file_size < MAX_IMAGE_BYTES for image in Image.objects.all())


@pytest.mark.django_db
def test_the_org_units_form_one_province(seeded):
    (province,) = OrgUnit.get_root_nodes()
    assert province.code == "TN"
    assert {unit.kind for unit in province.get_children()} == {OrgUnit.Kind.DEPARTMENT, OrgUnit.Kind.COMMUNE}
    assert province.get_children().count() == 6


@pytest.mark.django_db
@pytest.mark.parametrize("email", DEMO_ACCOUNTS)
def test_a_demo_account_logs_in_with_a_verified_address(seeded, client, email):
    assert client.login(email=email, password=DEMO_ACCOUNTS[email].password)
    assert EmailAddress.objects.filter(email=email, verified=True, primary=True).exists()


@pytest.mark.django_db
def test_each_staff_account_has_its_role(seeded):
    assert User.objects.get(email="admin@hocso.local").is_superuser
    assert User.objects.get(email="trainer@hocso.local").groups.filter(name=roles.TRAINERS).exists()
    assert User.objects.get(email="manager@hocso.local").groups.filter(name=roles.TRAINING_MANAGERS).exists()
    assert User.objects.get(email="hr@hocso.local").groups.filter(name=roles.HR_MANAGERS).exists()
    assert User.objects.get(email="learner@hocso.local").org_unit.code == "TN-PDP"
    assert User.objects.get(email="citizen@hocso.local").learner_type == User.LearnerType.CITIZEN


@pytest.mark.django_db
def test_the_admin_can_open_the_site_every_course_and_a_lesson_of_each(seeded, client):
    client.force_login(User.objects.get(email="admin@hocso.local"))
    urls = ["/", "/courses/", "/tro-giup/"]
    for slug in [WARM_UP_COURSE, *MAIN_COURSES]:
        course_page = course(slug)
        urls += [course_page.url, lessons_of(course_page)[0].url]
    for url in urls:
        assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_demos_addresses_stay_what_they_were_and_its_topics_are_plain_too(seeded, client):
    """The demo's slugs were written by hand before slugs were folded: they still lead to the same pages."""
    for url in ["/courses/dich-vu-cong/", "/courses/chu-ky-so/", "/courses/an-toan-thong-tin/", "/courses/khoi-dong/"]:
        assert client.get(url).status_code == 200, url
    assert Tag.objects.get(name="Chữ ký số").slug == "chu-ky-so"
    for topic in ("chu-ky-so", "chữ-ký-số"):
        catalogue = client.get("/courses/", {"topic": topic}).content.decode()
        assert course("chu-ky-so").title in catalogue
        assert course("dich-vu-cong").title not in catalogue


def quiz_of(slug):
    return QuizPage.objects.descendant_of(course(slug)).get()


def bank_questions():
    (top,) = QuestionCategory.get_root_nodes().filter(name=BANK_ROOT)
    return Question.objects.filter(category__in=QuestionCategory.get_tree(top))


@pytest.mark.django_db
@pytest.mark.parametrize("slug", MAIN_COURSES)
def test_a_main_course_ends_with_a_live_quiz_from_its_bank_category(seeded, slug):
    quiz = quiz_of(slug)
    last_section = SectionPage.objects.child_of(course(slug)).order_by("path").last()
    assert "kiem-tra" in quiz.slug
    assert quiz.live and quiz.live_revision
    assert quiz.get_parent().pk == last_section.pk
    assert last_section.get_children().order_by("path").last().pk == quiz.pk
    assert quiz.completion_rule == CompletionRule.PASSED

    slots = list(quiz.slots.order_by("sort_order"))
    assert len(slots) >= 3
    *fixed, drawn = slots
    assert all(slot.question_id and not slot.random_category_id for slot in fixed)
    (category,) = {slot.question.category for slot in fixed}
    assert (drawn.question_id, drawn.random_category, drawn.random_count) == (None, category, 2)
    assert category.get_parent().name == "Kỹ năng số"
    # The published revision carries the slots, so publishing the page again keeps them.
    assert len(quiz.live_revision.content["slots"]) == len(slots)


@pytest.mark.django_db
def test_the_quizzes_show_the_settings_and_the_warm_up_has_none(seeded):
    quizzes = [quiz_of(slug) for slug in MAIN_COURSES]
    assert all(
        (quiz.attempts_allowed, quiz.grading_method, quiz.pass_mark, quiz.shuffle_answers, quiz.questions_per_page)
        == (3, GradingMethod.HIGHEST, 70, True, 3)
        for quiz in quizzes
    )
    assert sorted(quiz.time_limit_minutes or 0 for quiz in quizzes) == [0, 0, 0, 15]
    assert not QuizPage.objects.descendant_of(course(WARM_UP_COURSE)).exists()


@pytest.mark.django_db
def test_the_demo_bank_uses_every_question_type(seeded):
    questions = bank_questions()
    assert set(questions.values_list("qtype", flat=True)) == set(Question.Type.values)
    assert questions.count() == len(parse_gift(BANK_FILE.read_bytes()).questions)


def test_the_demo_gift_file_parses_without_skipping_a_question():
    result = parse_gift(BANK_FILE.read_bytes())
    assert result.skipped == []
    paths = [tuple(question.category_path) for question in result.questions]
    assert {path[0] for path in paths} == {BANK_ROOT}
    assert all(8 <= paths.count(path) <= 10 for path in set(paths))
    assert len(set(paths)) == len(QUIZZES)
    # Every fixed question of a demo quiz is in the file, in the quiz's category.
    names = {(tuple(question.category_path), question.name) for question in result.questions}
    assert all((spec.category, name) in names for spec in QUIZZES for name in spec.questions)


@pytest.mark.django_db
def test_a_second_run_adds_no_question_category_quiz_or_slot(seeded):
    kinds = ["questions", "question categories", "quizzes", "quiz slots"]
    assert all(seeded.after_first_run[kind] > 0 for kind in kinds)
    assert [seeded.after_second_run[kind] for kind in kinds] == [seeded.after_first_run[kind] for kind in kinds]
    assert seeded.after_first_run["quizzes"] == len(MAIN_COURSES)


@pytest.mark.django_db
@pytest.mark.parametrize("slug", MAIN_COURSES)
def test_the_demo_learner_sees_a_start_button_on_each_quiz(seeded, client, slug):
    learner = User.objects.get(email="learner@hocso.local")
    if get_enrollment(learner, course(slug)) is None:  # "Dịch vụ công" is mandatory for the learner's ward
        enroll(learner, course(slug))
    client.force_login(learner)
    quiz = quiz_of(slug)
    response = client.get(quiz.url)
    assert response.status_code == 200
    assert f'action="/my/quizzes/{quiz.pk}/start/"' in response.content.decode()


@pytest.mark.django_db
def test_the_demo_learner_already_holds_a_signed_certificate_of_the_short_course(seeded, client):
    certificate = Certificate.objects.get(enrollment__user__email="learner@hocso.local")
    assert certificate.course_title == course(WARM_UP_COURSE).title
    assert certificate.template.is_default and certificate.template.signer_name
    assert certificate.pdf and len(certificate.pdf_sha256) == 64

    client.force_login(certificate.enrollment.user)
    my_page = client.get("/my/").content.decode()
    assert f"/certificates/{certificate.display_code}.pdf" in my_page
    assert f"/certificates/verify/{certificate.display_code}/" in my_page


@pytest.mark.django_db
def test_the_safety_course_offers_an_h5p_practice_when_the_samples_are_there(seeded, client):
    if not h5p_demo.SAMPLE.is_file():
        pytest.skip(f"The H5P sample {h5p_demo.SAMPLE} is not there (the team's shared samples folder is missing).")
    lesson = LessonPage.objects.get(slug=h5p_demo.LESSON_SLUG)
    assert lesson.is_required and lesson.completion_rule == CompletionRule.H5P_SCORE
    assert lesson.h5p_activities == [(H5PPackage.objects.get(title=h5p_demo.PACKAGE_TITLE).pk, 100)]
    assert CoursePage.of(lesson).slug == "an-toan-thong-tin"
    client.force_login(User.objects.get(email="learner@hocso.local"))
    enroll(User.objects.get(email="learner@hocso.local"), CoursePage.of(lesson))
    assert 'class="h5p-player"' in client.get(lesson.url).content.decode()


@pytest.mark.django_db
def test_the_demo_shows_a_mandatory_course_in_every_state(seeded, client):
    hr = User.objects.get(email="hr@hocso.local")
    assert list(hr.responsible_units.values_list("code", flat=True)) == ["TN-STP"]
    mandatory = course("dich-vu-cong")
    department = Enrollment.objects.filter(course=mandatory, user__org_unit__code="TN-STP", user__email__contains="@stp.")
    assert department.count() == 5
    assert department.filter(status=Enrollment.Status.COMPLETED).count() == 2
    today = timezone.localdate()
    overdue = department.exclude(status=Enrollment.Status.COMPLETED).filter(deadline__lt=today)
    assert overdue.count() == 2
    assert all(enrollment.source == Enrollment.Source.ASSIGNED for enrollment in department)

    client.force_login(User.objects.get(email="learner@hocso.local"))
    dashboard = client.get("/my/").content.decode()
    assert "Bắt buộc" in dashboard and mandatory.title in dashboard


@pytest.mark.django_db
def test_the_demo_has_sent_its_reminders_and_the_hr_officers_digest(seeded, client):
    hr = User.objects.get(email="hr@hocso.local")
    client.force_login(hr)
    notifications = client.get("/my/notifications/").content.decode()
    assert "Khoá học bắt buộc quá hạn trong các đơn vị của bạn tuần này" in notifications
    assert "Đặng Thu Dung" in notifications and "Bùi Minh Giang" in notifications

    client.force_login(User.objects.get(email="dang.thu.dung@stp.hocso.local"))
    assert "Quá hạn: “" in client.get("/my/").content.decode()


# The topics the home page promises, each a link to the course that teaches it.
PROMISED_COURSES = {"dich-vu-cong", "chu-ky-so", "thanh-toan-khong-dung-tien-mat", "an-toan-thong-tin"}


@pytest.mark.django_db
def test_every_course_the_home_page_links_or_names_exists_and_is_published(seeded, client):
    home = client.get("/").content.decode()
    links = set(re.findall(r'href="(/courses/[^"#?]+/)"', home))
    linked = {link.split("/")[2] for link in links}

    assert PROMISED_COURSES <= linked
    for link in links:
        assert client.get(link).status_code == 200, link
        assert CoursePage.objects.live().filter(slug=link.split("/")[2]).exists(), link
    # Courses the demo's texts name by title are there too.
    texts = home + client.get("/courses/").content.decode() + client.get("/tro-giup/").content.decode()
    for named in re.findall(r"khoá <b>([^<]+)</b>", texts):
        assert CoursePage.objects.live().filter(title__startswith=named).exists(), named


@pytest.mark.django_db
def test_the_help_page_says_how_certificates_are_issued_and_checked(seeded, client):
    help_page = client.get("/tro-giup/").content.decode()
    assert "đang được hoàn thiện" not in help_page
    assert 'href="/certificates/verify/"' in help_page and "mã QR" in help_page


@pytest.mark.django_db
def test_the_cashless_payment_course_teaches_vietqr_public_service_fees_otp_and_scams(seeded):
    payment = course("thanh-toan-khong-dung-tien-mat")
    text = " ".join(str(lesson.body.render_as_block()) for lesson in lessons_of(payment)).lower()
    for topic in ("vietqr", "dichvucong.gov.vn", "otp", "chuyển nhầm", "ví điện tử", "156"):
        assert topic in text, topic
    assert quiz_of(payment.slug).live


@pytest.mark.django_db
def test_the_h5p_practice_speaks_vietnamese(seeded):
    if not h5p_demo.SAMPLE.is_file():
        pytest.skip(f"The H5P sample {h5p_demo.SAMPLE} is not there (the team's shared samples folder is missing).")
    package = H5PPackage.objects.get(title=h5p_demo.PACKAGE_TITLE)
    with default_storage.open(package.h5p_json_path) as manifest:
        assert json.load(manifest)["language"] == "vi"
    with default_storage.open(package.content_path("content.json")) as stored:
        content = json.load(stored)
    assert "mã OTP" in content["question"]
    assert (content["l10n"]["trueText"], content["l10n"]["falseText"], content["l10n"]["checkAnswer"]) == (
        "Đúng", "Sai", "Kiểm tra")
    lesson = LessonPage.objects.get(slug=h5p_demo.LESSON_SLUG)
    assert "Kiểm tra" in str(lesson.body.render_as_block()) and "Check" not in str(lesson.body.render_as_block())


@pytest.mark.django_db
def test_a_demo_seeded_before_the_payment_course_gains_it_with_its_quiz(seeded):
    """An older demo database: its bank and courses are there, but not this course nor its questions."""
    course("thanh-toan-khong-dung-tien-mat").delete()
    category = QuestionCategory.objects.get(name="Thanh toán không dùng tiền mặt")
    Question.objects.filter(category=category).delete()
    category.delete()
    edited = Question.objects.filter(category__name="Chữ ký số").exclude(
        pk__in=QuizSlot.objects.filter(question__isnull=False).values("question")).first()
    edited.delete()

    call_command("seed_demo", stdout=io.StringIO())

    assert quiz_of("thanh-toan-khong-dung-tien-mat").live
    assert Question.objects.filter(category__name="Thanh toán không dùng tiền mặt").count() == 8
    # What trainers removed from the other categories stays removed.
    assert not Question.objects.filter(category__name="Chữ ký số", name=edited.name).exists()
