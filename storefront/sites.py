"""Wagtail's page view with the request's Site read from the shared cache.

Wagtail finds the Site serving a request with one query per request (a CASE over hostnames and ports,
compiled anew each time: about a tenth of a cached-layout article's render), then loads the home page
it starts routing from. Sites change almost never: the ones found, with their home page, are kept in one
cache entry per content generation, dropped whenever a Site is saved or deleted (every app process sees
the drop at once), and found by Wagtail's own rules on a miss. Only the Wagtail page
view uses it; the shop's views never look a Site up.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import transaction
from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Site

from shop import freshness

KEY = "wagtail-sites-by-host"
KEPT = 3600
MOST = 20  # hosts kept; ALLOWED_HOSTS already refused any other Host header


def _key() -> str:
    return f"{KEY}:{freshness.generation()}"


def site_for(request) -> Site | None:
    """The Site Wagtail would find for `request` (Site.find_for_request), from the cache when known, with
    its root page already the specific home page (Wagtail's routing starts there: one query less). Kept
    per content generation (shop/freshness.py), so a published home page is read again at once."""
    host = (split_domain_port(request.get_host())[0], request.get_port())
    key = _key()
    known = cache.get(key) or {}
    if host in known:
        return known[host]
    site = Site.find_for_request(request)
    if site is not None and site.root_page_id is not None:
        site.root_page = site.root_page.specific
    if len(known) < MOST:
        cache.set(key, {**known, host: site}, KEPT)
    return site


def forget_sites(**kwargs) -> None:
    """Signal receiver: a Site was saved or deleted; the kept ones are dropped once that commits."""
    transaction.on_commit(lambda: cache.delete(_key()))


def serve(request, path):
    """wagtail.views.serve, with the request's Site already found."""
    request._wagtail_site = site_for(request)
    return wagtail_views.serve(request, path)
