"""What a new app-server process does once, when the WSGI application loads, instead of on the first
visitor's request: import every URL module (and so every view and Wagtail's admin URLs), compile the
site's templates, read the static files' manifest and load the claim classifier, then set what it
built aside from the garbage collector. gunicorn.conf.py loads the application once in gunicorn's
master process (so each worker forks ready, sharing these pages of memory), and each worker opens its
own database and shared-cache connections before it takes a request (`connect`). A gunicorn worker started after a deploy or a restart then answers its first
request as fast as its hundredth. Nothing is rendered, no rendition or annotation is made here: what
depends on content is made when it is published (content.apps)."""

from __future__ import annotations

import gc
import logging
from pathlib import Path

from django.conf import settings

log = logging.getLogger(__name__)


def site_templates() -> list[str]:
    """The names of the templates in the site's own template folders (settings TEMPLATES DIRS)."""
    names = []
    for config in settings.TEMPLATES:
        for folder in map(Path, config.get("DIRS", ())):
            names.extend(str(p.relative_to(folder)) for p in sorted(folder.rglob("*")) if p.suffix in (".html", ".txt"))
    return names


def warm() -> None:
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.template.loader import get_template
    from django.urls import get_resolver

    from claims import learned

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports the URLconf and every view module it names
    resolver.reverse_dict  # noqa: B018 - the reverse() tables, built once per process
    for name in site_templates():
        get_template(name)  # compiled and kept by the cached template loader
    staticfiles_storage.url("css/site.css")  # the manifest of hashed names is read once
    learned.classifier()  # the claim model's weights (the encoder stays lazy: verdicts are stored)
    # What start-up made lives as long as the process: collected once now and then left out of the
    # collector's full passes, which would otherwise walk it all during an early request (~0.2 s).
    gc.collect()
    gc.freeze()


def connect() -> None:
    """Open this process's database connection and shared-cache connection now (never in a process that
    forks workers: they would share the sockets). A server that cannot reach them still starts; the
    request that needs them reports the error."""
    from django.core.cache import cache
    from django.db import connection

    try:
        cache.get("warmup:connect")
    except Exception:  # noqa: BLE001 - reported by the first request that needs the cache
        log.warning("The shared cache did not answer at start", exc_info=True)
    try:
        connection.ensure_connection()
    except Exception:  # noqa: BLE001 - reported by the first request that needs the database
        log.warning("The database did not answer at start", exc_info=True)
