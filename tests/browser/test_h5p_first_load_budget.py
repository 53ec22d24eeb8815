"""
A lesson with an H5P activity stays light on a weak connection: its first
load, with a cold cache, fetches no more than a page of text and pictures
would. The player and its libraries come only when the learner opens the activity.
"""

import pytest

from .test_h5p_in_chromium import true_false_lesson

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Measured on this test's lesson (the True/False sample): 61 responses and 544 KiB while the
# player loaded with the page; 3 responses (page, site.css, h5p-player.js) and 20 KiB once it
# loads on demand. The ceilings leave room for the site's CSS and scripts to grow a little.
MAX_REQUESTS = 8
MAX_KIB = 60


def first_load(browser, signed_in, url):
    """
    (responses, encoded body bytes) of opening `url` until the network is idle,
    in a new phone-sized window with the signed-in session and an empty cache.
    """
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN",
                                  storage_state=signed_in.context.storage_state())
    try:
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="networkidle")
        sizes = [(response.url, response.request.sizes()["responseBodySize"]) for response in responses]
    finally:
        context.close()
    return sizes


def test_a_lesson_with_an_h5p_activity_loads_light_until_the_activity_is_opened(live_server, browser, phone, settings,
                                                                                tmp_path, learner, course):
    lesson, _package = true_false_lesson(live_server, phone, settings, tmp_path, learner, course)

    sizes = first_load(browser, phone, f"{live_server.url}{lesson.url}")

    urls = [url for url, _size in sizes]
    # A size Chromium cannot tell (a response it cancelled) is reported as -1: nothing came.
    kib = sum(max(size, 0) for _url, size in sizes) / 1024
    assert len(sizes) <= MAX_REQUESTS, urls
    assert kib <= MAX_KIB, sizes
    assert not any("/h5p/" in url or "h5p-standalone" in url for url in urls), urls
