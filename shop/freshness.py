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
    """Mark every cached page stale (usable as a signal receiver): now, so the change's own request
    reads it afresh, and again once the current transaction commits, so that nothing another process
    read and kept in between (before the commit, the old content) is served."""
    _bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(_bump)


_MISSING = object()


def kept(key: str, make, *, keep_none: bool = True, timeout: int = 24 * 3600):
    """`make()`, kept in the shared cache under `key` until what shoppers see changes (the generation
    moves): for what a page reads on every visit and only a change to the shop can change (a product's
    row, the shipping methods). A None is kept too unless `keep_none` is false (a key made from what a
    visitor typed: an unknown product's slug is not kept)."""
    full = f"kept:{generation()}:{key}"
    value = cache.get(full, _MISSING)
    if value is _MISSING:
        value = make()
        if value is not None or keep_none:
            cache.set(full, value, timeout)
    return value
