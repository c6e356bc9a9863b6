"""Every fixture of the browser suite: headless Chromium, the live store, pages at two widths, staff.

* `browser`: Debian's Chromium (/usr/bin/chromium, CHROMIUM_ARGS) driven by Playwright's sync API,
  launched once for this package, the only place the suite launches it. While Playwright runs, its
  event loop counts as running in the main thread, and Django refuses ORM calls from a thread with a
  running loop ("cannot call this from an async context"). The tests here are plain synchronous code,
  so `DJANGO_ALLOW_ASYNC_UNSAFE` is set exactly while Playwright is alive and put back as it was when
  the package's last test ends (the teardown checks it), so the rest of the run keeps Django's guard.
  Package scope (not session) is what makes that possible: Playwright stops with the package.
* `store`: the demo store on pytest-django's live server (transactional database), paid through the
  session's localstripe, which posts its signed webhooks to the live server's /stripe/webhook/.
* `page` (and `axe_page`, whose context bypasses the Content-Security-Policy so axe-core can be
  injected): a fresh browser context per test (own cookies, so own session and cart), base URL the live
  server, at 1280 px and at 390 px: every test using them runs at both widths ([1280px], [390px]).
* `walk`: the checks every walk makes, asserted when the test ends: no console error, no uncaught
  script error, no 5xx, no 4xx the test did not announce (`walk.expect_client_error`), no exception in
  the live server (browser requests and localstripe's webhooks alike), no sideways scroll on any page
  once loaded nor on the last page, and no request still in flight. `walk.assert_no_sideways_scroll`
  checks a page mid-walk (after a form grew, say).
* `editor`, `order_manager`: a member of the Editors / Order managers group, signed in on `page`.
* `second_page`: another person's browser in the same walk (own context, so own session), same width;
  `medical_reviewer`: a member of the Medical reviewers group, signed in on `second_page`.

Every test collected here gets the `browser` marker (`pytest -m browser` runs the suite).
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

HERE = Path(__file__).parent
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"
VIEWPORTS = {"1280px": {"width": 1280, "height": 800}, "390px": {"width": 390, "height": 844}}
WEBHOOK_ID = "tests-browser"
PASSWORD = "a-long-test-password"
TIMEOUT_MS = 15_000
FAILED_TO_LOAD = re.compile(r"^Failed to load resource: the server responded with a status of (\d{3})")
CALL_FAILED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config, items):
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Note whether the test itself failed: then `page` reports what it saw instead of failing again."""
    report = yield
    if report.when == "call":
        item.stash[CALL_FAILED] = report.failed
    return report


@contextmanager
def async_unsafe_allowed() -> Iterator[None]:
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    previous = os.environ.get(ASYNC_UNSAFE)
    with async_unsafe_allowed():
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
    assert os.environ.get(ASYNC_UNSAFE) == previous, f"{ASYNC_UNSAFE} was left changed after the browser tests"


@pytest.fixture
def store(demo_rows, live_server, stripe_offline) -> Iterator[str]:
    """The demo store on the live server, paid through localstripe, which posts webhooks to it."""
    from devstripe.webhooks import register_webhook
    from tests import demo_snapshot
    from tests.stripe_server import WEBHOOK_SECRET

    demo_snapshot.replace_with_demo()  # the rows of this process's one load_demo
    url = f"{live_server.url}/stripe/webhook/"
    register_webhook(webhook_id=WEBHOOK_ID, url=url, secret=WEBHOOK_SECRET)
    serving = _RequestsInFlight()
    try:
        yield live_server.url
    finally:
        # localstripe cannot delete a registration; an event list nothing matches switches it off
        # (it reads the list when it sends, a second after the event, so late events are dropped).
        register_webhook(webhook_id=WEBHOOK_ID, url=url, secret=WEBHOOK_SECRET, events=["none"])
        # A webhook already being handled finishes before the database is emptied (else its event row
        # could be written while the flush runs, and the flush fails on the order it refers to).
        serving.wait_until_idle()


class _RequestsInFlight:
    """Counts the live server's requests under way (Django's request_started / request_finished)."""

    def __init__(self) -> None:
        import threading

        from django.core.signals import request_finished, request_started

        self.count, self.lock = 0, threading.Lock()
        request_started.connect(self._started, weak=False, dispatch_uid=f"in-flight-start-{id(self)}")
        request_finished.connect(self._finished, weak=False, dispatch_uid=f"in-flight-end-{id(self)}")
        self._signals = (request_started, request_finished)

    def _started(self, **kwargs) -> None:
        with self.lock:
            self.count += 1

    def _finished(self, **kwargs) -> None:
        with self.lock:
            self.count -= 1

    def wait_until_idle(self, timeout: float = 10) -> None:
        import time

        deadline = time.monotonic() + timeout
        while self.count > 0 and time.monotonic() < deadline:
            time.sleep(0.02)
        started, finished = self._signals
        started.disconnect(dispatch_uid=f"in-flight-start-{id(self)}")
        finished.disconnect(dispatch_uid=f"in-flight-end-{id(self)}")


class Walk:
    """What the browser and the live server ran into during one test."""

    def __init__(self) -> None:
        self.problems: list[str] = []
        self.console_errors: list[tuple[str, str]] = []  # (text, url of the resource or script)
        self.client_errors: list[tuple[int, str, str]] = []  # (status, method, path)
        self.expected_client_errors: set[tuple[int, str, str]] = set()
        self.in_flight: list = []
        self.page: Page | None = None

    def expect_client_error(self, status: int, method: str, path: str) -> None:
        """Announce a 4xx answer the walk may meet (Chromium logs it as a console error too)."""
        self.expected_client_errors.add((status, method, path))

    def assert_no_sideways_scroll(self, where: str) -> None:
        scroll, client = self.page.evaluate(
            "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, f"sideways scroll on {where}: content {scroll} px in {client} px"

    # Listeners.

    def on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append((message.text, (message.location or {}).get("url", "")))

    def on_response(self, response) -> None:
        request = response.request
        if response.status >= 500:
            self.problems.append(f"{response.status} {request.method} {response.url}")
        elif response.status >= 400:
            self.client_errors.append((response.status, request.method, urlparse(response.url).path))

    def on_request(self, request) -> None:
        self.in_flight.append(request)

    def on_request_done(self, request) -> None:
        if request in self.in_flight:
            self.in_flight.remove(request)

    def on_loaded(self, source, path: str, scroll: int, client: int) -> None:
        if scroll > client:
            self.problems.append(f"sideways scroll on {path}: content {scroll} px in {client} px")

    def on_server_exception(self, sender, request=None, **kwargs) -> None:
        self.problems.append(f"the live server raised on {getattr(request, 'method', '?')} {getattr(request, 'path', '?')}")

    # When the test ends.

    def settle(self, timeout_ms: int = 10_000) -> None:
        """Let requests the page still has in flight finish (a closed context would cut them off midway)."""
        waited = 0
        while self.in_flight and waited < timeout_ms and not self.page.is_closed():
            self.page.wait_for_timeout(25)  # hands control to Playwright, which records the answers
            waited += 25
        if self.in_flight:
            self.problems.append(f"requests still in flight at the end: {[r.url for r in self.in_flight]}")

    def findings(self) -> list[str]:
        found = list(self.problems)
        announced: Counter[tuple[int, str]] = Counter()
        for status, method, path in self.client_errors:
            if (status, method, path) in self.expected_client_errors:
                announced[status, path] += 1
            else:
                found.append(f"unexpected {status} {method} {path}")
        for text, url in self.console_errors:
            failed = FAILED_TO_LOAD.match(text)
            key = (int(failed.group(1)), urlparse(url).path) if failed else None
            if key and announced[key] > 0:
                announced[key] -= 1  # Chromium's own line for an announced 4xx it answered
                continue
            found.append(f"console error: {text} ({url})")
        return found


REPORT_LOAD = """
addEventListener("load", () => {
  if (window !== window.top) return;
  const root = document.documentElement;
  window.reportLoaded(location.pathname, root.scrollWidth, root.clientWidth).catch(() => {});  // page already left
});
"""


@pytest.fixture
def walk() -> Iterator[Walk]:
    from django.core.signals import got_request_exception

    walk = Walk()
    got_request_exception.connect(walk.on_server_exception, weak=False)
    try:
        yield walk
    finally:
        got_request_exception.disconnect(walk.on_server_exception)


@pytest.fixture(params=list(VIEWPORTS))
def viewport(request) -> dict:
    return VIEWPORTS[request.param]


def open_page(request, browser: Browser, store: str, walk: Walk, viewport: dict, **options) -> Iterator[Page]:
    context = browser.new_context(base_url=store, viewport=viewport, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.expose_binding("reportLoaded", walk.on_loaded)
    context.add_init_script(REPORT_LOAD)
    page = context.new_page()
    walk.page = page
    page.on("console", walk.on_console)
    page.on("pageerror", lambda error: walk.problems.append(f"uncaught script error: {error}"))
    page.on("response", walk.on_response)
    page.on("request", walk.on_request)
    page.on("requestfinished", walk.on_request_done)
    page.on("requestfailed", walk.on_request_done)
    try:
        yield page
        if not request.node.stash.get(CALL_FAILED, False):
            walk.settle()
            if not page.is_closed():
                try:
                    walk.assert_no_sideways_scroll(f"the last page ({urlparse(page.url).path})")
                except AssertionError as error:
                    walk.problems.append(str(error))
    finally:
        context.close()
    findings = walk.findings()
    if request.node.stash.get(CALL_FAILED, False):
        if findings:
            print("What the browser and the live server ran into:", *findings, sep="\n  ")
    else:
        assert findings == [], "\n".join(findings)


@pytest.fixture
def page(request, browser: Browser, store: str, walk: Walk, viewport: dict) -> Iterator[Page]:
    yield from open_page(request, browser, store, walk, viewport)


@pytest.fixture
def axe_page(request, browser: Browser, store: str, walk: Walk, viewport: dict) -> Iterator[Page]:
    """A page whose context bypasses the Content-Security-Policy, so axe-core can be injected."""
    yield from open_page(request, browser, store, walk, viewport, bypass_csp=True)


@pytest.fixture
def second_page(request, browser: Browser, store: str, walk: Walk, viewport: dict, page: Page) -> Iterator[Page]:
    """Another person's browser, checked by the same walk; `walk.page` stays the first page."""
    pages = open_page(request, browser, store, walk, viewport)
    other = next(pages)
    walk.page = page
    try:
        yield other
    finally:
        walk.page = other  # its teardown settles and checks this page, then closes its context
        try:
            next(pages, None)
        finally:
            walk.page = page


def staff_member(username: str, group: str, page: Page, settings):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return user


@pytest.fixture
def editor(page: Page, settings):
    """A member of the Editors group, signed in to the admin on `page`."""
    return staff_member("claims-editor", "Editors", page, settings)


@pytest.fixture
def order_manager(page: Page, settings):
    """A member of the Order managers group, signed in to the admin on `page`."""
    return staff_member("orders-desk", "Order managers", page, settings)


@pytest.fixture
def medical_reviewer(second_page: Page, settings):
    """A member of the Medical reviewers group, signed in to the admin on `second_page`."""
    return staff_member("medical-reviewer", "Medical reviewers", second_page, settings)
