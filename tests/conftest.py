import pytest


@pytest.fixture
def demo(db):
    """The demo store, loaded through the same code as `make run`."""
    from content.demo import load_demo

    load_demo(log=lambda *args: None)


@pytest.fixture
def article(demo):
    from content.models import ArticlePage

    return ArticlePage.objects.get(slug="red-light-therapy-for-peripheral-neuropathy")


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache (pages, rules version, annotated HTML)."""
    from django.core.cache import cache

    from claims import ruleset

    cache.clear()
    ruleset._compiled.clear()
    yield


CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]


@pytest.fixture(scope="module")
def browser():
    """Debian's headless Chromium driven by Playwright, one per test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()
