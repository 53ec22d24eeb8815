"""
Chromium through Playwright. Playwright's own browser download does not work on
these machines, so the tests drive Debian's /usr/bin/chromium and skip, saying
why, where it is not installed (.ci/run installs it).
"""

import os
import shutil
import threading
import time

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API keeps an event loop in this thread; the Django calls
    # the test makes between browser steps are still plain synchronous code.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


# socketserver names each request's thread after this method.
REQUEST_THREAD = "process_request_thread"


@pytest.fixture(autouse=True)
def live_server_idle_before_the_database_is_emptied(request):
    """
    After a test, wait for the requests the live server is still answering
    (a page's late call, such as the Wagtail editor's session ping) before
    the database is emptied for the next test: SQLite refuses the flush while
    a request writes ("database table is locked"), and the next test then
    starts on this one's data.
    """
    if "live_server" not in request.fixturenames:
        yield
        return
    # Set up from here, the live server and its database are torn down after this fixture.
    request.getfixturevalue("live_server")
    yield
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(REQUEST_THREAD in thread.name for thread in threading.enumerate()):
        time.sleep(0.05)


@pytest.fixture
def desk(browser):
    """A desktop window, where trainers write courses, speaking Vietnamese."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def phone(browser):
    """A page in a 360 px wide phone-sized window, speaking Vietnamese."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="vi-VN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
