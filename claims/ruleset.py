"""The rules in force: the engine's Ruleset built from the database, compiled once per rules version."""

from __future__ import annotations

import hashlib
import threading

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe


VERSION_KEY = "claims:rules-version"
OVERRUNS_KEY = "claims:overruns:{}"
DEGRADED_TIMEOUT = 60  # annotated HTML made while a rule was skipped is kept this long, not a day
_local = threading.local()
_compiled: dict[str, tuple] = {}
_lock = threading.Lock()


def rules_version() -> str:
    """Changes whenever an editor saves a rule or a disclaimer (shared by every app server via the cache)."""
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return str(version)


def rules_changed() -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not in the cache (evicted or never read): any fresh value works
        cache.set(VERSION_KEY, 2, timeout=None)


def current() -> tuple:
    """(compiled ruleset, disclaimer texts by key) for the current rules version."""
    from . import engine

    version = rules_version()
    found = _compiled.get(version)
    if found is not None:
        return found
    from django.db import DatabaseError

    from .models import ClaimRule, Disclaimer

    try:
        rules, texts = _rules_from_database(ClaimRule, Disclaimer)
    except DatabaseError:  # no migrated database (e.g. scan_claims on a bare checkout): the defaults
        rules, texts = (), {}
    if not rules:
        rules, texts = engine.DEFAULT_RULES, dict(engine.DEFAULT_DISCLAIMERS)
    guard = engine.Guard(budget=settings.CLAIMS_RULE_BUDGET_MS / 1000, report=record_overrun)
    compiled = (engine.Ruleset(rules, guard=guard), texts)
    with _lock:
        _compiled.clear()
        _compiled[version] = compiled
    return compiled


def _rules_from_database(ClaimRule, Disclaimer):
    from . import engine

    rules = tuple(
        engine.Rule(
            id=rule.rule_id,
            category=rule.category,
            phrases=rule.phrase_list(),
            patterns=rule.pattern_list(),
            severity=rule.severity,
            disclaimer=rule.disclaimer_key,
            enabled=rule.enabled,
            needs_subject=rule.needs_subject,
            first_person=rule.first_person,
        )
        for rule in ClaimRule.objects.all()
    )
    return rules, dict(Disclaimer.objects.values_list("key", "text"))


def record_overrun(overrun) -> None:
    """Counts a rule's time-outs where the admin shows them (the rule's list and edit page)."""
    key = OVERRUNS_KEY.format(overrun.rule_id)
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


def overruns(rule_id: str) -> dict | None:
    """{count, last, ms, budget_ms, excerpt} for a rule that ran over its time budget since it was saved."""
    return cache.get(OVERRUNS_KEY.format(rule_id))


def forget_overruns(rule_id: str) -> None:
    cache.delete(OVERRUNS_KEY.format(rule_id))


def scan(text: str, *, context: str = "article", **options) -> list:
    """Claims in plain text under the rules in force (options: nonhuman_refs, assume_subject)."""
    ruleset, _ = current()
    return ruleset.scan(text, context=context, **options)


def mentions_subject(text: str) -> bool:
    ruleset, _ = current()
    return ruleset.mentions_subject(text)


def annotate(
    html: str,
    *,
    context: str = "article",
    id_prefix: str = "claim",
    nonhuman_refs: frozenset[int] = frozenset(),
    assume_subject: bool = False,
) -> str:
    """Rich text with every claim sentence marked and its disclaimer after the block; cached by content."""
    if not html:
        return html
    version = rules_version()
    options = f"{context}|{id_prefix}|{sorted(nonhuman_refs)}|{assume_subject}"
    digest = hashlib.sha1(f"{version}|{options}|{html}".encode()).hexdigest()
    key = f"claims:html:{digest}"
    result = cache.get(key)
    if result is None:
        from . import engine

        ruleset, texts = current()
        with engine.skipped_rules() as skipped:
            result = engine.annotate_html(
                html,
                ruleset,
                disclaimers=texts,
                id_prefix=id_prefix,
                context=context,
                nonhuman_refs=nonhuman_refs,
                assume_subject=assume_subject,
            ).html
        cache.set(key, result, timeout=DEGRADED_TIMEOUT if skipped else 24 * 3600)
    return mark_safe(result)


def annotate_text(text: str, *, context: str = "review", id_prefix: str = "claim") -> str:
    """Plain text (e.g. a review) escaped first, then marked; markup in the text stays text."""
    paragraphs = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    html = "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in paragraphs)
    return annotate(html, context=context, id_prefix=id_prefix)


def plain_with_disclaimers(html: str, *, context: str = "product") -> str:
    """Text for plain-text e-mails: the passage, then "Note:" and each disclaimer its claims need."""
    import html as html_lib
    import re

    annotated = str(annotate(html, context=context, id_prefix="mail"))
    annotated = re.sub(r"<(p|li|span) class=\"disclaimer\"[^>]*>", "\nNote: ", annotated)
    annotated = re.sub(r"</(p|li|div|blockquote)>|<br\s*/?>", "\n", annotated)
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", annotated))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
