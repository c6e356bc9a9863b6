"""The shop's public address: canonical, Open Graph and JSON-LD URLs are built here, from
settings.WAGTAILADMIN_BASE_URL (production requires it to be https), never from the request's host or
Wagtail's Site record (which say `http://localhost/` behind a proxy or on a fresh install)."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings


def public_url(path: str) -> str:
    """`path` (e.g. "/shop/clinicred/") at the public base URL; a URL that already names a host (media on
    a storage service, a page of another Wagtail site) is returned as it is."""
    if urlsplit(path).netloc:
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/" + path.lstrip("/")
