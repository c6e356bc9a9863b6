"""Wagtail's page view with the request's Site, its root paths and whether any page is restricted read
from the shared cache in one round trip.

Wagtail finds the Site serving a request with one query per request (a CASE over hostnames and ports,
compiled anew each time: about a tenth of a cached-layout article's render), then loads the home page
it starts routing from, and reads the sites' root paths for every link it makes. Sites change almost
never: the ones found, with their home page, are kept for the content generation (shop/freshness.py,
moved whenever a Site or a page is saved or deleted, so every app process sees the change at once), and
found by Wagtail's own rules on a miss. Only the Wagtail page view uses it; the shop's views never look
a Site up.
"""

from __future__ import annotations

from django.http.request import split_domain_port
from wagtail import views as wagtail_views
from wagtail.models import Site

from content.models import VIEW_RESTRICTIONS_KEY
from shop import freshness

KEY = "wagtail-sites-by-host"
ROOT_PATHS = "wagtail-site-root-paths"
MOST = 20  # hosts kept; ALLOWED_HOSTS already refused any other Host header


def site_for(request) -> Site | None:
    """The Site Wagtail would find for `request` (Site.find_for_request), from the cache when known, with
    its root page already the specific home page (Wagtail's routing starts there: one query less)."""
    host = (split_domain_port(request.get_host())[0], request.get_port())
    known = freshness.kept(KEY, dict)
    if host in known:
        return known[host]
    site = Site.find_for_request(request)
    if site is not None and site.root_page_id is not None:
        site.root_page = site.root_page.specific
    if len(known) < MOST:
        freshness.keep(KEY, {**known, host: site})
    return site


def serve(request, path):
    """wagtail.views.serve, with the request's Site and the sites' root paths already found."""
    freshness.prefetch(KEY, ROOT_PATHS, VIEW_RESTRICTIONS_KEY)
    request._wagtail_site = site_for(request)
    request._wagtail_cached_site_root_paths = freshness.kept(ROOT_PATHS, Site.get_site_root_paths)
    return wagtail_views.serve(request, path)
