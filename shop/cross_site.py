"""The forms without a CSRF token refuse what another site sends them.

Add-to-cart and the review form sit on cached public pages, so they carry no per-visitor token. A post
that a page on another site makes carries none of our SameSite=Lax cookies; answered, it would start a
new session whose cookie replaces the visitor's (their cart, a staff member's sign-in) and count against
the visitor's review limit. The browser says where a request comes from: Sec-Fetch-Site, or else Origin.
A post from another site gets a short 403 page and no session. A request with neither header (curl, an
old client) passes: it cannot carry or replace a browser's cookie.
"""

from __future__ import annotations

from functools import wraps

from django.http import HttpRequest, HttpResponseForbidden
from django.middleware.csrf import CsrfViewMiddleware
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme

SAFE_METHODS = ("GET", "HEAD", "OPTIONS", "TRACE")


def sent_from_another_site(request: HttpRequest) -> bool:
    """Whether the browser says another site's page sent this request.

    Sec-Fetch-Site `cross-site`: yes. `same-site` (a sibling subdomain): yes, unless its Origin is in
    CSRF_TRUSTED_ORIGINS. `same-origin` and `none` (typed, bookmarked): no. Without Sec-Fetch-Site, an
    Origin that is neither this site's nor trusted, or `Origin: null`, is another site; no Origin either
    is not. This site's origin is Django's: request.get_host() and request.is_secure(), so behind the
    proxy it follows USE_X_FORWARDED_HOST and SECURE_PROXY_SSL_HEADER.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site", "").strip().lower()
    if fetch_site in ("same-origin", "none"):
        return False
    if fetch_site == "cross-site":
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return fetch_site == "same-site"
    return origin == "null" or not _origin_trusted(request)


def _origin_trusted(request: HttpRequest) -> bool:
    # Django's own check, as for every token-protected form: this host's origin or CSRF_TRUSTED_ORIGINS.
    return CsrfViewMiddleware(lambda request: None)._origin_verified(request)


def refuse_cross_site(view):
    """Answer a post another site sent with a 403 page, before the view runs or a session is touched."""

    @wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method not in SAFE_METHODS and sent_from_another_site(request):
            return _refusal(request, kwargs)
        return view(request, *args, **kwargs)

    guarded.refuses_cross_site = True
    return guarded


def _refusal(request: HttpRequest, kwargs: dict) -> HttpResponseForbidden:
    # Rendered without the request: no context processor reads the session, so no cookie is set.
    html = render_to_string("shop/cross_site_refused.html", {"back": _back(request, kwargs)})
    response = HttpResponseForbidden(html)
    add_never_cache_headers(response)
    return response


def _back(request: HttpRequest, kwargs: dict) -> str:
    """The product the form belongs to: the form's local `next`, the review's product, or the shop."""
    target = request.POST.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=set()):
        return target
    if "slug" in kwargs:
        return reverse("shop:product_detail", args=[kwargs["slug"]])
    return reverse("shop:product_list")
