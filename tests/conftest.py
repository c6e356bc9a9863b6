import pytest


def _uses_database(item) -> bool:
    return item.get_closest_marker("django_db") is not None or "django_db_setup" in getattr(item, "fixturenames", ())


def pytest_collection_modifyitems(items):
    """The tests that need no database run first, the others after them in pytest-django's order (plain,
    then transactional): the first test process to want a database builds the template (tests/db_template.py,
    half a minute when none is kept) while the other processes are busy with the claim engine's sets, which
    need none, instead of waiting for it."""
    items.sort(key=_uses_database)


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker, django_db_modify_db_settings):
    """Each test process's PostgreSQL database is a clone of one migrated, demo-loaded template built once
    per change and day (tests/db_template.py), instead of migrating and loading the demo in every process."""
    from django.db import connection
    from django.test.utils import setup_databases, teardown_databases

    from tests import db_template

    if connection.vendor != "postgresql":
        with django_db_blocker.unblock():
            db_cfg = setup_databases(verbosity=0, interactive=False, serialized_aliases=[])
        yield
        with django_db_blocker.unblock():
            teardown_databases(db_cfg, verbosity=0)
        return
    with django_db_blocker.unblock():
        old_name = db_template.setup()
    yield
    with django_db_blocker.unblock():
        db_template.teardown(old_name)


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
    ruleset._local[:] = [None, 0.0]
    yield
