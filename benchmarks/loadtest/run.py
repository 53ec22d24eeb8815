"""
HọcSố under an exam-day load, on this machine: `make loadtest`, or

    .venv/bin/python benchmarks/loadtest/run.py [--quick] [--steps 20,40,60] [--app-servers 1 --workers 4 --threads 4]

It starts the production stack on loopback (deploy/local_stack.py: PostgreSQL,
Redis, gunicorn, the task worker, nginx with TLS), builds the data
(build_data.py: 2,000 enrolled learners with server-side sessions, a
16-question quiz with one question per page, most of them already somewhere
in it), and then, through nginx:

1. steps an open-model load of Moodle's quiz profile (each taker: start,
   page, autosave, next page, ... page 16, autosave, summary, submit,
   review) and prints one row per step: offered and achieved rate,
   p50 / p95 / p99, errors, and the CPU each part of the stack used;
2. the capacity (the highest achieved rate of the steps held with
   p95 < 300 ms and no errors, up to the first that was not) and what it
   means as concurrent quiz takers (capacity / 2 × 60: in Moodle's
   profile a taker sends a page view and an answer save per 30 to 90 s
   of thinking, two requests a minute);
3. the throughput of /healthz, the home page, an enrolled learner's lesson
   page (a first visit, which completes the lesson, and a lesson read
   again) and certificate verification by code, each at a fixed concurrency;
4. the start of an exam: 500 learners start the same quiz within 10 s;
5. from the database: answers lost (an autosave answered 2xx whose value is
   not what the database holds) and attempts graded twice (both must be 0).

The load is open: requests arrive at the offered rate, evenly spaced,
whatever the server's answers. Each arrival is the next step of the journey
of the longest-idle taker, so a taker never has two requests in flight and
thinks (learners / rate seconds, 20 s at 100 req/s with 2,000 learners)
between two. A closed model (a fixed number of users each waiting for its
answer, as locust's runner does even with constant_pacing once responses are
slower than the pacing) would slow down the arrivals just when the server
slows down, and hide the overload this measures. locust serves as the
library: its gevent HTTP client (FastHttpSession) and its statistics.

A taker moves to the next page with the page's address (`?page=N`), as the
autosave has already stored the answer; one submit in ten is sent twice at
once, as a double click does, to give a second grading every chance to happen.
"""

# locust patches the standard library for gevent when imported: before anything else.
import locust  # noqa: F401  isort: skip

import argparse
import collections
import itertools
import json
import os
import random
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import gevent
import psutil
from gevent.pool import Group
from locust.contrib.fasthttp import FastHttpSession
from locust.env import Environment
from locust.stats import RequestStats

PROJECT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT))

from deploy.local_stack import LocalStack, StackError  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from journey import ATTEMPT, answer_fields, choose_answer, question_on  # noqa: E402

HERE = Path(__file__).resolve().parent
CSRF_TOKEN = "loadtestcsrftoken000000000000000"
P95_LIMIT_MS = 300
TWICE_EVERY = 10
# Learners who read the lesson again, in the throughput of a lesson opened before.
RETURNING_LEARNERS = 200


def parse_arguments(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a short sanity run: 300 learners, steps 10,20 of 20 s, 5 s throughput, 100 exam starts")
    parser.add_argument("--steps", help="offered rates in requests/s, comma-separated (default 10,20,40,60,67,80,100)")
    parser.add_argument("--step-seconds", type=float, help="length of each step (default 60)")
    parser.add_argument("--learners", type=int, help="enrolled learners with a session (default 2000)")
    parser.add_argument("--app-servers", type=int, default=1)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers per app server")
    parser.add_argument("--threads", type=int, default=2, help="threads per gunicorn worker")
    parser.add_argument("--concurrency", type=int, default=16, help="clients of the throughput measurements")
    parser.add_argument("--throughput-seconds", type=float, help="length of each throughput measurement (default 15)")
    parser.add_argument("--exam-learners", type=int, help="learners starting the exam at once (default 500)")
    parser.add_argument("--exam-seconds", type=float, default=10, help="within how many seconds they start")
    parser.add_argument("--stop-above-ms", type=float, default=3000,
                        help="skip the higher steps once a step's p95 is above this (the server is saturated)")
    parser.add_argument("--timeout", type=float, default=30, help="seconds before a request counts as failed")
    parser.add_argument("--keep", action="store_true", help="keep the stack's folder (logs, database) afterwards")
    arguments = parser.parse_args(argv)
    quick = arguments.quick
    defaults = {
        "steps": "10,20" if quick else "10,20,40,60,67,80,100",
        "step_seconds": 20 if quick else 60,
        "learners": 300 if quick else 2000,
        "throughput_seconds": 5 if quick else 15,
        "exam_learners": 100 if quick else 500,
    }
    for name, value in defaults.items():
        if getattr(arguments, name) is None:
            setattr(arguments, name, value)
    arguments.steps = [float(rate) for rate in arguments.steps.split(",") if rate.strip()]
    arguments.exam_learners = min(arguments.exam_learners, arguments.learners)
    return arguments


# --- measuring --------------------------------------------------------------------------------


class Recorder:
    """Every answered request, in the statistics of the phase that sent it (locust's RequestStats)."""

    def __init__(self, environment):
        self.phases = {}
        self.everything = RequestStats()
        self.completions = []
        self.errors = collections.defaultdict(collections.Counter)
        environment.events.request.add_listener(self.on_request)

    def phase(self, name):
        self.phases[name] = RequestStats()
        return name

    def on_request(self, request_type, name, response_time, response_length, exception=None, context=None,
                   response=None, **_ignored):
        self.completions.append(time.perf_counter())
        phase = (context or {}).get("phase")
        for stats in (self.phases.get(phase), self.everything if (context or {}).get("quiz") else None):
            if stats is None:
                continue
            stats.log_request(request_type, name, response_time, response_length)
            if exception is not None:
                stats.log_error(request_type, name, exception)
        if exception is not None:
            status = getattr(response, "status_code", 0) or 0
            self.errors[phase][f"{request_type} {name} → {status or str(exception)[:100]}"] += 1

    def completed_between(self, start, end):
        return sum(1 for moment in self.completions if start <= moment <= end)


def percentiles(entry):
    if not entry.num_requests:
        return 0, 0, 0
    return tuple(entry.get_response_time_percentile(share) for share in (0.5, 0.95, 0.99))


class CpuMeter:
    """CPU time of each part of the stack and of the load generator, exited children included."""

    def __init__(self, stack):
        self.roots = {"generator": [psutil.Process()]}
        self.roots["app"] = [psutil.Process(stack.process(name).pid) for name in stack.processes if name.startswith("app")]
        for name in ("worker", "nginx", "redis"):
            if name in stack.processes:
                self.roots[name] = [psutil.Process(stack.process(name).pid)]
        # The postmaster (pg_ctl started it, so it is no child of the stack's): its backends are its children.
        pg_data = str(stack.folder / "pg")
        self.roots["postgres"] = [
            process for process in psutil.process_iter(["cmdline"])
            if pg_data in (process.info["cmdline"] or []) and "-D" in (process.info["cmdline"] or [])
        ]

    @staticmethod
    def seconds(process, own_only=False):
        try:
            times = process.cpu_times()
            total = times.user + times.system
            if own_only:
                return total
            total += times.children_user + times.children_system
            for child in process.children(recursive=True):
                try:
                    child_times = child.cpu_times()
                    total += child_times.user + child_times.system
                except psutil.NoSuchProcess:
                    pass
            return total
        except psutil.NoSuchProcess:
            return 0.0

    def sample(self):
        machine = psutil.cpu_times()
        parts = {
            name: sum(self.seconds(process, own_only=name == "generator") for process in processes)
            for name, processes in self.roots.items()
        }
        parts["busy"] = sum(machine) - machine.idle - machine.iowait
        parts["iowait"] = machine.iowait
        return time.perf_counter(), parts

    @staticmethod
    def shares(before, after):
        """
        Percent of one core per part between two samples; `other` is what the
        rest of the machine used meanwhile (anything else running on these cores).
        """
        elapsed = after[0] - before[0]
        shares = {name: 100 * (after[1][name] - before[1][name]) / elapsed for name in after[1]}
        shares["other"] = max(shares.pop("busy") - sum(v for k, v in shares.items() if k != "iowait"), 0)
        return shares


# --- the quiz takers --------------------------------------------------------------------------

@dataclass
class Taker:
    """One learner's place in the journey: 0 start, 2n-1 page n, 2n its autosave, then summary, submit, review."""

    number: int
    session: str
    place: int
    attempt: int | None
    question: tuple | None = None
    words: int = 0


@dataclass
class Outcomes:
    """What the database must show at the end."""

    saved: dict = field(default_factory=dict)  # response id -> the answer acknowledged last
    submitted: set = field(default_factory=set)  # attempts whose submit was answered with the review
    exam_started: dict = field(default_factory=dict)  # learner number -> attempt id of the exam's start


class Quiz:
    """The requests of quiz takers, sent with one shared HTTP client (its connections are nginx's clients)."""

    def __init__(self, session, data, outcomes, questions):
        self.session = session
        self.data = data
        self.outcomes = outcomes
        self.questions = questions
        self.journey = 1 + 2 * questions + 3
        self.rng = random.Random(7)

    def headers(self, taker, path, post=False):
        headers = {"Cookie": f"{self.data['session_cookie']}={taker.session}; {self.data['csrf_cookie']}={CSRF_TOKEN}"}
        if post:
            headers.update({
                "X-CSRFToken": CSRF_TOKEN, "Origin": self.session.base_url, "Referer": self.session.base_url + path,
                "Content-Type": "application/x-www-form-urlencoded",
            })
        return headers

    def get(self, taker, path, name, context):
        return self.session.get(path, name=name, headers=self.headers(taker, path), allow_redirects=False,
                                catch_response=True, context=context)

    def post(self, taker, path, name, fields, context):
        return self.session.post(path, name=name, data=urllib.parse.urlencode(fields, doseq=True),
                                 headers=self.headers(taker, path, post=True), allow_redirects=False,
                                 catch_response=True, context=context)

    def step(self, taker, phase):
        """Send the taker's next request; move them on when it was answered as it should be."""
        context = {"phase": phase, "quiz": True}
        place = taker.place
        if place == 0:
            self.start(taker, self.data["exam"], context)
        elif place <= 2 * self.questions and place % 2 == 1:
            self.view(taker, (place + 1) // 2, context)
        elif place <= 2 * self.questions:
            self.autosave(taker, context)
        elif place == self.journey - 3:
            self.page(taker, f"/my/attempts/{taker.attempt}/summary/", "summary", context)
        elif place == self.journey - 2:
            self.submit(taker, context)
        else:
            if self.page(taker, f"/my/attempts/{taker.attempt}/review/", "review", context):
                taker.place, taker.attempt = 0, None

    def start(self, taker, quiz, context, name="start"):
        path = f"/my/quizzes/{quiz}/start/"
        with self.post(taker, path, name, {}, context) as response:
            found = ATTEMPT.search(response.headers.get("Location") or "") if response.status_code == 302 else None
            if found is None:
                response.failure(f"expected a redirect to the attempt, got {response.status_code}")
                return None
            if quiz == self.data["exam"]:
                taker.attempt, taker.place = int(found.group(1)), 1
            return int(found.group(1))

    def view(self, taker, page, context, name="page"):
        path = f"/my/attempts/{taker.attempt}/?page={page}"
        with self.get(taker, path, name, context) as response:
            if response.status_code != 200:
                response.failure(f"expected the page, got {response.status_code}")
                return False
            taker.question = question_on(response.text)
            if taker.question is None:
                response.failure("the page shows no question to answer")
                return False
            taker.place += 1
            return True

    def autosave(self, taker, context):
        taker.words += 1
        answer = choose_answer(taker.question, self.rng, f"cổng dịch vụ công {taker.number} {taker.words}")
        fields = answer_fields(taker.question, answer)
        path = f"/my/attempts/{taker.attempt}/autosave/"
        with self.post(taker, path, "autosave", fields, context) as response:
            try:
                body = response.json() if response.status_code == 200 else {}
            except ValueError:
                body = {}
            if response.status_code != 200 or not body.get("ok"):
                response.failure(f"the answer was not saved ({response.status_code})")
                return
            self.outcomes.saved[taker.question[0]] = answer
            taker.place += 1

    def page(self, taker, path, name, context):
        with self.get(taker, path, name, context) as response:
            if response.status_code != 200:
                response.failure(f"expected the {name}, got {response.status_code}")
                return False
            taker.place += 1
            return True

    def submit(self, taker, context):
        path = f"/my/attempts/{taker.attempt}/submit/"
        twin = None
        if self.rng.randrange(TWICE_EVERY) == 0:
            twin = gevent.spawn(self.post_submit, taker, path, "submit (double click)", context)
        if self.post_submit(taker, path, "submit", context):
            self.outcomes.submitted.add(taker.attempt)
            taker.place += 1
        if twin is not None:
            twin.join()

    def post_submit(self, taker, path, name, context):
        with self.post(taker, path, name, {}, context) as response:
            review = f"/my/attempts/{taker.attempt}/review/"
            if response.status_code != 302 or not (response.headers.get("Location") or "").endswith(review):
                response.failure(f"expected a redirect to the review, got {response.status_code}")
                return False
            return True


# --- the phases -------------------------------------------------------------------------------


def open_load(quiz, idle, rate, seconds, phase, recorder, drain, in_flight):
    """
    Arrivals every 1/rate s for `seconds`, each the next request of the
    longest-idle taker; then up to `drain` s for their answers. Requests still
    unanswered stay in `in_flight` (and in this phase's statistics when answered).
    """
    group = Group()
    no_taker = 0
    count = max(int(round(rate * seconds)), 1)

    def run(taker):
        try:
            quiz.step(taker, phase)
        finally:
            idle.append(taker)

    started = time.perf_counter()
    for index in range(count):
        delay = started + index / rate - time.perf_counter()
        if delay > 0:
            gevent.sleep(delay)
        if not idle:
            no_taker += 1
            continue
        in_flight.add(group.spawn(run, idle.popleft()))
    sent_until = time.perf_counter()
    window_end = started + seconds
    remaining = window_end - time.perf_counter()
    if remaining > 0:
        gevent.sleep(remaining)
    window_end = max(window_end, sent_until)
    group.join(timeout=drain)
    return {
        "started": started, "ended": window_end, "sent": count - no_taker, "no_taker": no_taker,
        "sent_rate": (count - no_taker) / max(sent_until - started, 1e-9) if count > 1 else rate,
        "achieved": recorder.completed_between(started, window_end) / (window_end - started),
        "in_flight_after_drain": len(group),
    }


def closed_load(session, concurrency, seconds, phase, request):
    """`concurrency` clients, each sending its next request as soon as the last is answered."""
    deadline = time.perf_counter() + seconds
    counter = [0]

    def client(number):
        while time.perf_counter() < deadline:
            request(number, counter[0], {"phase": phase})
            counter[0] += 1

    started = time.perf_counter()
    group = Group()
    for number in range(concurrency):
        group.spawn(client, number)
    group.join()
    return time.perf_counter() - started


def throughput(session, data, takers, recorder, arguments, out):
    """/healthz, the home page, a learner's lesson page and verification by code, each at a fixed concurrency."""
    code = data["certificate_code"]

    def plain(path, name, expected=200, headers_of=None):
        def request(number, count, context):
            headers = headers_of(number, count) if headers_of else {}
            with session.get(path, name=name, headers=headers, allow_redirects=False, catch_response=True,
                             context=context) as response:
                if response.status_code != expected:
                    response.failure(f"got {response.status_code}")
        return request

    def cookie_of(taker):
        return {"Cookie": f"{data['session_cookie']}={taker.session}"}

    def learner_cookie(number, count):
        return cookie_of(takers[(count * 7919 + number) % len(takers)])

    # Learners back on the lesson they read a moment ago (each opened it once, unmeasured, just before).
    returning = takers[-RETURNING_LEARNERS:]

    def returning_cookie(number, count):
        return cookie_of(returning[(count * 7919 + number) % len(returning)])

    def open_once_each(phase):
        for taker in returning:
            session.get(data["lesson_url"], name="lesson opened once", headers=cookie_of(taker),
                        allow_redirects=False, context={"phase": phase})

    def somewhere(number, count):
        # Officials verifying from many offices: each request from its own address (nginx is trusted, as in production).
        return {"X-Forwarded-For": f"10.{count // 65025 % 255}.{count // 255 % 255}.{count % 255 + 1}"}

    measurements = [
        ("/healthz", plain("/healthz", "healthz")),
        ("home page", plain("/", "home")),
        ("lesson page, first visit", plain(data["lesson_url"], "lesson", headers_of=learner_cookie)),
        ("lesson page, read again", plain(data["lesson_url"], "lesson again", headers_of=returning_cookie)),
        ("verification by code", plain(f"/certificates/verify/{code}/", "verify", headers_of=somewhere)),
    ]
    rows = {}
    out(f"\nThroughput at {arguments.concurrency} concurrent clients, {arguments.throughput_seconds:g} s each")
    out(f"{'page':34} {'req/s':>8} {'p50 ms':>7} {'p95 ms':>7} {'errors':>7}")
    for label, request in measurements:
        phase = recorder.phase(label)
        if label == "lesson page, read again":
            open_once_each(recorder.phase("warm-up"))
        elapsed = closed_load(session, arguments.concurrency, arguments.throughput_seconds, phase, request)
        total = recorder.phases[phase].total
        p50, p95, _p99 = percentiles(total)
        rows[label] = total.num_requests / elapsed
        out(f"{label:34} {rows[label]:8.1f} {p50:7.0f} {p95:7.0f} {total.num_failures:7d}")
        for error, count in recorder.errors[phase].most_common(3):
            out(f"{'':34}   {count} × {error}")
    for lesson in ("lesson page, first visit", "lesson page, read again"):
        ratio = rows[lesson] / rows["home page"] if rows["home page"] else 0
        out(f"{lesson} / home page: {ratio:.2f}×")
    return rows


def exam_start(quiz, takers, recorder, arguments, out):
    """`exam_learners` learners start the second quiz within `exam_seconds`, each then opening its first page."""
    phase = recorder.phase("exam start")
    learners = takers[: arguments.exam_learners]
    group = Group()

    def begin(taker):
        context = {"phase": phase}
        attempt = quiz.start(taker, quiz.data["exam_start"], context, name="start the exam")
        if attempt is None:
            return
        quiz.outcomes.exam_started[taker.number] = attempt
        visitor = Taker(taker.number, taker.session, 1, attempt)
        quiz.view(visitor, 1, context, name="its first page")

    started = time.perf_counter()
    for index, taker in enumerate(learners):
        delay = started + index * arguments.exam_seconds / len(learners) - time.perf_counter()
        if delay > 0:
            gevent.sleep(delay)
        group.spawn(begin, taker)
    group.join(timeout=arguments.timeout * 2 + 10)
    elapsed = time.perf_counter() - started
    stats = recorder.phases[phase]
    out(f"\nStart of the exam: {len(learners)} learners start the same quiz within {arguments.exam_seconds:g} s "
        f"(all answered after {elapsed:.1f} s)")
    out(f"{'request':22} {'count':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
    for name in ("start the exam", "its first page"):
        entry = stats.get(name, "POST" if name.startswith("start") else "GET")
        p50, p95, p99 = percentiles(entry)
        out(f"{name:22} {entry.num_requests:6d} {p50:7.0f} {p95:7.0f} {p99:7.0f} {entry.num_failures:7d}")
    p50, p95, p99 = percentiles(stats.total)
    out(f"{'both':22} {stats.total.num_requests:6d} {p50:7.0f} {p95:7.0f} {p99:7.0f} {stats.total.num_failures:7d}")
    for error, count in recorder.errors[phase].most_common(3):
        out(f"{'':22}   {count} × {error}")
    return p95, stats.total.num_failures


def quiz_steps(quiz, idle, recorder, meter, arguments, out, in_flight):
    rows = []
    out(f"\nQuiz load, open model: {arguments.step_seconds:g} s per step, {len(idle)} takers "
        f"(start, 16 × (page, autosave), summary, submit, review)")
    header = (f"{'offered':>7} {'achieved':>8} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'requests':>8} {'errors':>6}"
              f" | CPU % of a core: {'app':>4} {'pg':>4} {'nginx':>5} {'redis':>5} {'gen':>4} {'other':>5} {'iowait':>6}")
    out(header)
    for rate in arguments.steps:
        phase = recorder.phase(f"quiz {rate:g}")
        before = meter.sample()
        result = open_load(quiz, idle, rate, arguments.step_seconds, phase, recorder, arguments.timeout, in_flight)
        after = meter.sample()
        cpu = CpuMeter.shares(before, after)
        total = recorder.phases[phase].total
        p50, p95, p99 = percentiles(total)
        errors = total.num_failures + result["no_taker"]
        row = {"offered": rate, "achieved": result["achieved"], "p50": p50, "p95": p95, "p99": p99,
               "requests": total.num_requests, "errors": errors, "cpu": cpu}
        rows.append(row)
        note = ""
        if result["sent_rate"] < 0.97 * rate:
            note += f"  (the generator sent only {result['sent_rate']:.1f}/s)"
        if result["no_taker"]:
            note += f"  ({result['no_taker']} arrivals found every taker waiting)"
        if result["in_flight_after_drain"]:
            note += f"  ({result['in_flight_after_drain']} still unanswered)"
        out(f"{rate:7g} {result['achieved']:8.1f} {p50:7.0f} {p95:7.0f} {p99:7.0f} {total.num_requests:8d} {errors:6d}"
            f" | {'':16} {cpu['app']:4.0f} {cpu['postgres']:4.0f} {cpu['nginx']:5.0f} {cpu['redis']:5.0f}"
            f" {cpu['generator']:4.0f} {cpu['other']:5.0f} {cpu['iowait']:6.0f}{note}")
        for error, count in recorder.errors[phase].most_common(3):
            out(f"{'':8}{count} × {error}")
        if p95 > arguments.stop_above_ms:
            skipped = [f"{later:g}" for later in arguments.steps if later > rate]
            if skipped:
                out(f"(p95 above {arguments.stop_above_ms:g} ms: the server is saturated; steps {', '.join(skipped)} skipped)")
            break
    return rows


def per_request(recorder, out):
    out("\nQuiz requests by kind, over every step")
    out(f"{'request':22} {'count':>7} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'errors':>7}")
    for (name, method), entry in sorted(recorder.everything.entries.items()):
        p50, p95, p99 = percentiles(entry)
        out(f"{method + ' ' + name:22} {entry.num_requests:7d} {p50:7.0f} {p95:7.0f} {p99:7.0f} {entry.num_failures:7d}")


def check_database(stack, outcomes, folder):
    path = folder / "outcomes.json"
    path.write_text(json.dumps({
        "saved": {str(key): value for key, value in outcomes.saved.items()},
        "submitted": sorted(outcomes.submitted),
        "exam_started": outcomes.exam_started,
    }))
    result = subprocess.run([sys.executable, str(HERE / "check_data.py"), str(path)], cwd=PROJECT,
                            env=stack.environment, capture_output=True, text=True)
    if result.returncode != 0:
        raise StackError(f"check_data.py failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(result.stdout)


def log_problems(stack, out):
    """Tracebacks and errors the stack's processes logged during the run."""
    sources = {name: stack.log(name) for name in stack.processes}
    sources["nginx-error"] = stack.log("nginx-error")
    pg_log = stack.folder / "pg" / "server.log"
    if pg_log.exists():
        sources["postgres"] = pg_log.read_text(errors="replace")
    pattern = re.compile(r"Traceback|\] ERROR|ERROR:|\[error\]|\[crit\]|\[alert\]|WORKER TIMEOUT|deadlock|FATAL", re.I)
    found = False
    for name, text in sources.items():
        lines = [line for line in text.splitlines() if pattern.search(line)]
        if lines:
            found = True
            out(f"{name}: {len(lines)} error lines; the first:")
            for line in lines[:5]:
                out(f"    {line[:300]}")
    if not found:
        out("no errors, tracebacks or worker timeouts in the logs of the app servers, worker, nginx and PostgreSQL")


def main(argv=None):
    arguments = parse_arguments(argv)
    lines = []

    def out(text=""):
        print(text, flush=True)
        lines.append(text)

    command = shlex.join([os.path.relpath(sys.executable, PROJECT), os.path.relpath(__file__, PROJECT), *sys.argv[1:]])
    out(f"$ {command}")
    out(f"stack: {arguments.app_servers} app server(s) × {arguments.workers} workers × {arguments.threads} threads "
        f"(gunicorn gthread) behind nginx (TLS), PostgreSQL, Redis, 1 task worker; "
        f"{os.cpu_count()} CPU cores shared with the load generator")
    out(f"load average before the run: {' '.join(f'{value:.2f}' for value in os.getloadavg())} "
        "(anything else running here competes with the stack for the same cores)")
    out(f"data: {arguments.learners} learners; steps {', '.join(f'{rate:g}' for rate in arguments.steps)} req/s "
        f"× {arguments.step_seconds:g} s")
    began = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="hocso-loadtest-"))
    # PostgreSQL and nginx run as other users inside it.
    folder.chmod(0o755)
    stack = LocalStack(folder / "stack", app_servers=arguments.app_servers, workers=arguments.workers,
                       threads=arguments.threads)
    try:
        return build_and_run(stack, arguments, folder, out, began)
    except StackError as error:
        out(f"The benchmark could not run: {error}")
        return 2
    finally:
        stack.stop()
        (Path(folder) / "report.txt").write_text("\n".join(lines) + "\n")
        if arguments.keep:
            print(f"kept: {folder} (report.txt, data.json, stack/logs)")
        else:
            shutil.rmtree(folder, ignore_errors=True)


def build_and_run(stack, arguments, folder, out, began):
    """Start the stack, build the data, then measure."""
    stack.start()
    out(f"stack started in {time.perf_counter() - began:.0f} s: {stack.url}")
    data_file = folder / "data.json"
    built = time.perf_counter()
    result = subprocess.run([sys.executable, str(HERE / "build_data.py"), "--learners", str(arguments.learners),
                             "--out", str(data_file)], cwd=PROJECT, env=stack.environment,
                            capture_output=True, text=True)
    if result.returncode != 0:
        raise StackError(f"build_data.py failed:\n{result.stdout}\n{result.stderr[-5000:]}")
    data = json.loads(data_file.read_text())
    out(f"data built in {time.perf_counter() - built:.0f} s")
    return run_load(stack, data, arguments, folder, out, began)


def run_load(stack, data, arguments, folder, out, began):
    environment = Environment()
    recorder = Recorder(environment)
    session = FastHttpSession(stack.url, environment.events.request, user=None, insecure=True,
                              concurrency=2000, network_timeout=arguments.timeout,
                              connection_timeout=min(arguments.timeout, 10))
    # One client speaks for every learner: each request carries its learner's cookies itself.
    session.client.cookiejar = None
    outcomes = Outcomes()
    quiz = Quiz(session, data, outcomes, data["questions"])
    takers = [Taker(number, learner["session"], learner["place"], learner["attempt"],
                    tuple(learner["question"]) if learner["question"] else None)
              for number, learner in enumerate(data["learners"])]
    idle = collections.deque(random.Random(3).sample(takers, len(takers)))
    meter = CpuMeter(stack)

    warm = recorder.phase("warm-up")
    in_flight = Group()
    open_load(quiz, idle, 10, 5 if arguments.quick else 10, warm, recorder, arguments.timeout, in_flight)
    rows = quiz_steps(quiz, idle, recorder, meter, arguments, out, in_flight)
    # An overloaded last step leaves a backlog: the next measurements start once it is answered or given up.
    in_flight.join(timeout=arguments.timeout + 5)
    per_request(recorder, out)
    # Steps held up to the first that did not: a later step that happened to pass after a failed
    # one (a worker renewed mid-step, a neighbour on the machine) does not raise the capacity.
    held = list(itertools.takewhile(lambda row: row["p95"] < P95_LIMIT_MS and row["errors"] == 0, rows))
    capacity = max((row["achieved"] for row in held), default=0)
    out(f"\ncapacity at p95 < {P95_LIMIT_MS} ms with no errors: {capacity:.1f} req/s"
        f" = {capacity / 2 * 60:,.0f} concurrent quiz takers (capacity / 2 × 60)")

    throughput(session, data, takers, recorder, arguments, out)
    exam_p95, exam_errors = exam_start(quiz, takers, recorder, arguments, out)

    checks = check_database(stack, outcomes, folder)
    out("\nChecked against the database")
    out(f"answers acknowledged (autosave 200)  {checks['acknowledged']}")
    out(f"lost answers                         {checks['lost']}")
    out(f"attempts submitted (redirect)        {checks['submitted']}")
    out(f"attempts graded twice                {checks['graded_twice']}")
    out(f"submitted but left ungraded          {checks['ungraded']}")
    out(f"exam starts: one attempt each        {checks['exam_starts_ok']} of {checks['exam_starts']}")
    for example in checks["examples"]:
        out(f"    {example}")
    out("\nThe stack's logs")
    log_problems(stack, out)
    out(f"\nwhole run: {(time.perf_counter() - began) / 60:.1f} min")
    failed = checks["lost"] or checks["graded_twice"] or checks["ungraded"] or checks["exam_starts_ok"] != checks["exam_starts"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
