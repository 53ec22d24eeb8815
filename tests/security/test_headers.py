"""
Headers and cookies in production (issue 9, finding 7): a strict
Content-Security-Policy (relaxed under the Wagtail admin only), HSTS with
sub-domains, and every cookie Secure. The values come from
lms.settings.production loaded as a server loads it (tests/security/production.py)
and are put into this process's settings for the requests.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from lms.accounts.models import User
from lms.enrollment import services as enrollment_services
from lms.settings import base
from tests.conftest import PASSWORD, lessons_of

from . import production

HOST = "hocso.example.gov.vn"
SECURITY_SETTINGS = ("SECURE_", "SESSION_COOKIE_", "CSRF_COOKIE_", "LANGUAGE_COOKIE_", "CONTENT_SECURITY_POLICY",
                     "PERMISSIONS_POLICY", "MIDDLEWARE", "X_FRAME_OPTIONS", "MESSAGE_STORAGE")


def security_settings(values):
    return {name: value for name, value in values.items() if name.startswith(SECURITY_SETTINGS)}


@pytest.fixture(scope="module")
def production_values():
    result, values = production.load()
    assert result.returncode == 0, result.stderr
    return security_settings(values)


@pytest.fixture
def as_production(production_values):
    with override_settings(**production_values):
        yield production_values


def https(client, method, path, **kwargs):
    return getattr(client, method)(path, secure=True, headers={"host": HOST}, **kwargs)


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response.headers["Content-Security-Policy"]
    directives = (part.split() for part in header.split(";") if part.strip())
    return {name: sources for name, *sources in directives}


@pytest.fixture
def lesson(course, learner):
    enrollment_services.enroll(learner, course)
    return lessons_of(course)[0]


def assert_strict(rules):
    assert rules["default-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"]
    assert rules["base-uri"] == ["'self'"]
    assert rules["frame-ancestors"] == ["'self'"]
    assert rules["form-action"] == ["'self'"]
    assert rules["img-src"] == ["'self'", "data:"]
    assert rules["connect-src"] == ["'self'"]
    assert rules["script-src"][0] == "'self'"
    assert "'unsafe-inline'" not in rules["script-src"] and "'unsafe-eval'" not in rules["script-src"]
    assert rules["style-src"] == ["'self'"]


@pytest.mark.parametrize("path", ["/courses/", "/accounts/login/", "/certificates/verify/"])
def test_public_pages_send_the_strict_policy_and_the_other_headers(as_production, client, catalogue, path):
    response = https(client, "get", path)

    assert response.status_code == 200
    assert_strict(policy(response))
    assert response.headers["Strict-Transport-Security"] == "max-age=2592000; includeSubDomains"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response.headers


def test_a_lesson_page_with_a_video_may_frame_only_the_video_hosts(as_production, client, learner, lesson):
    client.force_login(learner)

    response = https(client, "get", lesson.url)

    assert response.status_code == 200
    rules = policy(response)
    assert_strict(rules)
    assert rules["frame-src"] == ["'self'", "https://www.youtube-nocookie.com", "https://player.vimeo.com"]


def test_plain_http_is_sent_to_https(as_production, client, catalogue):
    response = client.get("/courses/", headers={"host": HOST})

    assert response.status_code == 301
    assert response.url == f"https://{HOST}/courses/"


def test_the_admin_alone_may_run_inline_scripts(as_production, client, db):
    admin = User.objects.create_superuser(email="quan.tri@example.vn", password=PASSWORD, full_name="Quản Trị")
    client.force_login(admin)

    response = https(client, "get", "/admin/")

    assert response.status_code == 200
    rules = policy(response)
    assert rules["script-src"] == ["'self'", "'unsafe-inline'"]
    assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'self'"]
    assert not any(source.startswith("'nonce-") for sources in rules.values() for source in sources)


def test_every_cookie_is_secure(as_production, client, db):
    User.objects.create_user(email="hoc.vien@example.vn", password=PASSWORD, full_name="Nguyễn Thị Hoa")
    responses = [
        https(client, "get", "/accounts/login/"),
        https(client, "post", "/accounts/login/", data={"login": "hoc.vien@example.vn", "password": PASSWORD}),
        https(client, "post", "/i18n/setlang/", data={"language": "en", "next": "/courses/"}),
        https(client, "post", "/accounts/logout/"),
    ]

    # The cookies each response set, leaving out the ones it deleted (the session at logout).
    cookies = {name: cookie for response in responses for name, cookie in response.cookies.items() if cookie.value}
    assert {"csrftoken", "sessionid", "django_language", "messages"} <= set(cookies)
    for name, cookie in cookies.items():
        assert cookie["secure"] is True, name
        assert cookie["samesite"] == "Lax", name
    assert all(cookies[name]["httponly"] is True for name in ("csrftoken", "sessionid", "django_language"))


def test_hsts_sub_domains_and_preload_follow_the_environment():
    _result, values = production.load(SECURE_HSTS_INCLUDE_SUBDOMAINS="false", SECURE_HSTS_PRELOAD="true",
                                      SECURE_HSTS_SECONDS="63072000")

    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert values["SECURE_HSTS_PRELOAD"] is True
    assert values["SECURE_HSTS_SECONDS"] == 63072000


@override_settings(H5P_CONTENT_ORIGIN="https://h5p.hocso.example.gov.vn")
def test_a_separate_h5p_origin_may_serve_the_player_its_files(as_production, client, learner, lesson):
    client.force_login(learner)

    rules = policy(https(client, "get", lesson.url))

    for directive in ("script-src", "style-src", "img-src", "frame-src", "connect-src", "font-src"):
        assert "https://h5p.hocso.example.gov.vn" in rules[directive], directive
    assert rules["default-src"] == ["'self'"]


def test_development_reports_the_same_policy_without_enforcing_it(client, catalogue):
    _result, dev = production.load(module="lms.settings.dev")

    with override_settings(**security_settings(dev)):
        response = client.get("/courses/")

    assert "Content-Security-Policy" not in response.headers
    assert "default-src 'self'" in response.headers["Content-Security-Policy-Report-Only"]


def test_the_test_suite_reports_the_same_policy(client, catalogue):
    response = client.get("/courses/")

    assert "Content-Security-Policy" not in response.headers
    assert "default-src 'self'" in response.headers["Content-Security-Policy-Report-Only"]


def test_the_h5p_frame_script_allowed_by_hash_is_the_one_h5p_standalone_writes():
    bundle = Path(settings.BASE_DIR) / "node_modules" / "h5p-standalone" / "dist" / "frame.bundle.js"
    if not bundle.is_file():
        pytest.skip("node_modules/h5p-standalone is not installed (npm ci --ignore-scripts)")

    assert f"<script>{base.H5P_FRAME_SCRIPT}<\\/script>" in bundle.read_text()
    assert base.H5P_FRAME_SCRIPT_HASH in base.CONTENT_SECURITY_POLICY["DIRECTIVES"]["script-src"]
