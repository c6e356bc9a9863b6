"""One counter that says "what shoppers see has changed": cached pages and kept parts of them are keyed on it.

Bumped (now, and again after commit) when a product, its stock, a review, a shipping method, a page, a
Site or a view restriction changes, so every cached page that shows it is rebuilt at once. Shared by all
app servers through the cache.

Within one request (`RequestMemo`, a middleware), the counter and whatever `kept` returned are read from
the shared cache once; `prefetch` reads several kept values in one round trip.
"""

from __future__ import annotations

import time
from contextvars import ContextVar

from django.core.cache import cache
from django.db import transaction

KEY = "storefront:content-generation"


_memo: ContextVar[dict | None] = ContextVar("freshness_memo", default=None)


def counter(key: str) -> int:
    """A shared counter's value. Started from the clock, not 1: a counter lost from the cache (evicted,
    flushed) never comes back to a value whose kept entries are still there."""
    value = cache.get(key)
    if value is None:
        cache.add(key, time.time_ns() // 1000, timeout=None)
        value = cache.get(key, 1)
    return value


def advance(key: str) -> None:
    """Move a shared counter on now and, inside a transaction, again once it commits, so that nothing
    another process read and kept in between (before the commit, the old content) is served."""

    def bump():
        try:
            cache.incr(key)
        except ValueError:
            cache.set(key, time.time_ns() // 1000, timeout=None)

    bump()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(bump)


def generation() -> str:
    memo = _memo.get()
    if memo is not None and KEY in memo:
        return memo[KEY]
    value = str(counter(KEY))
    if memo is not None:
        memo[KEY] = value
    return value


def content_changed(*args, **kwargs) -> None:
    """Mark every cached page stale (usable as a signal receiver), at once and after commit (`advance`);
    what this request read of the old generation is forgotten."""
    memo = _memo.get()
    if memo is not None:
        memo.clear()
    advance(KEY)


_MISSING = object()


def kept(key: str, make, *, keep_none: bool = True, timeout: int = 24 * 3600):
    """`make()`, kept in the shared cache under `key` until what shoppers see changes (the generation
    moves): for what a page reads on every visit and only a change to the shop can change (a product's
    row, the shipping methods, the Sites). A None is kept too unless `keep_none` is false (a key made
    from what a visitor typed: an unknown product's slug is not kept)."""
    full = f"kept:{generation()}:{key}"
    memo = _memo.get()
    if memo is not None and full in memo:
        return memo[full]
    value = cache.get(full, _MISSING)
    if value is _MISSING:
        value = make()
        if value is not None or keep_none:
            cache.set(full, value, timeout)
    if memo is not None:
        memo[full] = value
    return value


def keep(key: str, value, *, timeout: int = 24 * 3600) -> None:
    """Keep `value` under `key` for this generation (what `kept` reads), e.g. a growing table."""
    full = f"kept:{generation()}:{key}"
    cache.set(full, value, timeout)
    memo = _memo.get()
    if memo is not None:
        memo[full] = value


def prefetch(*keys: str) -> None:
    """Read these kept values (see `kept`) in one round trip, for the rest of this request."""
    memo = _memo.get()
    if memo is None:
        return
    prefix = f"kept:{generation()}:"
    memo.update(cache.get_many([prefix + key for key in keys if prefix + key not in memo]))


class RequestMemo:
    """Middleware: the generation and kept values are read once per request (see the module's notes)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
