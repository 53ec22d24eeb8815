"""The catalogue at /courses/: search, filters, pagination, and only live courses."""

import pytest

from courses.models import Audience


@pytest.fixture
def courses(make_course):
    portal = make_course(slug="dich-vu-cong", title="Sử dụng Cổng Dịch vụ công", audience=Audience.EVERYONE)
    portal.tags.add("Dịch vụ công")
    portal.save_revision().publish()
    signature = make_course(slug="chu-ky-so", title="Chữ ký số cho cán bộ", audience=Audience.OFFICIALS)
    signature.tags.add("Chữ ký số")
    signature.save_revision().publish()
    scams = make_course(slug="lua-dao", title="Nhận diện lừa đảo trực tuyến", audience=Audience.CITIZENS)
    return portal, signature, scams


def titles(response):
    return [course.title for course in response.context["courses"]]


def test_catalogue_lists_live_courses_in_order(client, courses):
    draft = courses[2]
    draft.unpublish()

    response = client.get("/courses/")

    assert response.status_code == 200
    assert titles(response) == ["Sử dụng Cổng Dịch vụ công", "Chữ ký số cho cán bộ"]


def test_search_finds_a_course_by_its_title(client, courses):
    response = client.get("/courses/", {"q": "chữ ký"})
    assert titles(response) == ["Chữ ký số cho cán bộ"]


def test_search_without_diacritics_finds_vietnamese_titles(client, courses):
    assert titles(client.get("/courses/", {"q": "chu ky so"})) == ["Chữ ký số cho cán bộ"]
    assert titles(client.get("/courses/", {"q": "lua dao"})) == ["Nhận diện lừa đảo trực tuyến"]
    assert titles(client.get("/courses/", {"q": "dich vu"})) == ["Sử dụng Cổng Dịch vụ công"]


def test_search_with_no_match_says_so(client, courses):
    response = client.get("/courses/", {"q": "thiên văn học"})
    assert titles(response) == []
    assert "No course matches" in response.content.decode() or "Không có khoá học" in response.content.decode()


def test_audience_filter_keeps_courses_for_everyone(client, courses):
    response = client.get("/courses/", {"audience": "citizens"})
    assert titles(response) == ["Sử dụng Cổng Dịch vụ công", "Nhận diện lừa đảo trực tuyến"]


def test_topic_filter(client, courses):
    response = client.get("/courses/")
    topic_slugs = [tag.slug for tag in response.context["topics"]]
    assert len(topic_slugs) == 2

    signature_topic = next(tag.slug for tag in response.context["topics"] if tag.name == "Chữ ký số")
    response = client.get("/courses/", {"topic": signature_topic})
    assert titles(response) == ["Chữ ký số cho cán bộ"]


def test_search_and_topic_combine(client, courses):
    signature_topic = next(tag.slug for tag in client.get("/courses/").context["topics"] if tag.name == "Chữ ký số")
    assert titles(client.get("/courses/", {"topic": signature_topic, "q": "dịch vụ"})) == []


def test_pagination_and_bad_page_numbers(client, make_course, settings):
    settings.COURSES_PER_PAGE = 2
    for number in range(5):
        make_course(slug=f"khoa-{number}", lessons=1)

    assert len(client.get("/courses/", {"page": 3}).context["courses"]) == 1
    assert client.get("/courses/", {"page": "abc"}).context["courses"].number == 1
    assert client.get("/courses/", {"page": 99}).context["courses"].number == 3
