"""Citation markers such as [3], [1, 4] or [7–9] in article text: finding, validating and linking them.

The claim engine reads markers the same way (claims/engine/evidence.py), so a marker the editor
form accepts is exactly one the claim checks count as a citation.
"""

from __future__ import annotations

import re
from collections import defaultdict

from django.utils.html import escape

from claims.engine.evidence import CITATION_RE, marker_items, marker_numbers, numbers_named
from claims.engine.markup import rewrite_text


def unknown_markers(texts: list[str], reference_count: int) -> list[int]:
    """Marker numbers that name no reference entry (sorted, without repeats)."""
    return sorted({n for text in texts for n in marker_numbers(text) if not 1 <= n <= reference_count})


class MarkerLinker:
    """Turns markers into links to reference entries and remembers each place for back-links."""

    def __init__(self, reference_count: int):
        self.reference_count = reference_count
        self.places: dict[int, list[str]] = defaultdict(list)

    def link(self, html: str) -> str:
        """Rendered HTML with its markers linked (text already inside a link is left alone)."""
        return rewrite_text(html, self._link_text)

    def _link_text(self, text: str) -> str:
        out, last = [], 0
        for match in CITATION_RE.finditer(text):
            out += [escape(text[last : match.start()]), self._replace(match)]
            last = match.end()
        out.append(escape(text[last:]))
        return "".join(out)

    def _replace(self, match: re.Match) -> str:
        if not all(1 <= n <= self.reference_count for n in numbers_named(match.group(1))):
            return escape(match.group(0))
        items = marker_items(match.group(1))
        if len(items) == 1 and items[0][0] == items[0][1]:
            return self._link(items[0][0], f"[{items[0][0]}]")
        # A range links its two ends ("[3–5]": 3 and 5); the references between are cited but not linked.
        parts = [
            self._link(first, str(first)) if first == last else f"{self._link(first, str(first))}–{self._link(last, str(last))}"
            for first, last in items
        ]
        return "[" + ", ".join(parts) + "]"

    def _link(self, n: int, label: str) -> str:
        anchor = f"cite-{n}-{len(self.places[n]) + 1}"
        self.places[n].append(anchor)
        return f'<a class="cite" id="{anchor}" href="#ref-{n}" aria-label="Reference {n}">{label}</a>'


_INITIALS_RE = re.compile(r"^[A-Z]{1,3}$")
_YEAR_RE = re.compile(r"\b(1[89]\d\d|20\d\d)\b")


def short_label(authors: str, published: str) -> str:
    """How a disclaimer names a reference: "Harkless et al. 2006", "Ammar 2012", "Mayo Clinic Staff 2021"."""
    names = []
    for author in (a.strip() for a in authors.split(",")):
        if not author:
            continue
        words = author.split()
        if len(words) > 1 and _INITIALS_RE.match(words[-1]):  # "Harkless LB": a surname and initials
            author = " ".join(words[:-1])
        names.append(author)
    if len(names) > 2:
        who = f"{names[0]} et al."
    else:
        who = " and ".join(names)
    year = _YEAR_RE.search(published or "")
    return f"{who} {year.group(1)}".strip() if year else who
