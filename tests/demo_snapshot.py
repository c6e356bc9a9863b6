"""The demo store loaded once per test process, and its rows copied back for each test that wants it.

Loading the demo costs about 4 s a test (half of it encoding the product images' AVIF and WebP
renditions for the publish hook's render); copying the rows of one earlier load back costs a fraction
of a second. So each test process (pytest-xdist worker) runs `load_demo` once, the first time a test
asks for the demo (`prepare()`, committed, outside any test):

1. the database as the tests start it (the migrations' rows) is copied, table by table, into the schema
   `base_snapshot` of the test database, next to Django's tables;
2. `load_demo` runs, the same code as `make run`, and its result is copied into `demo_snapshot`;
3. the tables are put back as they were in step 1 (the demo's rows go; sequences stay past their ids).

Then a test's `demo` fixture swaps the rows of step 1 for the demo's (`add_demo_rows()`, inside the
test's transaction, so the rollback takes them away again; rows that fixtures made before it stay), and a
browser test's `store` replaces every table by the demo's copy (`replace_with_demo()`, committed: the
live server reads it from other threads; the test's closing flush empties the tables). Foreign keys are
checked at commit (Django creates them DEFERRABLE), so the order of the tables does not matter.
Rendition files stay in the test MEDIA_ROOT, which no test clears, so rendition rows still point at
files that exist. Sequences are never moved back, so rows a test creates never collide with the demo's.

PostgreSQL only (the suite's database, see the Makefile).
"""

from __future__ import annotations

from django.db import connection, transaction

BASE = "base_snapshot"
DEMO = "demo_snapshot"
_prepared = False


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True, include_views=False))


def _quoted(table: str) -> str:
    return connection.ops.quote_name(table)


def prepare() -> None:
    """Once per process: keep a copy of the database as it is and of the demo store, then put the
    database back as it was. Call with database access allowed and outside a test's transaction."""
    global _prepared
    if _prepared:
        return
    from wagtail.models import Page

    from content.demo import load_demo
    from tests.base_data import ensure_base_data

    if not Page.objects.filter(depth=1).exists():
        ensure_base_data()  # a transactional test's flush removed the migrations' rows
    _copy_into(BASE)
    _forget_remembered_verdicts()
    load_demo(log=lambda *args: None)
    _copy_into(DEMO)
    _replace_from(BASE)
    _prepared = True


def mark_prepared() -> None:
    """This process's database was cloned from one `prepare()` had already run in (tests/db_template.py)."""
    global _prepared
    _prepared = True


def add_demo_rows() -> None:
    """Do to the database what load_demo did (inside the caller's transaction): the rows it started
    from (the copy in `base_snapshot`) give way to the demo's; rows made since, by fixtures, stay.

    In a transactional test (no test transaction around it) the tables hold what the previous test's
    flush left, and the content types and permissions Django re-created after it under new ids: they
    are replaced by the demo's copy as a whole."""
    if not connection.in_atomic_block:
        replace_with_demo()
        return
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            pk = _quoted(connection.introspection.get_primary_key_column(cursor, table))
            cursor.execute(
                f"DELETE FROM public.{_quoted(table)} AS t USING {BASE}.{_quoted(table)} AS b WHERE t.{pk} = b.{pk}"
            )
        for table in _tables():
            cursor.execute(f"INSERT INTO public.{_quoted(table)} SELECT * FROM {DEMO}.{_quoted(table)} ON CONFLICT DO NOTHING")
    _forget_cached_rows()


def replace_with_demo() -> None:
    """Make every table hold exactly the demo store's rows."""
    _replace_from(DEMO)


def _copy_into(schema: str) -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")
        cursor.execute(f"CREATE SCHEMA {schema}")
        for table in _tables():
            cursor.execute(f"CREATE TABLE {schema}.{_quoted(table)} AS TABLE public.{_quoted(table)}")


def _replace_from(schema: str) -> None:
    tables = _tables()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        for table in tables:  # DELETE, not TRUNCATE: see tests/postgres_backend
            cursor.execute(f"DELETE FROM public.{_quoted(table)}")
        for table in tables:
            cursor.execute(f"INSERT INTO public.{_quoted(table)} SELECT * FROM {schema}.{_quoted(table)}")
    _forget_cached_rows()


def _forget_remembered_verdicts() -> None:
    """The classifier stores only verdicts it does not remember (claims/learned.py); a sentence an
    earlier test remembered, in a rolled-back transaction, would be missing from the demo's copy."""
    from claims import learned

    model = learned.classifier()
    if model is not None:
        model._memo.clear()


def _forget_cached_rows() -> None:
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    ContentType.objects.clear_cache()  # the copied content types may have other ids than the cached ones
    cache.clear()  # pages, Wagtail's site root paths, claim annotations of rows that changed under it
