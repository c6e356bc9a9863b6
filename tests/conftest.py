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
