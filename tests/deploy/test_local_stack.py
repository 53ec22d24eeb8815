"""
The production stack as deployed, on loopback (deploy/local_stack.py):
PostgreSQL, Redis, two gunicorn app servers and one task worker behind nginx
with TLS, all from Debian's packages and the files in deploy/. A learner goes
through nginx from signing in to a signed certificate, which the worker
issues, not the request; the session and the rate limits hold across both
app servers. The stack takes about a minute to start, so one stack serves
every test here; they are skipped (saying which package is missing) where
nginx, Redis or PostgreSQL are not installed.
"""

import re
import sys
import time
import uuid
from pathlib import Path

import pytest
import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "deploy"))

from local_stack import LocalStack, missing_programs  # noqa: E402

pytestmark = [
    pytest.mark.stack,
    pytest.mark.skipif(bool(missing_programs()), reason=f"the stack needs {', '.join(missing_programs())}"),
]

LEARNER = "learner@hocso.local"
PASSWORD = "hocso-demo-2026"

# A two-lesson course, each lesson completed on opening, with a certificate: made in the stack's database.
MAKE_COURSE = """
from courses.models import CourseIndexPage, CoursePage, LessonPage
catalogue = CourseIndexPage.objects.live().first()
course = catalogue.add_child(instance=CoursePage(
    title="Kiểm tra triển khai", slug="kiem-tra-trien-khai", summary="Khoá học của phép thử triển khai."))
course.save_revision().publish()
for number in (1, 2):
    lesson = course.add_child(instance=LessonPage(
        title=f"Bài {number}", slug=f"bai-{number}",
        body=[("paragraph", f"<p>Nội dung bài {number}.</p>")]))
    lesson.save_revision().publish()
print(course.url_path)
"""

CERTIFICATE_OF_LEARNER = """
from django_tasks_db.models import DBTaskResult
from certificates.models import Certificate
certificate = Certificate.objects.filter(
    enrollment__user__email="learner@hocso.local", enrollment__course__slug="kiem-tra-trien-khai").first()
task = DBTaskResult.objects.filter(task_path="certificates.tasks.issue_certificate").order_by("-enqueued_at").first()
print(certificate.code if certificate else "-", task.status if task else "-", ",".join(task.worker_ids or ["-"]) if task else "-")
"""


@pytest.fixture(scope="module")
def stack():
    with LocalStack(app_servers=2, workers=2, threads=2, demo=True) as running:
        running.manage("shell", "-c", MAKE_COURSE)
        yield running


def browser(stack):
    """A client that trusts the stack's own certificate, whatever REQUESTS_CA_BUNDLE says."""
    session = requests.Session()
    session.trust_env = False
    session.verify = str(stack.folder / "tls.crt")
    return session


def csrf_token(html):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def sign_in(session, base):
    page = session.get(f"{base}/accounts/login/")
    answer = session.post(
        f"{base}/accounts/login/", data={"csrfmiddlewaretoken": csrf_token(page.text), "login": LEARNER,
                                         "password": PASSWORD},
        headers={"Referer": f"{base}/accounts/login/"},
    )
    assert answer.status_code == 200 and answer.url == f"{base}/my/", answer.url
    return answer


def direct(stack, index, path, cookies=None, client="127.0.0.1"):
    """A request straight to one app server, as nginx sends it."""
    return requests.get(
        f"{stack.app_urls[index]}{path}", cookies=cookies, allow_redirects=False,
        headers={"X-Forwarded-Proto": "https", "X-Forwarded-For": client},
    )


def test_a_learner_earns_a_certificate_through_nginx_and_the_worker_issues_it(stack):
    session = browser(stack)
    home = session.get(f"{stack.url}/")
    assert home.status_code == 200 and "HọcSố" in home.text
    my = sign_in(session, stack.url)
    assert 'action="/accounts/logout/"' in my.text

    course = session.get(f"{stack.url}/courses/kiem-tra-trien-khai/")
    assert course.status_code == 200
    enroll_action = re.search(r'action="(/my/courses/\d+/enroll/)"', course.text).group(1)
    enrolled = session.post(f"{stack.url}{enroll_action}", data={"csrfmiddlewaretoken": csrf_token(course.text)},
                            headers={"Referer": course.url})
    assert enrolled.status_code == 200
    started = time.monotonic()
    for number in (1, 2):
        lesson = session.get(f"{stack.url}/courses/kiem-tra-trien-khai/bai-{number}/")
        assert lesson.status_code == 200 and f"Nội dung bài {number}." in lesson.text
    answered_in = time.monotonic() - started

    for _ in range(60):
        code, status, workers = stack.manage("shell", "-c", CERTIFICATE_OF_LEARNER).splitlines()[-1].split()
        if code != "-":
            break
        time.sleep(0.5)
    assert code != "-", f"no certificate after 30 s; worker log:\n{stack.log('worker')[-2000:]}"
    # The worker recorded the task as its own: the request that completed the course only queued it.
    assert status == "SUCCESSFUL" and workers != "-"
    assert answered_in < 5

    pdf = session.get(f"{stack.url}/certificates/{code}.pdf")
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    verified = browser(stack).get(f"{stack.url}/certificates/verify/{code}/")
    assert verified.status_code == 200 and "Kiểm tra triển khai" in verified.text


def test_a_session_holds_on_either_app_server(stack):
    session = browser(stack)
    sign_in(session, stack.url)
    cookies = {"sessionid": session.cookies["sessionid"]}
    for index in (0, 1):
        page = direct(stack, index, "/my/", cookies)
        assert page.status_code == 200, f"app{index + 1} answered {page.status_code}"
        assert 'action="/accounts/logout/"' in page.text
    assert direct(stack, 1, "/my/").status_code == 302


def test_the_rate_limit_is_shared_by_both_app_servers(stack):
    # 30 misses (unknown or mistyped codes) a minute per address (certificates.views.MISS_RATE):
    # four processes each counting their own would answer every one of these 40 as a miss.
    # A window may start during a burst: try twice.
    for attempt in range(2):
        client = f"203.0.113.{10 + attempt}"
        statuses = [direct(stack, number % 2, f"/certificates/verify/{uuid.uuid4().hex[:12].upper()}/",
                           client=client).status_code for number in range(40)]
        misses = sum(status in (400, 404) for status in statuses)
        if misses == 30:
            break
    assert misses == 30 and statuses.count(429) == 10, statuses
    assert 429 in statuses[0::2] and 429 in statuses[1::2]


def test_nginx_serves_hashed_static_files_for_a_year_and_no_private_media(stack):
    session = browser(stack)
    home = session.get(f"{stack.url}/")
    stylesheet = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text).group(1)
    css = session.get(f"{stack.url}{stylesheet}")
    assert css.status_code == 200
    assert "immutable" in css.headers["Cache-Control"] and "max-age=315360000" in css.headers["Cache-Control"]
    assert session.get(f"{stack.url}/media/documents/anything.pdf").status_code == 404
    assert session.get(f"{stack.url}/media/h5p/libraries/x/library.json").status_code == 404
