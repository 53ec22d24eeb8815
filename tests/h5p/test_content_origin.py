"""
H5P_CONTENT_ORIGIN: the player fetches H5P files from a separate origin, where
no session cookie goes; its URLs carry a signed token for the learner, checked
with the same access rule, and the responses allow the site's origin by CORS.
"""

import json
import re

import pytest
from django.test import Client

from courses.h5p import player, services
from courses.models import CompletionRule, LessonPage
from lms.enrollment import services as enrollment_services

from .conftest import build_zip, package_files

ORIGIN = "https://h5p.hocso.example"
HOST = "h5p.hocso.example"
SITE = "https://hocso.example"


@pytest.fixture
def separate_origin(settings):
    settings.H5P_CONTENT_ORIGIN = ORIGIN
    settings.SITE_URL = SITE
    return settings


@pytest.fixture
def lesson(media, course):
    package = services.import_package(build_zip(package_files(title="Đúng hay sai")))
    lesson = course.add_child(instance=LessonPage(
        title="Bài tập tương tác", slug="bai-tap", completion_rule=CompletionRule.H5P_SCORE,
        body=[("h5p", {"package": package, "pass_threshold": 70})],
    ))
    lesson.save_revision().publish()
    lesson.package = package
    return lesson


@pytest.fixture
def enrolled(learner, learner_client, course):
    enrollment_services.enroll(learner, course)
    return learner_client


def options(client, lesson):
    page = client.get(lesson.url).content.decode()
    match = re.search(
        rf'<script id="h5p-options-{lesson.pk}-{lesson.package.pk}" type="application/json">(.*?)</script>', page
    )
    return json.loads(match.group(1))


def on_content_origin(url, **headers):
    """A request to the content origin, as the player's frame makes it: no cookie of the site's."""
    assert url.startswith(ORIGIN + "/")
    return Client().get(url.removeprefix(ORIGIN), HTTP_HOST=HOST, secure=True, **headers)


def test_without_the_setting_the_player_uses_this_sites_paths(enrolled, lesson):
    config = options(enrolled, lesson)

    assert config["h5pJsonPath"] == f"/h5p/lessons/{lesson.pk}/{lesson.package.pk}"
    assert config["librariesPath"] == "/h5p/libraries"


def test_with_the_setting_the_player_fetches_every_file_from_the_content_origin(separate_origin, enrolled, lesson):
    config = options(enrolled, lesson)

    for key in ("h5pJsonPath", "contentJsonPath", "librariesPath"):
        assert config[key].startswith(ORIGIN + "/h5p/"), key
    assert config["contentJsonPath"] == config["h5pJsonPath"] + "/content"
    # The frame's own script and styles stay on the site, with the page.
    assert config["frameJs"].startswith("/static/")

    h5p_json = on_content_origin(config["h5pJsonPath"] + "/h5p.json", HTTP_ORIGIN=SITE)
    assert h5p_json.status_code == 200
    assert json.loads(b"".join(h5p_json.streaming_content))["title"] == "Đúng hay sai"
    assert h5p_json["Access-Control-Allow-Origin"] == SITE
    assert "Origin" in h5p_json["Vary"]
    assert "sandbox" in h5p_json["Content-Security-Policy"]
    assert on_content_origin(config["contentJsonPath"] + "/content.json", HTTP_ORIGIN=SITE).status_code == 200
    script = on_content_origin(config["librariesPath"] + "/H5P.Hello-1.0/hello.js")
    assert script.status_code == 200 and script["Content-Type"] == "text/javascript"


def test_cors_allows_only_the_sites_origin(separate_origin, enrolled, lesson):
    url = options(enrolled, lesson)["librariesPath"] + "/H5P.Hello-1.0/library.json"

    assert "Access-Control-Allow-Origin" not in on_content_origin(url, HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in on_content_origin(url)


def test_the_token_is_checked_with_the_same_access_rule(separate_origin, enrolled, lesson, make_user):
    outsider = make_user(email="nguoi.ngoai@example.vn")
    base = options(enrolled, lesson)["h5pJsonPath"]
    token = player.file_token(outsider)
    outsiders_url = re.sub(r"/h5p/t/[^/]+/", f"/h5p/t/{token}/", base)

    assert on_content_origin(outsiders_url + "/h5p.json").status_code == 404
    # Libraries are the same for everyone signed in.
    libraries = re.sub(r"/lessons/.*", "/libraries/H5P.Hello-1.0/hello.js", outsiders_url)
    assert on_content_origin(libraries).status_code == 200


@pytest.mark.parametrize("damage", ["tampered", "expired", "password changed", "inactive"])
def test_a_bad_token_gets_nothing(separate_origin, enrolled, lesson, learner, damage):
    base = options(enrolled, lesson)["h5pJsonPath"]
    token = re.search(r"/h5p/t/([^/]+)/", base).group(1)
    if damage == "tampered":
        user_pk, rest = token.split(".", 1)
        token = f"{int(user_pk) + 1}.{rest}"
    elif damage == "expired":
        token = player.file_token(learner, day=player.current_day() - 2)
    elif damage == "password changed":
        learner.set_password("another-long-password-2")
        learner.save()
    else:
        learner.is_active = False
        learner.save()
    url = re.sub(r"/h5p/t/[^/]+/", f"/h5p/t/{token}/", base)

    assert on_content_origin(url + "/h5p.json").status_code == 404
    assert on_content_origin(re.sub(r"/lessons/.*", "/libraries/H5P.Hello-1.0/hello.js", url)).status_code == 404


def test_yesterdays_token_still_works(separate_origin, enrolled, lesson, learner):
    """A lesson opened just before midnight keeps loading its media."""
    base = options(enrolled, lesson)["h5pJsonPath"]
    token = player.file_token(learner, day=player.current_day() - 1)

    assert on_content_origin(re.sub(r"/h5p/t/[^/]+/", f"/h5p/t/{token}/", base) + "/h5p.json").status_code == 200


def test_with_the_setting_no_h5p_file_is_served_on_the_sites_own_origin(separate_origin, enrolled, lesson):
    config = options(enrolled, lesson)
    token_path = config["h5pJsonPath"].removeprefix(ORIGIN)

    assert enrolled.get(f"/h5p/lessons/{lesson.pk}/{lesson.package.pk}/h5p.json").status_code == 404
    assert enrolled.get("/h5p/libraries/H5P.Hello-1.0/hello.js").status_code == 404
    assert enrolled.get(token_path + "/h5p.json").status_code == 404


def test_token_urls_are_not_served_without_the_setting(enrolled, lesson, learner):
    token = player.file_token(learner)

    assert enrolled.get(f"/h5p/t/{token}/libraries/H5P.Hello-1.0/hello.js").status_code == 404
