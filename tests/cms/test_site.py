"""The site shell: health, language, error pages, page weight, search, production safety."""

import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

from lms.enrollment import services
from tests.conftest import every_block, lessons_of

ROOT = Path(__file__).resolve().parents[2]


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_pages_declare_vietnamese_by_default_and_english_on_request(client, catalogue):
    vietnamese = client.get("/courses/").content.decode()
    assert '<html lang="vi">' in vietnamese
    assert "Khoá học" in vietnamese

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/courses/").content.decode()
    assert '<html lang="en">' in english
    assert "Search courses" in english


def test_language_switcher_sets_english(client, catalogue):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/courses/"}, follow=True)
    assert '<html lang="en">' in response.content.decode()


def test_unknown_page_is_a_vietnamese_404(client, home):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_pages_are_made_for_phones(client, catalogue):
    page = client.get("/courses/").content.decode()
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_a_lesson_page_with_every_block_weighs_under_60_kb(client, learner, course, picture, checklist):
    lesson = lessons_of(course)[0]
    lesson.body = every_block(picture, checklist) * 3
    lesson.save_revision().publish()
    services.enroll(learner, course)
    client.force_login(learner)

    html = client.get(lesson.url).content
    stylesheets = [Path(finders.find(name)).read_bytes() for name in ("css/site.css",)]

    assert b'href="/static/css/site.css"' in html
    assert len(html) + sum(len(css) for css in stylesheets) < 60 * 1024


def test_site_search_finds_lessons(client, course):
    response = client.get("/search/", {"q": "Bài 1.2"})
    assert response.status_code == 200
    assert lessons_of(course)[1].url in response.content.decode()


def settings_check(**environment):
    """Load the production settings in a fresh interpreter, as a server would."""
    code = "import django; django.setup()"
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "lms.settings.production", **environment}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True)


@pytest.mark.parametrize(
    "environment, complaint",
    [
        ({}, "SECRET_KEY"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"SECRET_KEY": "x" * 60, "DEBUG": "true"}, "DEBUG"),
    ],
)
def test_production_refuses_unsafe_settings(environment, complaint):
    result = settings_check(**environment)
    assert result.returncode != 0
    assert complaint in result.stderr


def test_production_starts_with_safe_settings():
    result = settings_check(SECRET_KEY="k" * 30 + "-production-only-7f3a9c2e1b", DATABASE_URL="sqlite:////tmp/x.db",
                            CACHE_URL="redis://127.0.0.1:6379/0")
    assert result.returncode == 0, result.stderr
