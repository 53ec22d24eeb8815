"""
Concurrent answer-saves and submits against a real HTTP server, to show that
no acknowledged answer is lost and no attempt is graded twice.

    .venv/bin/python benchmarks/quiz_attempts.py [--learners 50] [--database-url URL]

By default it works in a throwaway SQLite file; give a PostgreSQL URL (an
empty database it may fill) to measure the production set-up. Each learner
sends two answer-saves and then the same submit twice, all at once: with 50
learners that is 200 concurrent requests. It prints throughput, latency
percentiles, lost answers and attempts graded more than once (both must be 0).
"""

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--learners", type=int, default=50)
    parser.add_argument("--questions", type=int, default=10)
    parser.add_argument("--database-url", default="")
    return parser.parse_args()


def set_up_django(database_url):
    os.environ["DJANGO_SETTINGS_MODULE"] = "lms.settings.test"
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="hocso-bench-media-"))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_quiz(learner_count, question_count):
    """A course with one quiz of single-choice questions, and enrolled learners with an attempt each."""
    from wagtail.models import Page, Site

    from cms.models import HomePage
    from courses.models import CourseIndexPage, CoursePage, QuizPage
    from lms.accounts.models import User
    from lms.enrollment import services as enrollment_services
    from lms.quizzes import services
    from lms.quizzes.models import Answer, Question, QuestionCategory, QuizSlot

    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Bench", slug=f"bench-{time.time_ns()}", headline="Bench"))
    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    catalogue = home.add_child(instance=CourseIndexPage(title="Khoá học", slug="courses"))
    course = catalogue.add_child(instance=CoursePage(title="Đo tải", slug="do-tai", summary="Đo tải"))
    quiz = course.add_child(instance=QuizPage(title="Kiểm tra", slug="kiem-tra", questions_per_page=question_count))
    category = QuestionCategory.add_root(name=f"Đo tải {time.time_ns()}")
    for number in range(question_count):
        question = Question.objects.create(category=category, qtype="single_choice", name=f"C{number}", text="<p>?</p>")
        Answer.objects.create(question=question, text="Đúng", fraction=1, sort_order=0)
        Answer.objects.create(question=question, text="Sai", fraction=0, sort_order=1)
        QuizSlot.objects.create(page=quiz, question=question, sort_order=number)
    attempts = []
    for number in range(learner_count):
        user = User.objects.create_user(email=f"bench{number}-{time.time_ns()}@example.vn", password="x", full_name=f"Học viên {number}")
        enrollment_services.enroll(user, course)
        attempts.append((user, services.start_attempt(user, quiz)))
    return attempts


def session_cookie(user):
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}; {settings.CSRF_COOKIE_NAME}=benchmarkcsrftoken00000000000000"


def start_server():
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler
    from django.core.wsgi import get_wsgi_application

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    class BenchmarkServer(ThreadedWSGIServer):
        # Every learner connects at once: the default backlog of 10 would reset most of them.
        request_queue_size = 512

    server = BenchmarkServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=True)
    server.set_app(get_wsgi_application())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def post(url, fields, cookie):
    body = urllib.parse.urlencode(fields, doseq=True).encode()
    request = urllib.request.Request(url, data=body, method="POST")
    request.add_header("Cookie", cookie)
    request.add_header("X-CSRFToken", "benchmarkcsrftoken00000000000000")
    request.add_header("Referer", url)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return status, time.perf_counter() - started


def main():
    arguments = parse_arguments()
    database_url = arguments.database_url or f"sqlite:///{tempfile.mkdtemp(prefix='hocso-bench-')}/bench.sqlite3"
    set_up_django(database_url)

    from lms.quizzes import services
    from lms.quizzes.models import Attempt, Response

    finish_calls = Counter()
    original_finish = services.finish

    def counting_finish(attempt, responses, now):
        finish_calls[attempt.pk] += 1
        return original_finish(attempt, responses, now)

    services.finish = counting_finish

    attempts = build_quiz(arguments.learners, arguments.questions)
    server, base_url = start_server()
    jobs = []
    for user, attempt in attempts:
        cookie = session_cookie(user)
        responses = list(attempt.responses.order_by("position").prefetch_related("question__answers"))
        for response in responses[:2]:
            right = next(answer.pk for answer in response.question.answers.all() if answer.fraction == 1)
            fields = {"shown": response.pk, f"answer-{response.pk}": right}
            jobs.append(("save", attempt.pk, response.pk, right, f"{base_url}/my/attempts/{attempt.pk}/autosave/", fields, cookie))
        for _twice in range(2):
            jobs.append(("submit", attempt.pk, None, None, f"{base_url}/my/attempts/{attempt.pk}/submit/", {}, cookie))

    barrier = threading.Barrier(len(jobs))

    def run(job):
        kind, attempt_id, response_id, answer_id, url, fields, cookie = job
        barrier.wait()
        status, seconds = post(url, fields, cookie)
        return kind, attempt_id, response_id, answer_id, status, seconds

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
        outcomes = list(pool.map(run, jobs))
    elapsed = time.perf_counter() - started
    server.shutdown()

    latencies = sorted(seconds for *_rest, seconds in outcomes)
    statuses = Counter(f"{kind} {status}" for kind, _a, _r, _ans, status, _s in outcomes)
    acknowledged = [(response_id, answer_id) for kind, _a, response_id, answer_id, status, _s in outcomes if kind == "save" and status == 200]
    stored = dict(Response.objects.filter(pk__in=[r for r, _a in acknowledged]).values_list("pk", "answer"))
    lost = sum(1 for response_id, answer_id in acknowledged if stored.get(response_id) != [answer_id])
    graded_twice = sum(1 for calls in finish_calls.values() if calls > 1)
    ungraded = Attempt.objects.filter(pk__in=[attempt.pk for _u, attempt in attempts], state=Attempt.State.IN_PROGRESS).count()

    print(f"requests           {len(outcomes)} concurrent ({arguments.learners} learners × 2 saves + 2 submits)")
    print(f"database           {database_url.split('://')[0]}")
    print(f"wall time          {elapsed:.2f} s")
    print(f"throughput         {len(outcomes) / elapsed:.1f} requests/s")
    print(f"latency p50        {statistics.median(latencies) * 1000:.0f} ms")
    print(f"latency p95        {latencies[int(0.95 * (len(latencies) - 1))] * 1000:.0f} ms")
    print(f"latency max        {latencies[-1] * 1000:.0f} ms")
    print("statuses           " + ", ".join(f"{key}: {count}" for key, count in sorted(statuses.items())))
    print(f"saves acknowledged {len(acknowledged)} (a save that lost the race with its submit is refused with 409, not lost)")
    print(f"lost answers       {lost}")
    print(f"graded twice       {graded_twice}")
    print(f"left ungraded      {ungraded}")
    return 1 if lost or graded_twice or ungraded else 0


if __name__ == "__main__":
    sys.exit(main())
