"""One migrated database with the demo's copies in it per test run, cloned for each test process.

Every pytest-xdist worker used to migrate its own test database and run `load_demo` into it (about 25 s
alone, 70 to 140 s with three workers on two cores). Now the first worker to get there builds a template
database once, under a PostgreSQL advisory lock the others wait on: the migrations, then
`tests/demo_snapshot.prepare()` (its `base_snapshot` and `demo_snapshot` schemas). Each worker's own
database (`test_<name>_gw<N>`) is then `CREATE DATABASE … TEMPLATE` of it, a file copy of a second.

The template is named after the run (pytest-xdist's run id, or a fresh one without xdist), so a change to
a migration or to the demo is never served from an old copy; templates of earlier runs are dropped by the
worker that builds the next one. Rendition files live in the test MEDIA_ROOT every worker shares.
"""

from __future__ import annotations

import os
import uuid

from django.conf import settings
from django.db import connections

LOCK_KEY = 7_151_001  # any constant: the advisory lock that serialises building the template
_RUN = os.environ.get("PYTEST_XDIST_TESTRUNUID") or uuid.uuid4().hex


def _template_name(test_name: str) -> str:
    base = test_name.rsplit("_gw", 1)[0]
    return f"{base}_tpl_{_RUN[:12]}"


def _admin_cursor(connection):
    return connection.creation._nodb_cursor()


def _use(connection, name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def setup(alias: str = "default") -> str:
    """Give this process its own test database, cloned from the run's template (built here if this
    process is the first). Returns the name the database had before (for `teardown`)."""
    from django.core.management import call_command

    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    template = _template_name(test_name)
    quote = connection.ops.quote_name
    with _admin_cursor(connection) as cursor:
        cursor.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None:
                _drop_old_templates(cursor, test_name, quote)
                cursor.execute(f"CREATE DATABASE {quote(template)}")
                _use(connection, template)
                call_command("migrate", verbosity=0, interactive=False, database=alias, run_syncdb=True)
                from tests import demo_snapshot

                demo_snapshot.prepare()
                connection.close()
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            # A connection the build left open in another thread (cache, tasks) would make PostgreSQL
            # refuse the copy ("source database is being accessed by other users"): under the lock nobody
            # else may use the template, so such sessions are ended first.
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                [template],
            )
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])
    _use(connection, test_name)
    from tests import demo_snapshot

    demo_snapshot.mark_prepared()
    return old_name


def _drop_old_templates(cursor, test_name: str, quote) -> None:
    base = test_name.rsplit("_gw", 1)[0]
    cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{base}_tpl_%"])
    for (name,) in cursor.fetchall():
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")


def teardown(old_name: str, alias: str = "default") -> None:
    """Drop this process's database; the last worker's template goes with the next run's build."""
    connections[alias].creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
