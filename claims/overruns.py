"""Which claim rules ran over their time budget, kept in the shared cache for the admin to show."""

from __future__ import annotations

from django.core.cache import cache
from django.utils import timezone

KEY = "claims:overruns:{}"


def record(overrun) -> None:
    """Counts a rule's time-outs where the admin shows them (the rule's list and edit page)."""
    key = KEY.format(overrun.rule_id)
    found = cache.get(key) or {"count": 0}
    cache.set(
        key,
        {
            "count": found["count"] + 1,
            "last": timezone.now(),
            "ms": round(overrun.seconds * 1000),
            "budget_ms": round(overrun.budget * 1000),
            "excerpt": overrun.excerpt,
        },
        timeout=None,
    )


def of(rule_id: str) -> dict | None:
    """{count, last, ms, budget_ms, excerpt} for a rule that ran over its time budget since it was saved."""
    return cache.get(KEY.format(rule_id))


def forget(rule_id: str) -> None:
    cache.delete(KEY.format(rule_id))
