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
from importlib import import_module
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


# Templates of installed apps that public pages render (Wagtail's rich text wrapper; Django's form
# widgets, rendered through the form renderer's own engine, are listed from Django's folder).
APP_TEMPLATES = ["wagtailcore/shared/richtext.html"]


# Modules the site imports inside a function, on the first page that needs them.
LAZY_IMPORTS = ["content.structured_data", "django.contrib.messages.storage.cookie", "django.contrib.messages.storage.session"]


def form_widget_templates() -> list[str]:
    import django.forms

    folder = Path(django.forms.__file__).parent / "templates"
    return [str(p.relative_to(folder)) for p in sorted((folder / "django" / "forms" / "widgets").glob("*.html"))]


def warm() -> None:
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.core.cache import caches
    from django.forms.renderers import get_default_renderer
    from django.template import engines
    from django.utils import formats, translation
    from django.utils.module_loading import import_string
    from django.template.loader import get_template
    from django.urls import get_resolver

    from claims import learned

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports the URLconf and every view module it names
    resolver.reverse_dict  # noqa: B018 - the reverse() tables, built once per process
    _compile_patterns(resolver)
    for name in site_templates() + APP_TEMPLATES:
        get_template(name)  # compiled and kept by the cached template loader
    renderer = get_default_renderer()
    for name in form_widget_templates():
        renderer.get_template(name)
    staticfiles_storage.url("css/site.css")  # the manifest of hashed names is read once
    learned.classifier()  # the claim model's weights (the encoder stays lazy: verdicts are stored)
    engines["django"].engine.template_context_processors  # noqa: B018 - imported once
    for dotted in (settings.MESSAGE_STORAGE, settings.SESSION_SERIALIZER):
        import_string(dotted)
    # The shared cache's client, without a connection (each worker opens its own: `connect`)
    getattr(caches["default"], "client", None)
    for module in LAZY_IMPORTS:
        import_module(module)
    with translation.override(settings.LANGUAGE_CODE):
        formats.get_format("DECIMAL_SEPARATOR")  # the language's format module
    # What start-up made lives as long as the process: collected once now and then left out of the
    # collector's full passes, which would otherwise walk it all during an early request (~0.2 s).
    gc.collect()
    gc.freeze()


def _compile_patterns(resolver) -> None:
    """Every URL pattern's regular expression, compiled once (Django compiles each when first matched)."""
    for entry in resolver.url_patterns:
        entry.pattern.regex  # noqa: B018
        if hasattr(entry, "url_patterns"):
            _compile_patterns(entry)


def connect() -> None:
    """Open this process's database connection and shared-cache connection now (never in a process that
    forks workers: they would share the sockets). A server that cannot reach them still starts; the
    request that needs them reports the error."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache
    from django.db import connection

    try:
        cache.get("warmup:connect")
    except Exception:  # noqa: BLE001 - reported by the first request that needs the cache
        log.warning("The shared cache did not answer at start", exc_info=True)
    try:
        connection.ensure_connection()
        ContentType.objects.get_for_models(*apps.get_models())  # the per-process content-type cache
    except Exception:  # noqa: BLE001 - reported by the first request that needs the database
        log.warning("The database did not answer at start", exc_info=True)
