"""Editor checks: what blocks publishing and what is only a warning."""

from __future__ import annotations

from django.utils.html import strip_tags
from django.utils.text import Truncator
import html as html_lib

from . import ruleset


def plain_text(rich_html: str) -> str:
    return html_lib.unescape(strip_tags(rich_html.replace("</p>", "</p>\n").replace("<br/>", "\n").replace("<br>", "\n")))


def findings(texts, *, context: str = "article") -> list:
    """Claims in each text; an item may be (text, options) to pass scan options such as assume_subject."""
    found = []
    for item in texts:
        text, options = item if isinstance(item, tuple) else (item, {})
        options = {"context": context, **options}
        found.extend(ruleset.scan(text or "", **options))
    return found


def blocking_messages(texts, *, context: str = "article") -> list[str]:
    """One message per claim that must not be published, naming the sentence."""
    return [
        f"{claim.problem}: “{Truncator(claim.text.strip()).chars(160)}”"
        for claim in findings(texts, context=context)
        if claim.blocks_publishing
    ]
