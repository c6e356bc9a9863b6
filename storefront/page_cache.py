"""Anonymous storefront pages served from the cache (the cache all processes share:
Redis with REDIS_URL, the database cache table otherwise).

Only visitors without a session or pending messages get cached pages; cart, checkout, order, search,
admin and webhook URLs never are. The key holds the content generation (shop.freshness) and the claim
rules version, so a publish, a price, stock or review change, or a rule change shows at once; and the
delivery estimate's day (shop.delivery.cache_token: today and the dispatch day in the warehouse's time
zone), so "ships today" never outlives the cut-off.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse

from claims.ruleset import rules_version
from shop.delivery import cache_token
from shop.freshness import generation

NEVER_CACHED = ("/admin/", "/cart/", "/checkout/", "/orders/", "/stripe/", "/_offline-stripe/", "/search/", "/documents/", "/static/", "/media/")
TIMEOUT = 600


class AnonymousPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._cacheable_request(request):
            return self.get_response(request)
        where = hashlib.sha1(f"{request.get_host()}{request.path}".encode()).hexdigest()
        key = f"page:{generation()}:{rules_version()}:{cache_token()}:{where}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            response = HttpResponse(content, content_type=content_type)
            response["X-Cache"] = "HIT"
            return response
        response = self.get_response(request)
        if self._cacheable_response(response):
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
            response["X-Cache"] = "MISS"
        return response

    @staticmethod
    def _cacheable_request(request) -> bool:
        return (
            request.method in ("GET", "HEAD")
            and not request.GET
            and not request.path.startswith(NEVER_CACHED)
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "messages" not in request.COOKIES
        )

    @staticmethod
    def _cacheable_response(response) -> bool:
        control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in control
            and "no-store" not in control
        )
