"""Citation markers such as [3] in article text: finding, validating and linking them."""

from __future__ import annotations

import re
from collections import defaultdict

MARKER_RE = re.compile(r"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")
_TAG_RE = re.compile(r"(<[^>]*>)")


def marker_numbers(text: str) -> list[int]:
    """Every reference number named by a marker in `text`, in order of appearance."""
    numbers = []
    for match in MARKER_RE.finditer(text):
        numbers.extend(int(n) for n in match.group(1).split(","))
    return numbers


def unknown_markers(texts: list[str], reference_count: int) -> list[int]:
    """Marker numbers that name no reference entry (sorted, without repeats)."""
    return sorted({n for text in texts for n in marker_numbers(text) if not 1 <= n <= reference_count})


class MarkerLinker:
    """Turns markers into links to reference entries and remembers each place for back-links."""

    def __init__(self, reference_count: int):
        self.reference_count = reference_count
        self.places: dict[int, list[str]] = defaultdict(list)

    def link(self, html: str) -> str:
        parts = _TAG_RE.split(html)
        inside_link = 0
        for i, part in enumerate(parts):
            if part.startswith("<"):
                lowered = part.lower()
                if lowered.startswith("<a ") or lowered == "<a>":
                    inside_link += 1
                elif lowered.startswith("</a"):
                    inside_link = max(0, inside_link - 1)
                continue
            if not inside_link:
                parts[i] = MARKER_RE.sub(self._replace, part)
        return "".join(parts)

    def _replace(self, match: re.Match) -> str:
        numbers = [int(n) for n in match.group(1).split(",")]
        if not all(1 <= n <= self.reference_count for n in numbers):
            return match.group(0)
        links = []
        for n in numbers:
            anchor = f"cite-{n}-{len(self.places[n]) + 1}"
            self.places[n].append(anchor)
            label = f"[{n}]" if len(numbers) == 1 else str(n)
            links.append(
                f'<a class="cite" id="{anchor}" href="#ref-{n}" '
                f'aria-label="Reference {n}">{label}</a>'
            )
        if len(links) == 1:
            return links[0]
        return "[" + ", ".join(links) + "]"


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
