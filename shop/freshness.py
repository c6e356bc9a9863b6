"""One counter that says "what shoppers see has changed": cached pages are keyed on it.

Bumped (after commit) when a product, its stock, a review, a shipping method or a page changes, so
every cached page that shows it is rebuilt at once. Shared by all app servers through the cache.
"""

from __future__ import annotations

import time

from django.core.cache import cache
from django.db import transaction

KEY = "storefront:content-generation"


def generation() -> str:
    value = cache.get(KEY)
    if value is None:
        # Started from the clock, not 1: a counter lost from the cache (evicted, flushed) never comes
        # back to a value whose pages are still cached.
        cache.add(KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(KEY, 1)
    return str(value)


def _bump() -> None:
    try:
        cache.incr(KEY)
    except ValueError:
        cache.set(KEY, time.time_ns() // 1000, timeout=None)


def content_changed(*args, **kwargs) -> None:
    """Mark every cached page stale once the current transaction commits (usable as a signal receiver)."""
    transaction.on_commit(_bump)
