"""
Whatever arrives at a public form or JSON endpoint, the answer is never a 5xx:
generated input (Hypothesis) posted to sign-up, the profile, the quiz's
autosave, H5P's xAPI and state, verification by code, bulk verification and
the PDF upload. Run on SQLite by default and on PostgreSQL with DATABASE_URL
(see README, "Tests"): NUL characters and very large integers behave differently there.
"""

import json
from urllib.parse import quote

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from courses.h5p.services import import_package
from courses.models import LessonPage
from lms.enrollment import services as enrollment_services
from lms.quizzes import services as quiz_services
from lms.quizzes.models import Question
from tests.h5p.conftest import build_zip, media, package_files  # noqa: F401 (media: a fixture)

# Enough examples to find the classic failures (NUL, surrogates, huge numbers,
# lone CRs, odd digits) while the whole file stays within seconds.
EXAMPLES = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
)

# Text as browsers and scripts send it: any code point, NUL, controls and
# bidirectional overrides included; not lone surrogates, which UTF-8 cannot carry.
any_text = st.text(st.characters(min_codepoint=0, max_codepoint=0x10FFFF, blacklist_categories=("Cs",)), max_size=300)
digits_and_more = st.one_of(
    any_text,
    st.integers().map(str),
    st.sampled_from(["²", "٣", "١٢", "9" * 40, "-1", "0x10", "1e309", "NaN", "", " ", "\x00", "1,5", "1.800.000"]),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | any_text,
    lambda children: st.lists(children, max_size=5) | st.dictionaries(any_text, children, max_size=5),
    max_leaves=20,
)


def assert_not_a_server_error(response):
    assert response.status_code < 500, response.content[:500]


@pytest.fixture(autouse=True)
def no_rate_limits_between_examples():
    """The limits are tested elsewhere; here every example must reach the view."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_attempt(enrolled, quiz, make_question):
    numerical = make_question(Question.Type.NUMERICAL, name="Số", answers=[("1800", 1)])
    quiz.slots.create(question=numerical, sort_order=5)
    return quiz_services.start_attempt(enrolled, quiz)


@pytest.fixture
def h5p_place(learner, course, media):  # noqa: F811
    package = import_package(build_zip(package_files(title="Đúng hay sai")))
    lesson = course.add_child(instance=LessonPage(
        title="Bài tập", slug="bai-tap", body=[("h5p", {"package": package, "pass_threshold": 70})],
    ))
    lesson.save_revision().publish()
    enrollment_services.enroll(learner, course)
    return f"/h5p/lessons/{lesson.pk}/{package.pk}"


@EXAMPLES
@given(email=any_text, password=any_text, full_name=any_text, position=any_text, org_unit=digits_and_more)
def test_sign_up(client, db, email, password, full_name, position, org_unit):
    response = client.post("/accounts/signup/", {
        "email": email, "password1": password, "password2": password, "full_name": full_name,
        "position": position, "requested_org_unit": org_unit,
    })
    assert_not_a_server_error(response)


@EXAMPLES
@given(full_name=any_text, phone=any_text, position=any_text, org_unit=digits_and_more, learner_type=any_text)
def test_profile(learner_client, full_name, phone, position, org_unit, learner_type):
    response = learner_client.post("/accounts/profile/", {
        "full_name": full_name, "phone": phone, "position": position, "requested_org_unit": org_unit,
        "learner_type": learner_type,
    })
    assert_not_a_server_error(response)


@EXAMPLES
@given(shown=st.lists(digits_and_more, max_size=4), answers=st.dictionaries(any_text, any_text, max_size=4),
       typed=digits_and_more)
def test_autosave_and_page_navigation(client, open_attempt, shown, answers, typed):
    client.force_login(open_attempt.user)
    response_ids = [str(pk) for pk in open_attempt.responses.values_list("pk", flat=True)]
    form = {"shown": shown + response_ids, **{f"answer-{pk}": typed for pk in response_ids}}
    for key, value in answers.items():
        form.setdefault(key.replace("\x00", ""), value)
    assert_not_a_server_error(client.post(f"/my/attempts/{open_attempt.pk}/autosave/", form))
    assert_not_a_server_error(client.post(f"/my/attempts/{open_attempt.pk}/", {**form, "goto": typed}))
    assert_not_a_server_error(client.get(f"/my/attempts/{open_attempt.pk}/", {"page": typed}))


@EXAMPLES
@given(body=st.one_of(json_values.map(json.dumps), st.binary(max_size=500).map(lambda b: b.decode("latin-1"))))
def test_h5p_statement_and_state(learner_client, h5p_place, body):
    for endpoint in ("xapi", "state"):
        response = learner_client.post(f"{h5p_place}/{endpoint}/", body, content_type="application/json")
        assert_not_a_server_error(response)


@EXAMPLES
@given(code=any_text.filter(lambda text: text.strip()))
def test_verification_by_code(client, db, code):
    for suffix in ("/", ".json"):
        assert_not_a_server_error(client.get(f"/certificates/verify/{quote(code, safe='')}{suffix}"))
    assert_not_a_server_error(client.post("/certificates/verify/", {"code": code}))


@EXAMPLES
@given(content=st.one_of(st.binary(max_size=2000), any_text.map(lambda text: text.encode("utf-8", "surrogatepass")),
                         st.lists(any_text, max_size=20).map(lambda rows: "\r".join(rows).encode("utf-8", "replace"))))
def test_bulk_verification(client, db, content):
    upload = SimpleUploadedFile("ma.csv", content, content_type="text/csv")
    assert_not_a_server_error(client.post("/certificates/verify/bulk/", {"file": upload}))


@EXAMPLES
@given(content=st.one_of(st.binary(max_size=3000), st.binary(max_size=2000).map(lambda b: b"%PDF-1.7\n" + b)))
def test_pdf_upload(client, db, content):
    upload = SimpleUploadedFile("chung-chi.pdf", content, content_type="application/pdf")
    assert_not_a_server_error(client.post("/certificates/verify/", {"pdf": upload}))
