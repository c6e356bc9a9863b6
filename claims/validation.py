"""Editor checks: what blocks publishing and what is only a warning."""

from __future__ import annotations

import html as html_lib
from dataclasses import dataclass

from django.utils.html import strip_tags
from django.utils.text import Truncator

from . import ruleset
from .engine import skipped_rules


@dataclass(frozen=True)
class Evidence:
    """What the edited content offers in support of its claims.

    `references`: the numbers of its reference list (None when not known: any citation marker counts;
    an empty set when it has none, as a product description). `verified`: the wording its verification
    records cover.
    """

    references: frozenset[int] | None = None
    verified: tuple[str, ...] = ()


def plain_text(rich_html: str) -> str:
    return html_lib.unescape(strip_tags(rich_html.replace("</p>", "</p>\n").replace("<br/>", "\n").replace("<br>", "\n")))


def _scanned(texts, context: str):
    for item in texts:
        text, options = item if isinstance(item, tuple) else (item, {})
        options = {"context": context, **options}
        for claim in ruleset.scan(text or "", **options):
            yield claim, options["context"]


def findings(texts, *, context: str = "article") -> list:
    """Claims in each text; an item may be (text, options) to pass scan options such as nonhuman_refs or context."""
    return [claim for claim, _ in _scanned(texts, context)]


def problems(texts, *, context: str = "article", evidence: Evidence = Evidence()) -> list[tuple]:
    """(claim, why it may not be published, or "") for each claim. Reviews are customers' words: never blocked."""
    return [
        (claim, "" if claim_context == "review" else claim.publishing_problem(references=evidence.references, verified=evidence.verified))
        for claim, claim_context in _scanned(texts, context)
    ]


def blocking_messages(texts, *, context: str = "article", evidence: Evidence = Evidence()) -> list[str]:
    """One message per claim that must not be published, naming the sentence; and one per rule that ran
    over its time budget here, since the text was then not checked against it (the check fails closed)."""
    with skipped_rules() as skipped:
        messages = [
            f"{problem}: “{Truncator(claim.text.strip()).chars(160)}”"
            for claim, problem in problems(texts, context=context, evidence=evidence)
            if problem
        ]
    messages += [f"Claim rule “{rule_id}” was too slow to check this text; ask whoever edits claim rules to fix it" for rule_id in skipped]
    return messages
