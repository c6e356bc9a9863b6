"""The demo store loaded once per test process, and its rows copied back for each browser test.

A browser test needs the demo store committed (the live server reads it from other threads), and the
transactional test before it ended with a flush. Loading the demo again costs about 4.5 s (half of it
re-encoding the product images' AVIF and WebP renditions for the publish hook's render); copying the rows
of one earlier load back costs a quarter of a second. The first load in a process is copied, table by
table, into the schema `demo_snapshot` of the test database, next to Django's tables; `restore()`
empties Django's tables and copies the rows back, in one transaction whose foreign keys are checked at
commit (Django creates them DEFERRABLE). Rendition files stay in the test MEDIA_ROOT, which no test
clears, so the rendition rows still point at files that exist. Sequences are left where they are: they
are past every copied id, so rows a test creates never collide with the demo's.

PostgreSQL only (the suite's database, see the Makefile).
"""

from __future__ import annotations

from django.db import connection, transaction

SCHEMA = "demo_snapshot"
_taken = False


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _quoted(table: str) -> str:
    return connection.ops.quote_name(table)


def load() -> None:
    """Put the demo store in the database: a real load_demo the first time, the copied rows after."""
    global _taken
    if _taken:
        restore()
        return
    from content.demo import load_demo
    from tests.base_data import ensure_base_data

    ensure_base_data()  # the previous transactional test's flush removed the migrations' rows
    load_demo(log=lambda *args: None)
    take()
    _taken = True


def take() -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
        cursor.execute(f"CREATE SCHEMA {SCHEMA}")
        for table in _tables():
            cursor.execute(f"CREATE TABLE {SCHEMA}.{_quoted(table)} AS TABLE public.{_quoted(table)}")


def restore() -> None:
    from django.contrib.contenttypes.models import ContentType

    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables:  # DELETE, not TRUNCATE: see tests/postgres_backend
            cursor.execute(f"DELETE FROM public.{_quoted(table)}")
        for table in tables:
            cursor.execute(f"INSERT INTO public.{_quoted(table)} SELECT * FROM {SCHEMA}.{_quoted(table)}")
    ContentType.objects.clear_cache()  # the copied content types may have other ids than the cached ones
