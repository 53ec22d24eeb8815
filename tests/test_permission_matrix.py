"""
Who may use every URL: one rule per URL pattern of the URLconf, tried as each
role. A URL pattern without a rule fails `test_every_url_pattern_has_a_rule`,
so a new view cannot ship without saying who it is for.

A rule names the roles whose GET is answered (`read`) and whose POST is acted
on (`change`); everyone else must be refused: a 4xx, or a redirect to a login
page or to the admin's dashboard (Wagtail's "permission denied"). No role may
ever get a 5xx. Each request runs in a savepoint rolled back afterwards, so
one role's POST does not change what the next role finds.

Wagtail's own admin URLs come in families (every URL of the image library,
of the users' admin...): a family's rule covers its routes and tries one or
more sample URLs of it, which is where HọcSố's role configuration shows.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.documents.models import Document

from certificates.models import CertificateTemplate
from certificates.services import create_certificate
from courses.h5p.services import import_package
from courses import services as course_services
from courses.models import CompletionRule, CoursePage, LessonPage
from lms.accounts.models import OrgUnit, PeopleImport
from lms.enrollment import services as enrollment_services
from lms.programmes.models import AssignedUnit, Assignment
from lms.quizzes import services as quiz_services
from lms.quizzes.models import Question
from tests.conftest import lessons_of
from tests.h5p.conftest import build_zip, media, package_files  # noqa: F401 (media: a fixture)

ANONYMOUS = "anonymous"
LEARNER = "learner (owner of the object)"
OTHER_LEARNER = "another learner"
OWNER = "trainer of the course"
OTHER_TRAINER = "trainer of another course"
MANAGER = "training manager"
HR = "HR officer"
SUPERUSER = "superuser"
ROLES = (ANONYMOUS, LEARNER, OTHER_LEARNER, OWNER, OTHER_TRAINER, MANAGER, HR, SUPERUSER)

EVERYONE = frozenset(ROLES)
SIGNED_IN = EVERYONE - {ANONYMOUS}
NOBODY = frozenset()
LEARNERS = frozenset({LEARNER, OTHER_LEARNER})
COURSE_STAFF = frozenset({OWNER, MANAGER, SUPERUSER})
# Trainers and training managers write content: the media library, the question bank, H5P uploads.
AUTHORS = frozenset({OWNER, OTHER_TRAINER, MANAGER, SUPERUSER})
ADMIN_USERS = AUTHORS | {HR}
MANAGERS = frozenset({MANAGER, SUPERUSER})
PROGRAMME_STAFF = MANAGERS | {HR}
ONLY_SUPERUSER = frozenset({SUPERUSER})
LOGIN_PAGES = ("/accounts/login/", "/admin/login/")


@dataclass
class Sample:
    """A URL to try, who may read it (GET) and who may change through it (POST; None: not tried)."""

    url: object  # a function of the World, or a string
    read: frozenset
    change: frozenset | None = None
    data: dict = field(default_factory=dict)
    json: bool = False


@dataclass
class Rule:
    routes: tuple  # the URLconf's routes, whole; one ending in "*" covers every route it begins
    why: str
    samples: tuple = ()


def sample(url, read, change=None, json=False, **data):
    return Sample(url, frozenset(read), None if change is None else frozenset(change), data, json)


RULES = [
    # The site ----------------------------------------------------------------------------------
    Rule(("healthz",), "load balancers", (sample("/healthz", EVERYONE),)),
    Rule(("search/",), "the site search", (sample("/search/?q=k%E1%BB%B9", EVERYONE),)),
    Rule(("i18n/setlang/",), "the language switch", (sample("/i18n/setlang/", EVERYONE, EVERYONE, language="en"),)),
    Rule(
        ("^((?:[\\w\\-]+/)*)$",),
        "Wagtail's pages: anyone sees the catalogue and a course; a gated lesson answers others with a 403 "
        "and an enroll prompt",
        (sample("/", EVERYONE), sample(lambda w: w.course.url, EVERYONE),
         sample(lambda w: w.lesson.url, LEARNERS | COURSE_STAFF)),
    ),
    Rule(
        ("_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/", "_util/login/",
         "documents/authenticate_with_password/<int:restriction_id>/"),
        "Wagtail's page and document privacy forms; HọcSố puts no password on pages",
        (sample("/_util/login/", EVERYONE),),
    ),
    Rule(
        ("documents/^(\\d+)/(.*)$",),
        "downloads of documents: public unless a gated course uses them (tests/courses)",
        (sample(lambda w: w.public_document_url, EVERYONE),),
    ),
    # Accounts (allauth and HọcSố's profile) ------------------------------------------------------
    Rule(
        ("accounts/login/", "accounts/signup/", "accounts/password/reset/", "accounts/password/reset/done/",
         "accounts/password/reset/key/done/", "accounts/inactive/", "accounts/confirm-email/",
         "accounts/login/code/confirm/"),
        "signing in and up: for everyone (signed-in people are sent on)",
        (sample("/accounts/login/", EVERYONE), sample("/accounts/signup/", EVERYONE),
         sample("/accounts/password/reset/", EVERYONE)),
    ),
    Rule(
        ("accounts/^confirm-email/(?P<key>[-:\\w]+)/$", "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$"),
        "links from e-mails, checked by their key",
        (sample("/accounts/confirm-email/not-a-key/", EVERYONE),),
    ),
    Rule(
        ("accounts/logout/", "accounts/email/", "accounts/password/change/", "accounts/password/set/",
         "accounts/reauthenticate/"),
        "the signed-in person's own account",
        (sample("/accounts/email/", SIGNED_IN), sample("/accounts/password/change/", SIGNED_IN)),
    ),
    Rule(("accounts/profile/",), "the signed-in person's profile", (sample("/accounts/profile/", SIGNED_IN),)),
    Rule(
        ("accounts/sign-in-code/",),
        "anyone may type a one-time code (tests/accounts/test_sign_in_codes.py); a wrong one is a 400",
        (sample("/accounts/sign-in-code/", EVERYONE, NOBODY, code="2345-6789-ABCD"),),
    ),
    # Learning ------------------------------------------------------------------------------------
    Rule(("my/",), "each person's own dashboard", (sample("/my/", SIGNED_IN),)),
    Rule(("my/transcript.pdf",), "each person's own transcript", (sample("/my/transcript.pdf", SIGNED_IN),)),
    Rule(
        ("my/notifications/", "my/notifications/read/"),
        "each person's own notifications (the queries filter by the signed-in person: nobody names another's)",
        (sample("/my/notifications/", SIGNED_IN), sample("/my/notifications/read/", NOBODY, SIGNED_IN)),
    ),
    Rule(
        ("my/courses/<id:course_id>/enroll/",),
        "anyone signed in joins a course open to self-enrollment",
        (sample(lambda w: f"/my/courses/{w.open_course.pk}/enroll/", NOBODY, SIGNED_IN),),
    ),
    Rule(
        ("my/courses/<id:course_id>/leave/",),
        "a learner leaves a course they are in",
        (sample(lambda w: f"/my/courses/{w.course.pk}/leave/", NOBODY, LEARNERS),),
    ),
    Rule(
        ("my/activities/<id:page_id>/done/",),
        "a learner of the course marks a lesson done",
        (sample(lambda w: f"/my/activities/{w.done_lesson.pk}/done/", NOBODY, LEARNERS),),
    ),
    Rule(
        ("my/quizzes/<id:page_id>/start/",),
        "a learner of the course starts an attempt",
        (sample(lambda w: f"/my/quizzes/{w.quiz.pk}/start/", NOBODY, LEARNERS),),
    ),
    Rule(
        ("my/attempts/<id:attempt_id>/", "my/attempts/<id:attempt_id>/summary/"),
        "the attempt's own learner",
        (sample(lambda w: f"/my/attempts/{w.open_attempt.pk}/", {LEARNER}, {LEARNER}),
         sample(lambda w: f"/my/attempts/{w.open_attempt.pk}/summary/", {LEARNER})),
    ),
    Rule(
        ("my/attempts/<id:attempt_id>/autosave/", "my/attempts/<id:attempt_id>/submit/"),
        "the attempt's own learner",
        (sample(lambda w: f"/my/attempts/{w.open_attempt.pk}/autosave/", NOBODY, {LEARNER}),
         sample(lambda w: f"/my/attempts/{w.open_attempt.pk}/submit/", NOBODY, {LEARNER})),
    ),
    Rule(
        ("my/attempts/<id:attempt_id>/review/",),
        "the attempt's own learner",
        (sample(lambda w: f"/my/attempts/{w.finished_attempt.pk}/review/", {LEARNER}),),
    ),
    Rule(
        ("h5p/libraries/<path:path>",),
        "the shared H5P libraries' code: the same for every course, nothing personal, for people signed in",
        (sample(lambda w: w.library_file_url, SIGNED_IN),),
    ),
    Rule(
        ("h5p/lessons/<id:lesson_id>/<id:package_id>/<path:path>",),
        "a gated lesson's H5P content: its learners and its staff; a draft's: its staff only",
        (sample(lambda w: f"/h5p/lessons/{w.h5p_lesson.pk}/{w.package.pk}/h5p.json", LEARNERS | COURSE_STAFF),
         # A draft lesson's activity: for the staff who preview it (tests/h5p/test_draft_preview.py).
         sample(lambda w: f"/h5p/lessons/{w.h5p_draft.pk}/{w.package.pk}/h5p.json", COURSE_STAFF)),
    ),
    Rule(
        ("h5p/lessons/<id:lesson_id>/<id:package_id>/xapi/", "h5p/lessons/<id:lesson_id>/<id:package_id>/state/"),
        "an H5P activity's score and saved state: recorded for the course's learners only",
        (sample(lambda w: f"/h5p/lessons/{w.h5p_lesson.pk}/{w.package.pk}/state/", NOBODY, LEARNERS, json=True,
                state='{"answers": []}'),),
    ),
    Rule(
        ("h5p/t/<str:token>/libraries/<path:path>", "h5p/t/<str:token>/lessons/<id:lesson_id>/<id:package_id>/<path:path>"),
        "H5P files on a separate origin (H5P_CONTENT_ORIGIN): the signed token in the URL stands for the learner, "
        "whoever holds it (tests/h5p/test_content_origin.py); a forged token, or no separate origin, opens nothing",
        (sample(lambda w: f"/h5p/t/forged/lessons/{w.h5p_lesson.pk}/{w.package.pk}/h5p.json", NOBODY),
         sample(lambda w: f"/h5p/t/forged/libraries/{w.package.libraries.first().folder_name}/library.json", NOBODY)),
    ),
    # Certificates --------------------------------------------------------------------------------
    Rule(
        ("certificates/verify/", "certificates/verify/bulk/", "certificates/verify/<str:code>.json",
         "certificates/verify/<str:code>/"),
        "verification is public (rate-limited)",
        (sample("/certificates/verify/", EVERYONE), sample("/certificates/verify/bulk/", EVERYONE),
         sample(lambda w: f"/certificates/verify/{w.certificate.code}/", EVERYONE),
         sample(lambda w: f"/certificates/verify/{w.certificate.code}.json", EVERYONE)),
    ),
    Rule(
        ("certificates/<str:code>.pdf",),
        "the signed PDF: its holder, and the staff who may read certificates",
        (sample(lambda w: f"/certificates/{w.certificate.code}.pdf", {LEARNER, MANAGER, HR, SUPERUSER}),),
    ),
    Rule(
        ("admin/certificates/", "admin/certificates/<id:pk>/revoke/", "admin/certificates/<id:pk>/reissue/"),
        "revoking and re-issuing: training managers",
        (sample("/admin/certificates/", MANAGERS),
         sample(lambda w: f"/admin/certificates/{w.certificate.pk}/revoke/", MANAGERS, MANAGERS, reason="Sai tên")),
    ),
    Rule(
        ("admin/certificates/verify-people/",),
        "who of a list of people holds a certificate: report and certificate viewers, for the people of their units",
        (sample("/admin/certificates/verify-people/", PROGRAMME_STAFF, PROGRAMME_STAFF, course=lambda w: w.course.pk,
                people="hoc.vien@example.vn", show="1"),),
    ),
    # A course's approval as one piece (courses.admin_views) -------------------------------------
    Rule(
        ("admin/courses/<id:course_id>/approval/",),
        "a course's staff see its approval page and submit it; only training managers approve or send it back "
        "(tests/courses/test_course_approval.py)",
        (sample(lambda w: f"/admin/courses/{w.course.pk}/approval/", COURSE_STAFF, COURSE_STAFF, action="submit"),
         sample(lambda w: f"/admin/courses/{w.open_course.pk}/approval/", MANAGERS, MANAGERS, action="approve"),
         sample(lambda w: f"/admin/courses/{w.open_course.pk}/approval/", MANAGERS, MANAGERS,
                action="request_changes", comment="Thêm ảnh")),
    ),
    # Quizzes in the admin ------------------------------------------------------------------------
    Rule(
        ("admin/quizzes/<id:page_id>/attempts/", "admin/quizzes/<id:page_id>/attempts.csv",
         "admin/quizzes/<id:page_id>/attempts.xlsx", "admin/quizzes/<id:page_id>/attempts/<id:attempt_id>/",
         "admin/quizzes/<id:page_id>/grading/"),
        "a quiz's results, one learner's submitted attempt, and grading: the course's staff",
        (sample(lambda w: f"/admin/quizzes/{w.quiz.pk}/attempts/", COURSE_STAFF),
         sample(lambda w: f"/admin/quizzes/{w.quiz.pk}/attempts/{w.finished_attempt.pk}/", COURSE_STAFF),
         sample(lambda w: f"/admin/quizzes/{w.quiz.pk}/attempts/{w.open_attempt.pk}/", NOBODY),
         sample(lambda w: f"/admin/quizzes/{w.quiz.pk}/attempts.csv", COURSE_STAFF),
         sample(lambda w: f"/admin/quizzes/{w.quiz.pk}/attempts.xlsx", COURSE_STAFF),
         sample(lambda w: f"/admin/quizzes/{w.quiz.pk}/grading/", COURSE_STAFF, COURSE_STAFF,
                mark="1", response=lambda w: w.essay_response.pk)),
    ),
    Rule(
        ("admin/question-bank/import/", "admin/question-bank/import/<str:token>/", "admin/question-bank/export/"),
        "the shared question bank: trainers and managers",
        (sample("/admin/question-bank/import/", AUTHORS), sample("/admin/question-bank/export/", AUTHORS)),
    ),
    Rule(
        ("admin/question_categories/*", "admin/snippets/quizzes/question/*", "admin/snippets/choose/quizzes/question/*"),
        "the shared question bank: trainers and managers",
        (sample("/admin/question_categories/", AUTHORS), sample("/admin/snippets/quizzes/question/", AUTHORS)),
    ),
    # H5P and certificate templates in the admin ---------------------------------------------------
    Rule(
        ("admin/snippets/h5p/h5ppackage/*", "admin/snippets/choose/h5p/h5ppackage/*"),
        "H5P uploads: trainers and managers (shared libraries: managers, tests/h5p)",
        (sample("/admin/snippets/h5p/h5ppackage/", AUTHORS), sample("/admin/snippets/h5p/h5ppackage/add/", AUTHORS)),
    ),
    Rule(
        ("admin/snippets/certificates/certificatetemplate/*", "admin/snippets/choose/certificates/certificatetemplate/*"),
        "certificate templates: training managers",
        (sample("/admin/snippets/certificates/certificatetemplate/", MANAGERS),),
    ),
    Rule(("admin/snippets/",), "the snippets' index: every snippet here is in a menu group, so Wagtail sends "
         "everyone on to the dashboard", (sample("/admin/snippets/", NOBODY),)),
    # Organisational units --------------------------------------------------------------------------
    Rule(
        ("admin/org_units/*",),
        "the organisational unit tree: training managers",
        (sample("/admin/org_units/", MANAGERS), sample(lambda w: f"/admin/org_units/edit/{w.unit.pk}/", MANAGERS)),
    ),
    # Mandatory courses ------------------------------------------------------------------------------
    Rule(
        ("admin/programmes/", "admin/programmes/add/"),
        "mandatory courses: training managers and HR officers, each for the units they are responsible for",
        (sample("/admin/programmes/", PROGRAMME_STAFF),
         sample("/admin/programmes/add/", PROGRAMME_STAFF, PROGRAMME_STAFF, course=lambda w: w.course.pk,
                units_only=lambda w: w.commune.pk, due_days="30", preview="1")),
    ),
    Rule(
        ("admin/programmes/<id:pk>/edit/", "admin/programmes/<id:pk>/delete/"),
        "an assignment: those responsible for all of its units (the province's manager, not the commune's officer)",
        (sample(lambda w: f"/admin/programmes/{w.assignment.pk}/edit/", MANAGERS),
         sample(lambda w: f"/admin/programmes/{w.assignment.pk}/delete/", MANAGERS, MANAGERS)),
    ),
    # People and units (lms.accounts.admin_views) ------------------------------------------------
    Rule(
        ("admin/people/*",),
        "membership requests and the imports of people and units: training managers and HR officers, "
        "each inside their own units (tests/accounts)",
        (sample("/admin/people/requests/", PROGRAMME_STAFF), sample("/admin/people/import/", PROGRAMME_STAFF),
         sample("/admin/people/import-units/", PROGRAMME_STAFF),
         sample(lambda w: f"/admin/people/import/{w.people_import.pk}/", {MANAGER}),
         sample(lambda w: f"/admin/people/import/{w.people_import.pk}/errors.csv", {MANAGER}),
         sample("/admin/people/sign-in-codes/", PROGRAMME_STAFF)),
    ),
    # Coverage reports (lms.reports) -----------------------------------------------------------------
    Rule(
        ("admin/reports/coverage/", "admin/reports/people/", "admin/reports/subscriptions/"),
        "coverage reports, people lists, their exports and weekly e-mails: training managers and HR officers, "
        "each for their own units; another unit's ?unit= is a 404 (tests/reports)",
        (sample("/admin/reports/coverage/", PROGRAMME_STAFF),
         sample("/admin/reports/coverage/?unit=TT", MANAGERS),
         sample("/admin/reports/coverage/?unit=TT-X&format=xlsx", PROGRAMME_STAFF),
         sample("/admin/reports/coverage/?unit=TT&format=csv", MANAGERS),
         sample("/admin/reports/people/?unit=TT-X", PROGRAMME_STAFF),
         sample("/admin/reports/people/?unit=TT&format=xlsx", MANAGERS),
         sample("/admin/reports/subscriptions/", PROGRAMME_STAFF, PROGRAMME_STAFF, unit="TT-X", action="subscribe"),
         sample("/admin/reports/subscriptions/?unit=TT", PROGRAMME_STAFF, MANAGERS, unit="TT", action="subscribe")),
    ),
    # Wagtail's admin, by family -------------------------------------------------------------------
    Rule(
        ("admin/", "admin/account/*", "admin/dismissibles/", "admin/jsi18n/", "admin/sprite/", "admin/block-preview/*",
         "admin/tag-autocomplete/*", "admin/editing-sessions/*", "admin/^.*/$", "admin/test404/", "admin/failwhale/",
         "admin/api/main/*", "admin/choose-*", "admin/bulk/*", "admin/embeds/*"),
        "the admin's shell: everyone with admin access",
        (sample("/admin/", ADMIN_USERS), sample("/admin/account/", ADMIN_USERS)),
    ),
    Rule(
        ("admin/login/", "admin/logout/", "admin/password_reset/*"),
        "the admin's sign-in: for everyone; people already in the admin are sent on to the dashboard",
        (sample("/admin/login/", EVERYONE - ADMIN_USERS),),
    ),
    Rule(
        ("admin/pages/*",),
        "pages: a course's editor and previews for its staff only; trainers create nothing outside their courses",
        (sample(lambda w: f"/admin/pages/{w.course.pk}/edit/", COURSE_STAFF),
         sample(lambda w: f"/admin/pages/{w.lesson.pk}/edit/", COURSE_STAFF),
         sample(lambda w: f"/admin/pages/{w.lesson.pk}/view_draft/", COURSE_STAFF),
         sample(lambda w: f"/admin/pages/{w.quiz.pk}/history/", COURSE_STAFF),
         sample(lambda w: f"/admin/pages/add/courses/lessonpage/{w.course.pk}/", COURSE_STAFF),
         sample(lambda w: f"/admin/pages/add/courses/coursepage/{w.catalogue.pk}/", MANAGERS),
         sample(lambda w: f"/admin/pages/{w.home.pk}/edit/", ONLY_SUPERUSER)),
    ),
    Rule(
        ("admin/images/*", "admin/documents/*"),
        "the media library: trainers and managers",
        (sample("/admin/images/", AUTHORS), sample("/admin/documents/", AUTHORS)),
    ),
    Rule(
        ("admin/reports/people/<id:pk>/transcript/", "admin/reports/people/<id:pk>/transcript.pdf"),
        "a person's transcript: report viewers whose units hold the person's confirmed unit",
        (sample(lambda w: f"/admin/reports/people/{w.users[LEARNER].pk}/transcript/", PROGRAMME_STAFF),
         sample(lambda w: f"/admin/reports/people/{w.users[LEARNER].pk}/transcript.pdf", PROGRAMME_STAFF),
         sample(lambda w: f"/admin/reports/people/{w.users[OTHER_LEARNER].pk}/transcript/", MANAGERS)),
    ),
    Rule(
        ("admin/reports/*",),
        "Wagtail's reports (locked pages, workflows, site history): what each may see of pages and other objects "
        "(HR officers: the history of what they may see, their own assignments)",
        (sample("/admin/reports/locked/", MANAGERS), sample("/admin/reports/site-history/", ADMIN_USERS)),
    ),
    Rule(
        ("admin/workflows/*",),
        "the approval workflows: superusers build them; tasks are reviewed from the dashboard",
        (sample("/admin/workflows/list/", ONLY_SUPERUSER),),
    ),
    Rule(
        ("admin/users/*", "admin/groups/*", "admin/sites/*", "admin/collections/*", "admin/redirects/*",
         "admin/settings/*", "admin/forms/*"),
        "people, groups and site settings: superusers (HR's screens come with the programme issue)",
        (sample("/admin/users/", ONLY_SUPERUSER), sample("/admin/groups/", ONLY_SUPERUSER),
         sample("/admin/sites/", ONLY_SUPERUSER), sample("/admin/collections/", ONLY_SUPERUSER),
         sample("/admin/redirects/", ONLY_SUPERUSER)),
    ),
]


def url_routes():
    """Every URL pattern of the URLconf, as its whole route (prefixes joined)."""

    def walk(patterns, prefix):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    return sorted(set(walk(get_resolver().url_patterns, "")))


def covers(glob, route):
    return route.startswith(glob[:-1]) if glob.endswith("*") else route == glob


def rule_for(route):
    return next((rule for rule in RULES if any(covers(glob, route) for glob in rule.routes)), None)


def test_every_url_pattern_has_a_rule():
    missing = [route for route in url_routes() if rule_for(route) is None]
    assert not missing, "URL patterns nobody has said who may use: add a rule to RULES:\n" + "\n".join(missing)


def test_every_rule_covers_a_url_pattern():
    routes = url_routes()
    stale = [glob for rule in RULES for glob in rule.routes if not any(covers(glob, route) for route in routes)]
    assert not stale, "\n".join(stale)


class World:
    """One of each thing a URL can point at, and a user of each role."""


@pytest.fixture
def world(home, catalogue, make_course, make_quiz, make_question, make_user, make_trainer, manager, hr_officer,
          media, django_capture_on_commit_callbacks):
    w = World()
    w.home, w.catalogue = home, catalogue
    w.course = make_course(slug="khoa-co-cua", lessons=2)
    w.open_course = make_course(slug="khoa-mo", lessons=1)
    w.lesson, w.done_lesson = lessons_of(w.course)
    w.done_lesson.completion_rule = CompletionRule.MARK_DONE
    w.done_lesson.save_revision().publish()
    w.package = import_package(build_zip(package_files(title="Đúng hay sai")))
    w.h5p_lesson = w.course.add_child(instance=LessonPage(
        title="Bài tập tương tác", slug="bai-tap", is_required=False,
        body=[("h5p", {"package": w.package, "pass_threshold": 70})],
    ))
    w.h5p_lesson.save_revision().publish()
    w.h5p_draft = w.course.add_child(instance=LessonPage(
        title="Bài tập nháp", slug="bai-tap-nhap", is_required=False, live=False,
        body=[("h5p", {"package": w.package, "pass_threshold": 70})],
    ))
    w.h5p_draft.save_revision()
    w.library_file_url = f"/h5p/libraries/{w.package.libraries.first().folder_name}/library.json"
    question = make_question(name="Thủ đô", answers=[("Hà Nội", 1), ("Huế", 0)])
    essay = make_question(Question.Type.ESSAY, name="Tự luận")
    w.quiz = make_quiz([question, essay], slug="kiem-tra", course=w.course, is_required=False)

    w.users = {
        LEARNER: make_user(email="hoc.vien@example.vn"),
        OTHER_LEARNER: make_user(email="hoc.vien.khac@example.vn", full_name="Trần Văn Khác"),
        OWNER: make_trainer(w.course, email="chu.khoa@example.vn"),
        OTHER_TRAINER: make_trainer(make_course(slug="khoa-khac", lessons=1), email="gv.khac@example.vn"),
        MANAGER: manager,
        HR: hr_officer,
        SUPERUSER: make_user(email="admin@example.vn", is_superuser=True, is_staff=True),
    }
    # A draft of the course to submit, and another course awaiting approval.
    for course in (w.course, w.open_course):
        draft = CoursePage.objects.get(pk=course.pk)
        draft.summary = "Tóm tắt mới."
        draft.save_revision()
    course_services.submit_course(CoursePage.objects.get(pk=w.open_course.pk), w.users[SUPERUSER])
    learner = w.users[LEARNER]
    enrollment = enrollment_services.enroll(learner, w.course)
    enrollment_services.enroll(w.users[OTHER_LEARNER], w.course)
    w.finished_attempt = quiz_services.start_attempt(learner, w.quiz)
    w.essay_response = w.finished_attempt.responses.get(question=essay)
    quiz_services.save_answers(w.finished_attempt.pk, learner, {w.essay_response.pk: "Không bấm vào link lạ."})
    quiz_services.submit_attempt(w.finished_attempt.pk, learner)
    w.open_attempt = quiz_services.start_attempt(learner, w.quiz)
    CertificateTemplate.objects.create(name="Mặc định", organisation="HọcSố", is_default=True)
    w.certificate = create_certificate(enrollment, Decimal("100"))
    w.unit = OrgUnit.add_root(name="Tỉnh Thử", code="TT", kind=OrgUnit.Kind.PROVINCE)
    w.commune = w.unit.add_child(name="Xã Thử", code="TT-X", kind=OrgUnit.Kind.COMMUNE)
    manager.responsible_units.add(w.unit)
    hr_officer.responsible_units.add(w.commune)
    # The learner is confirmed in the HR officer's commune, the other learner in the province above it.
    learner.org_unit = w.commune
    learner.save()
    w.users[OTHER_LEARNER].org_unit = w.unit
    w.users[OTHER_LEARNER].save()
    w.assignment = Assignment.objects.create(course=w.course, due_days=30)
    AssignedUnit.objects.create(assignment=w.assignment, unit=w.unit)
    # An import is its uploader's own: nobody else may see it.
    w.people_import = PeopleImport.objects.create(created_by=manager, filename="x.csv", data=b"email\nx@example.vn\n")
    document = Document.objects.create(title="Hướng dẫn", file=ContentFile(b"Huong dan\n", name="huong-dan.txt"))
    w.public_document_url = document.url
    return w


def refused(response):
    if response.status_code in (400, 401, 403, 404, 405, 409, 410, 413, 429):
        return True
    if response.status_code in (301, 302, 303):
        target = response["Location"].split("?")[0]
        return target.startswith(LOGIN_PAGES) or target == "/admin/"
    return False


def attempt(client, method, url, each, world):
    """One request, in a savepoint rolled back afterwards, with fresh rate-limit counters."""
    cache.clear()
    data = {key: value(world) if callable(value) else value for key, value in each.data.items()}
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif each.json:
            response = client.post(url, json.dumps(data), content_type="application/json")
        else:
            response = client.post(url, data)
        transaction.set_rollback(True)
    return response


def test_each_role_reaches_exactly_what_its_rule_says(world):
    clients = {}
    for role in ROLES:
        clients[role] = Client()
        if role != ANONYMOUS:
            clients[role].force_login(world.users[role])

    wrong = []
    for rule in RULES:
        for each in rule.samples:
            url = each.url(world) if callable(each.url) else each.url
            checks = [("GET", each.read)] + ([("POST", each.change)] if each.change is not None else [])
            for method, allowed in checks:
                for role in ROLES:
                    response = attempt(clients[role], method, url, each, world)
                    if response.status_code >= 500:
                        wrong.append(f"{method} {url} as {role}: {response.status_code}")
                    elif refused(response) == (role in allowed):
                        expected = "answered" if role in allowed else "refused"
                        wrong.append(f"{method} {url} as {role}: expected {expected}, got {response.status_code} "
                                     f"{response.get('Location', '')}")
    assert not wrong, "\n".join(wrong)
