"""One migrated database with the demo's copies in it, kept between runs, cloned for each test process.

Every pytest-xdist worker used to migrate its own test database and run `load_demo` into it (about 25 s
alone, 70 to 140 s with three workers on two cores). Now the first worker to get there builds a template
database (when no current one is kept), under a PostgreSQL advisory lock the others wait on: the migrations, then
`tests/demo_snapshot.prepare()` (its `base_snapshot` and `demo_snapshot` schemas). Each worker's own
database (`test_<name>_gw<N>`) is then `CREATE DATABASE … TEMPLATE` of it, a file copy of a second.

The template is named after a digest of everything its rows are made from (the code, templates, static
files and demo content of the project, the three test modules that build it, the installed packages'
versions, the settings module, MEDIA_ROOT) and the day (UTC), so it is built once a day per change and
kept for the runs after it: a change to a migration or to the demo is never served from an old copy,
and rows stamped with the time they were made are at most a day old. It is built under a name of its
own and renamed when complete, so a build that failed midway is never used. Templates of other digests
are dropped by the worker that builds the next one. Rendition files live in the test MEDIA_ROOT every
worker and run shares; a marker file there, written with the template, says its files are still there
(without it, say after `make clean`, the template is built again).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import cache
from importlib import metadata
from pathlib import Path

from django.conf import settings
from django.db import connections

LOCK_KEY = 7_151_001  # any constant: with the database's name, the advisory lock that serialises building a template
ROOT = Path(__file__).resolve().parent.parent
SOURCES = ["claims", "content", "devstripe", "shop", "static", "storefront", "templates", "pyproject.toml"]
BUILDERS = ["tests/db_template.py", "tests/demo_snapshot.py", "tests/base_data.py"]


@cache
def _digest() -> str:
    """What the template's rows are made from, hashed (a fraction of a second)."""
    digest = hashlib.sha256()
    files = []
    for source in SOURCES:
        path = ROOT / source
        files += [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    for path in sorted(files) + [ROOT / name for name in BUILDERS]:
        digest.update(f"{path.relative_to(ROOT)}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest.update("\n".join(packages).encode())
    digest.update(f"{settings.SETTINGS_MODULE}\0{settings.MEDIA_ROOT}\0{dt.datetime.now(dt.UTC).date()}".encode())
    return digest.hexdigest()


def _template_name(test_name: str) -> str:
    base = test_name.rsplit("_gw", 1)[0]
    return f"{base}_tpl_{_digest()[:16]}"


def _media_marker(template: str) -> Path:
    return Path(settings.MEDIA_ROOT) / f".{template}"


def _admin_cursor(connection):
    return connection.creation._nodb_cursor()


def _use(connection, name: str) -> None:
    connection.close()
    settings.DATABASES[connection.alias]["NAME"] = name
    connection.settings_dict["NAME"] = name


def setup(alias: str = "default") -> str:
    """Give this process its own test database, cloned from the current template (built here if there is
    none yet). Returns the name the database had before (for `teardown`)."""
    from django.core.management import call_command

    connection = connections[alias]
    old_name = connection.settings_dict["NAME"]
    test_name = connection.creation._get_test_db_name()
    template = _template_name(test_name)
    quote = connection.ops.quote_name
    with _admin_cursor(connection) as cursor:
        # One lock per test database name: runs for other databases on the same server (other checkouts)
        # neither wait for this run's build nor make it wait for theirs.
        lock = [LOCK_KEY, test_name.rsplit("_gw", 1)[0]]
        cursor.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", lock)
        try:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
            if cursor.fetchone() is None or not _media_marker(template).exists():
                _drop_old_templates(cursor, test_name, quote)
                building = f"{template}_build"
                cursor.execute(f"CREATE DATABASE {quote(building)}")
                _use(connection, building)
                call_command("migrate", verbosity=0, interactive=False, database=alias, run_syncdb=True)
                from tests import demo_snapshot

                demo_snapshot.prepare()
                connection.close()
                _end_other_sessions(cursor, building)
                cursor.execute(f"ALTER DATABASE {quote(building)} RENAME TO {quote(template)}")
                _media_marker(template).parent.mkdir(parents=True, exist_ok=True)
                _media_marker(template).touch()
            cursor.execute(f"DROP DATABASE IF EXISTS {quote(test_name)}")
            _end_other_sessions(cursor, template)
            cursor.execute(f"CREATE DATABASE {quote(test_name)} TEMPLATE {quote(template)}")
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s, hashtext(%s))", lock)
    _use(connection, test_name)
    from tests import demo_snapshot

    demo_snapshot.mark_prepared()
    return old_name


def _end_other_sessions(cursor, name: str) -> None:
    """A connection the build left open in another thread (cache, tasks) would make PostgreSQL refuse the
    rename or the copy ("being accessed by other users"): under the lock nobody else may use the template,
    so such sessions are ended first."""
    cursor.execute(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [name]
    )


def _drop_old_templates(cursor, test_name: str, quote) -> None:
    base = test_name.rsplit("_gw", 1)[0]
    cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE %s", [f"{base}_tpl_%"])
    for (name,) in cursor.fetchall():
        cursor.execute(f"DROP DATABASE IF EXISTS {quote(name)}")


_DROP = """
import sys, psycopg
host, port, user, name, base, lock_key = sys.argv[1:]  # the password, if any, comes as PGPASSWORD
with psycopg.connect(host=host or None, port=port or None, user=user or None, dbname="postgres", autocommit=True) as connection:
    connection.execute("SELECT pg_advisory_lock(%s, hashtext(%s))", [int(lock_key), base])
    connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
"""


def teardown(old_name: str, alias: str = "default") -> None:
    """Drop this process's database, without waiting for it: DROP DATABASE waits for a checkpoint
    (12 s measured on a busy server, against 1 s to make the copy; the run's last process would wait for it), so a small
    process of its own drops it once this one has gone. It holds the build lock while it drops, so a run
    started at once waits for it in `setup`; a drop that never happened is done by the next `setup` (DROP
    DATABASE IF EXISTS). The template stays for the next run (see the module's docstring)."""
    import os
    import subprocess
    import sys

    connection = connections[alias]
    name = connection.settings_dict["NAME"]
    db = connection.settings_dict
    connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=True)  # closes it, puts the name back
    args = [str(db.get(key) or "") for key in ("HOST", "PORT", "USER")]
    env = {**os.environ, "PGPASSWORD": db["PASSWORD"]} if db.get("PASSWORD") else None
    subprocess.Popen(
        [sys.executable, "-c", _DROP, *args, name, name.rsplit("_gw", 1)[0], str(LOCK_KEY)],
        env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
