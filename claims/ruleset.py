"""The rules in force: the engine's Ruleset built from the database, compiled once per rules version."""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Mapping
from datetime import timedelta
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from . import engine, overruns
from .engine.placeholders import Reference
from .learned import classifier
from .models import ClaimRule, Disclaimer, StoredAnnotation


VERSION_KEY = "claims:rules-version"
DEGRADED_TIMEOUT = 60  # annotated HTML made while a rule was skipped is kept this long, not a day
_compiled: dict[str, tuple] = {}
_lock = threading.Lock()


VERSION_SECONDS = 300  # how long the shared cache may keep a version before it is read again


_local: list = [None, 0.0]  # [version, monotonic time it was read]


def rules_version() -> str:
    """A digest of the rules and disclaimers in the database and of the engine's code: the same on every
    app server and after a cache flush (stored annotations are keyed on it), kept in the shared cache
    and dropped from it when an editor saves a rule or a disclaimer. A process reads it from the shared
    cache at most every CLAIMS_VERSION_LOCAL_SECONDS (a page shows dozens of stored texts, each checked
    against it), so another app server sees a rules change within that time (2 s; the tests use 0)."""
    version, read_at = _local
    now = time.monotonic()
    if version is not None and now - read_at < settings.CLAIMS_VERSION_LOCAL_SECONDS:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        version = _digest_of_rules()
        cache.set(VERSION_KEY, version, timeout=VERSION_SECONDS)
    _local[:] = [version, now]
    return version


def rules_changed() -> None:
    cache.delete(VERSION_KEY)
    _local[:] = [None, 0.0]
    annotations_outdated.send(sender=None)


# Sent after the rules changed (once the change is committed): HTML annotated and stored under the old
# rules is now stale; the shop's receiver recomputes it in the background while the old one is served.
annotations_outdated = Signal()


def annotation_version() -> str:
    """What an annotation made now depends on: the rules in force and the classifier's model."""
    model = classifier()
    return f"{rules_version()}|{model.model.version if model else 'rules'}"


def rules_saved(**kwargs) -> None:
    """Signal receiver: a rule or disclaimer was saved or deleted; the version moves on after commit."""
    transaction.on_commit(rules_changed)


def _digest_of_rules() -> str:


    digest = hashlib.sha256(_engine_digest().encode())
    try:
        digest.update(repr(list(ClaimRule.objects.order_by("pk").values_list(
            "rule_id", "category", "phrases", "patterns", "severity", "disclaimer_key", "enabled", "needs_subject",
            "first_person",
        ))).encode())
        digest.update(repr(list(Disclaimer.objects.order_by("pk").values_list("key", "text", "short_text"))).encode())
    except DatabaseError:  # no migrated database: the shipped defaults
        digest.update(b"defaults")
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def _engine_digest() -> str:
    """The engine's code and data as this process loaded them: a deploy that changes them changes the version."""

    engine_dir = Path(__file__).with_name("engine")
    digest = hashlib.sha256()
    for path in sorted(engine_dir.rglob("*")):
        if path.suffix in (".py", ".txt", ".json") and path.is_file():
            digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()


def current() -> tuple:
    """(compiled ruleset, disclaimer texts by key) for the current rules version."""
    return _loaded()[:2]


def _loaded() -> tuple:
    """(compiled ruleset, full texts by key, short texts by key), built once per rules version."""

    version = rules_version()
    found = _compiled.get(version)
    if found is not None:
        return found


    try:
        rules, texts, shorts = _rules_from_database(ClaimRule, Disclaimer)
    except DatabaseError:  # no migrated database (e.g. scan_claims on a bare checkout): the defaults
        rules, texts, shorts = (), {}, {}
    if not rules:
        rules, texts, shorts = engine.DEFAULT_RULES, dict(engine.DEFAULT_DISCLAIMERS), dict(engine.DEFAULT_SHORT_DISCLAIMERS)
    guard = engine.Guard(budget=settings.CLAIMS_RULE_BUDGET_MS / 1000, report=overruns.record)
    compiled = (engine.Ruleset(rules, guard=guard), texts, shorts)
    with _lock:
        _compiled.clear()
        _compiled[version] = compiled
    return compiled


def _rules_from_database(ClaimRule, Disclaimer):

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


def scan(text: str, *, context: str = "article", **options) -> list:
    """Claims in plain text under the rules in force (options: nonhuman_refs)."""

    ruleset, _ = current()
    return ruleset.scan(text, classifier=classifier(), **options)


def annotate(
    html: str,
    *,
    context: str = "article",
    id_prefix: str = "claim",
    nonhuman_refs: frozenset[int] = frozenset(),
    references: Mapping[int, Reference] | None = None,
    section: set[str] | None = None,
    short_forms: bool = True,
) -> str:
    """Rich text with every claim sentence marked and one note after each block; cached by content
    (a whole article's passages are also stored in the database: `annotate_page`).

    `section` holds the disclaimer keys already shown in full in the section this passage belongs to
    (an article's heading-delimited section): those come back as short forms, and the keys this
    passage shows in full are added to it. Without it, the passage is a section of its own.
    """
    if not html:
        return html

    model = classifier()
    version = annotation_version()
    shown = frozenset(section or ())
    refs = sorted((references or {}).items())
    options = f"{context}|{id_prefix}|{sorted(nonhuman_refs)}|{sorted(shown)}|{short_forms}|{refs!r}"
    digest = hashlib.sha256(f"{version}|{options}|{html}".encode()).hexdigest()
    key = f"claims:html:{digest}"
    result = cache.get(key)
    if result is None:
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
                references=references,
                shown=shown,
                short_forms=short_forms,
                classifier=model,
            )
        result = (annotated.html, sorted(annotated.shown))
        cache.set(key, result, timeout=DEGRADED_TIMEOUT if skipped else 24 * 3600)
    if section is not None:  # what the passage leaves shown (a heading inside it starts a new section)
        section.clear()
        section.update(result[1])
    return mark_safe(result[0])


STORED_DAYS = 30  # a stored page annotation not made again within this long is dropped (made anew if needed)


def annotate_page(passages: list[tuple[str | None, dict]]) -> list[str | None]:
    """Each passage's annotated HTML, as `annotate` makes it, for a whole page in one read.

    `passages`: (html, annotate options) in page order; html None is a heading, which starts a new
    section (see `annotate`'s `section`). The result is kept in the cache and in the database
    (StoredAnnotation), so a render with cold caches reads one row; it is made when the page is
    published (content's publish hook renders it) or, failing that, on the first render.
    """

    version = annotation_version()
    digest = hashlib.sha256(f"{version}|{passages!r}".encode()).hexdigest()
    cache_key = f"claims:page-parts:{digest}"
    parts, degraded = cache.get(cache_key, (None, False))
    if parts is None:
        parts = StoredAnnotation.objects.filter(key=digest).values_list("parts", flat=True).first()
        if parts is None:
            parts, section = [], set()
            with engine.skipped_rules() as skipped:
                for html, options in passages:
                    if html is None:
                        section.clear()
                        parts.append(None)
                    elif options.get("own_section"):  # e.g. a product-cards block's intro
                        parts.append(str(annotate(html, **{k: v for k, v in options.items() if k != "own_section"})))
                    else:
                        parts.append(str(annotate(html, section=section, **options)))
            degraded = bool(skipped)
            if not degraded:  # a page made while a rule was skipped is not kept
                _store(digest, parts)
        cache.set(cache_key, (parts, degraded), timeout=DEGRADED_TIMEOUT if degraded else 24 * 3600)
    return AnnotatedPage((None if part is None else mark_safe(part) for part in parts), degraded=degraded)


class AnnotatedPage(list):
    """annotate_page's result: the passages' HTML, and whether it was made while a rule was skipped (then
    whatever is built from it is kept only DEGRADED_TIMEOUT)."""

    def __init__(self, parts, *, degraded: bool = False):
        super().__init__(parts)
        self.degraded = degraded


def _store(key: str, parts) -> None:
    """Keep an annotation in the database (now and then, rows older than STORED_DAYS are dropped)."""
    if random.random() < 0.02:
        StoredAnnotation.objects.filter(created_at__lt=timezone.now() - timedelta(days=STORED_DAYS)).delete()
    StoredAnnotation.objects.bulk_create([StoredAnnotation(key=key, parts=parts)], ignore_conflicts=True)


def text_as_html(text: str) -> str:
    """Plain text (e.g. a review) as escaped paragraphs: markup in the text stays text."""
    paragraphs = [p.strip() for p in str(text).split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>".replace("\n", "<br>") for p in paragraphs)


def annotate_text(text: str, *, context: str = "review", id_prefix: str = "claim") -> str:
    """Plain text (e.g. a review) escaped first, then marked."""
    return annotate(text_as_html(text), context=context, id_prefix=id_prefix)


def plain_with_disclaimers(html: str, *, context: str = "product") -> str:
    """Text for plain-text e-mails: the passage, then "Note:" and each disclaimer its claims need."""
    import html as html_lib
    import re

    annotated = str(annotate(html, context=context, id_prefix="mail", short_forms=False))
    annotated = re.sub(r"<p class=\"disclaimer-point\"[^>]*>", "\nNote: ", annotated)
    annotated = re.sub(r"</(p|li|div|blockquote)>|<br\s*/?>", "\n", annotated)
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", annotated))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
