"""The rules in force: the engine's Ruleset built from the database, compiled once per rules version."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from .engine.placeholders import Reference


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
    return _loaded()[:2]


def _loaded() -> tuple:
    """(compiled ruleset, full texts by key, short texts by key), built once per rules version."""
    from . import engine

    version = rules_version()
    found = _compiled.get(version)
    if found is not None:
        return found
    from django.db import DatabaseError

    from .models import ClaimRule, Disclaimer

    try:
        rules, texts, shorts = _rules_from_database(ClaimRule, Disclaimer)
    except DatabaseError:  # no migrated database (e.g. scan_claims on a bare checkout): the defaults
        rules, texts, shorts = (), {}, {}
    if not rules:
        rules, texts, shorts = engine.DEFAULT_RULES, dict(engine.DEFAULT_DISCLAIMERS), dict(engine.DEFAULT_SHORT_DISCLAIMERS)
    guard = engine.Guard(budget=settings.CLAIMS_RULE_BUDGET_MS / 1000, report=record_overrun)
    compiled = (engine.Ruleset(rules, guard=guard), texts, shorts)
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
    rows = list(Disclaimer.objects.values_list("key", "text", "short_text"))
    return rules, {key: text for key, text, _ in rows}, {key: short for key, _, short in rows if short.strip()}


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
    from .learned import classifier

    ruleset, _ = current()
    return ruleset.scan(text, classifier=classifier(), **options)


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
    references: Mapping[int, Reference] | None = None,
    section: set[str] | None = None,
    short_forms: bool = True,
) -> str:
    """Rich text with every claim sentence marked and one note after each block; cached by content.

    `section` holds the disclaimer keys already shown in full in the section this passage belongs to
    (an article's heading-delimited section): those come back as short forms, and the keys this
    passage shows in full are added to it. Without it, the passage is a section of its own.
    """
    if not html:
        return html
    from .learned import classifier

    model = classifier()
    version = f"{rules_version()}|{model.model.version if model else 'rules'}"
    shown = frozenset(section or ())
    refs = sorted((references or {}).items())
    options = f"{context}|{id_prefix}|{sorted(nonhuman_refs)}|{assume_subject}|{sorted(shown)}|{short_forms}|{refs!r}"
    digest = hashlib.sha1(f"{version}|{options}|{html}".encode()).hexdigest()
    key = f"claims:html:{digest}"
    result = cache.get(key)
    if result is None:
        from . import engine

        ruleset, texts, shorts = _loaded()
        with engine.skipped_rules() as skipped:
            annotated = engine.annotate_html(
                html,
                ruleset,
                disclaimers=texts,
                short_disclaimers=shorts,
                id_prefix=id_prefix,
                context=context,
                nonhuman_refs=nonhuman_refs,
                assume_subject=assume_subject,
                references=references,
                shown=shown,
                short_forms=short_forms,
                classifier=model,
            )
        result = (annotated.html, annotated.shown)
        cache.set(key, result, timeout=DEGRADED_TIMEOUT if skipped else 24 * 3600)
    if section is not None:  # what the passage leaves shown (a heading inside it starts a new section)
        section.clear()
        section.update(result[1])
    return mark_safe(result[0])


def annotate_text(text: str, *, context: str = "review", id_prefix: str = "claim") -> str:
    """Plain text (e.g. a review) escaped first, then marked; markup in the text stays text."""
    paragraphs = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    html = "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in paragraphs)
    return annotate(html, context=context, id_prefix=id_prefix)


def plain_with_disclaimers(html: str, *, context: str = "product") -> str:
    """Text for plain-text e-mails: the passage, then "Note:" and each disclaimer its claims need."""
    import html as html_lib
    import re

    annotated = str(annotate(html, context=context, id_prefix="mail", short_forms=False))
    annotated = re.sub(r"<p class=\"disclaimer-point\"[^>]*>", "\nNote: ", annotated)
    annotated = re.sub(r"</(p|li|div|blockquote)>|<br\s*/?>", "\n", annotated)
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", annotated))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
