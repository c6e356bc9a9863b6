"""The production settings, plus the bench's baseline view and media served by Django (urls.py).
BENCH_PAGE_CACHE=off takes the anonymous page cache out, to measure what a cache miss costs."""

import os

from storefront.settings.production import *  # noqa: F403

ROOT_URLCONF = "tools.bench.urls"
if os.environ.get("BENCH_PAGE_CACHE") == "off":
    MIDDLEWARE = [m for m in MIDDLEWARE if m != "storefront.page_cache.AnonymousPageCacheMiddleware"]  # noqa: F405
