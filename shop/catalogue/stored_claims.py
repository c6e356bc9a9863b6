"""Claim-annotated HTML of product and review texts, made when the text is saved and stored on the row.

A page render reads `claims_html` from the row it already loaded: no claims pass, no cache look-up. What
is stored, per field: a digest of the text it was made from and the annotated HTML, plus the annotation
version (rules and classifier) it was made under:

    {"version": "<rules>|<model>", "fields": {"description": ["<sha1 of the text>", "<html>"], ...}}

* Saved text: `store` runs once the save is committed (shop/signals.py).
* Changed rules: `claims.ruleset.annotations_outdated` enqueues `shop.tasks.reannotate_stale`, which
  recomputes every row made under another version. Until it has, the old HTML is served (a render that
  sees an old version only enqueues that task, once per version).
* Text that is not what was stored (an admin preview of unsaved text, a queryset update that bypassed the
  signals): the digest does not match, so the render annotates the text itself (cached by content, as
  before) and stores nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import models
from django.db.models import Q
from django_tasks import task
from django.utils.safestring import SafeString, mark_safe
from wagtail.rich_text import expand_db_html

from claims import ruleset
from claims.engine import skipped_rules

from .. import freshness
from .models import Product, Review

DEGRADED = "degraded"  # made while a slow rule was skipped: recomputed by the next stale pass
SCHEDULED_SECONDS = 3600


def _product_fields(product: Product) -> dict[str, tuple[str, Callable[[], str]]]:
    return {
        "description": (
            str(product.description or ""),
            lambda: ruleset.annotate(expand_db_html(str(product.description or "")), context="product", id_prefix="claim-desc"),
        ),
        "tagline": (
            product.tagline,
            lambda: ruleset.annotate_text(product.tagline, context="product", id_prefix=f"claim-card-{product.slug}"),
        ),
    }


def _review_fields(review: Review) -> dict[str, tuple[str, Callable[[], str]]]:
    return {
        "body": (review.body, lambda: ruleset.annotate_text(review.body, context="review", id_prefix=f"claim-review-{review.pk}")),
        "reply": (review.reply, lambda: ruleset.annotate_text(review.reply, context="product", id_prefix=f"claim-reply-{review.pk}")),
    }


FIELDS: dict[type[models.Model], Callable] = {Product: _product_fields, Review: _review_fields}


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:16]


def compute(obj) -> dict:
    """Every annotated field of `obj` under the rules in force, in the stored shape."""
    version = ruleset.annotation_version()
    with skipped_rules() as skipped:
        fields = {name: [_digest(text), str(make())] for name, (text, make) in FIELDS[type(obj)](obj).items()}
    return {"version": DEGRADED if skipped else version, "fields": fields}


def store(obj) -> None:
    """Compute and save `obj`'s annotated HTML (an UPDATE of that one column: no signals, no timestamps)."""
    obj.claims_html = compute(obj)
    type(obj).objects.filter(pk=obj.pk).update(claims_html=obj.claims_html)
    freshness.content_changed()  # pages (and kept parts of them) showing it are made again


def html(obj, field: str) -> SafeString:
    """The annotated HTML of `obj.<field>` for a page: what was stored, if it was made from this text."""
    text, make = FIELDS[type(obj)](obj)[field]
    stored = obj.claims_html or {}
    part = (stored.get("fields") or {}).get(field)
    if part and part[0] == _digest(text):
        if stored.get("version") != ruleset.annotation_version():
            schedule_refresh()
        return mark_safe(part[1])
    return mark_safe(str(make()))  # a preview of unsaved text, or text saved without the signals


def schedule_refresh() -> None:
    """Enqueue the stale pass once per annotation version (two app processes share the cache's flag)."""
    if cache.add(f"claims:stored-refresh:{ruleset.annotation_version()}", True, timeout=SCHEDULED_SECONDS):
        refresh_stale.enqueue()


def rules_changed(**kwargs) -> None:
    """Receiver of `claims.ruleset.annotations_outdated`."""
    schedule_refresh()


@task()
def refresh_stale() -> int:
    """Background job: recompute what was stored under older rules (see `reannotate_stale`)."""
    return reannotate_stale()


def reannotate_stale(batch: int = 200) -> int:
    """Recompute every stored annotation made under another version; returns how many rows changed."""
    version = ruleset.annotation_version()
    changed = 0
    for model in FIELDS:
        current = Q(claims_html__has_key="version") & Q(claims_html__version=version)
        stale = model.objects.exclude(current).order_by("pk")
        for obj in stale.iterator(chunk_size=batch):
            store(obj)
            changed += 1
    return changed
