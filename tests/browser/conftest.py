"""Fixtures for the headless-Chromium tests: one browser for the package, one context per test.

* `browser`: Debian's Chromium (/usr/bin/chromium) driven by Playwright's sync API, started once for
  the tests in this package. It is package-scoped rather than session-scoped on purpose: while a
  sync Playwright is alive, the main thread has a running asyncio loop, so any later module that
  starts its own `sync_playwright()` (tests/browser_a11y, tests/browser_buying, tests/browser_staff)
  would fail with "using Playwright Sync API inside the asyncio loop". Package scope still starts
  Chromium once for the whole of tests/browser and stops it before those modules run.
* `store`: the demo store on pytest-django's live server (transactional database), with the
  session's localstripe sending its signed webhooks to the live server's /stripe/webhook/.
* `page`: a fresh browser context per test (own cookies, so own session and cart) whose base URL is
  the live server. The test fails if any response is a 5xx, if the live server raised while handling
  any request (browser requests and localstripe's webhooks alike), or if a page threw an uncaught
  JavaScript error.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

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
WEBHOOK_ID = "tests-browser-buying"
ASYNC_UNSAFE = "DJANGO_ALLOW_ASYNC_UNSAFE"


@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    # The sync API keeps its asyncio loop marked as running in this thread between calls, which
    # makes Django refuse ORM calls from the test ("cannot call this from an async context"). The
    # test code is plain synchronous code, so the guard is off exactly while Playwright runs.
    previous = os.environ.get(ASYNC_UNSAFE)
    os.environ[ASYNC_UNSAFE] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield chromium
            finally:
                chromium.close()
    finally:
        if previous is None:
            os.environ.pop(ASYNC_UNSAFE, None)
        else:
            os.environ[ASYNC_UNSAFE] = previous


@pytest.fixture
def store(live_server, stripe_offline) -> Iterator[str]:
    """The demo store on the live server, paid through localstripe, which posts webhooks to it."""
    from content.demo import load_demo
    from devstripe.webhooks import register_webhook
    from tests.base_data import ensure_base_data
    from tests.stripe_server import WEBHOOK_SECRET

    ensure_base_data()  # the previous transactional test's flush removed the migrations' rows
    load_demo(log=lambda *args: None)
    url = f"{live_server.url}/stripe/webhook/"
    register_webhook(webhook_id=WEBHOOK_ID, url=url, secret=WEBHOOK_SECRET)
    try:
        yield live_server.url
    finally:
        # localstripe cannot delete a registration; an event list nothing matches switches it off.
        register_webhook(webhook_id=WEBHOOK_ID, url=url, secret=WEBHOOK_SECRET, events=["none"])


@pytest.fixture
def server_errors() -> Iterator[list[str]]:
    """Exceptions the live server raised while handling any request during the test."""
    from django.core.signals import got_request_exception

    found: list[str] = []

    def record(sender, request=None, **kwargs):
        found.append(f"{getattr(request, 'method', '?')} {getattr(request, 'path', '?')}")

    got_request_exception.connect(record, weak=False)
    try:
        yield found
    finally:
        got_request_exception.disconnect(record)


@pytest.fixture
def page(browser: Browser, store: str, server_errors: list[str]) -> Iterator[Page]:
    context = browser.new_context(base_url=store)
    context.set_default_timeout(10_000)
    page = context.new_page()
    bad_responses: list[str] = []
    script_errors: list[str] = []
    page.on("response", lambda r: bad_responses.append(f"{r.status} {r.request.method} {r.url}") if r.status >= 500 else None)
    page.on("pageerror", lambda error: script_errors.append(str(error)))
    try:
        yield page
    finally:
        context.close()
    assert bad_responses == [], f"server errors seen by the browser: {bad_responses}"
    assert server_errors == [], f"the live server raised while handling: {server_errors}"
    assert script_errors == [], f"uncaught JavaScript errors: {script_errors}"
