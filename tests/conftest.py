import pytest


@pytest.fixture(scope="session")
def demo_rows(django_db_setup, django_db_blocker):
    """One real `load_demo` per test process, kept as a copy of its rows (tests/demo_snapshot.py)."""
    from tests import demo_snapshot

    with django_db_blocker.unblock():
        demo_snapshot.prepare()


@pytest.fixture
def demo(demo_rows, db):
    """The demo store, as `load_demo` (the code `make run` runs) leaves it: its rows, copied in."""
    from tests import demo_snapshot

    demo_snapshot.add_demo_rows()


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
