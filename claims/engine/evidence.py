"""What can support a claim: citation markers such as [3], [1, 4] or [7–9], and wording an editor verified."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable

_DASHES = "\\-‐‑‒–—"
# A marker names reference numbers: one, a list, a range, or a list with ranges ("[1, 3–5]").
CITATION_RE = re.compile(rf"\[\s*(\d{{1,3}}(?:\s*[,{_DASHES}]\s*\d{{1,3}})*)\s*\]")
_ITEM_RE = re.compile(rf"(\d+)\s*[{_DASHES}]\s*(\d+)|(\d+)")
_WORD_RE = re.compile(r"\w+")


def marker_items(group: str) -> list[tuple[int, int]]:
    """The items of one marker's inside, in order, each as (first, last): "1, 3–5" gives [(1, 1), (3, 5)]."""
    items = []
    for match in _ITEM_RE.finditer(group):
        if match.group(3):
            number = int(match.group(3))
            items.append((number, number))
        else:
            items.append((int(match.group(1)), int(match.group(2))))
    return items


def numbers_named(group: str) -> list[int]:
    """Every reference number one marker's inside names, ranges expanded: "1, 3–5" gives [1, 3, 4, 5]."""
    numbers = []
    for first, last in marker_items(group):
        step = 1 if first <= last else -1
        numbers.extend(range(first, last + step, step))
    return numbers


def marker_numbers(text: str) -> list[int]:
    """Every reference number named by the citation markers in `text`, in order of appearance."""
    return [n for match in CITATION_RE.finditer(text) for n in numbers_named(match.group(1))]


def cites_only(text: str, references: Collection[int] | None) -> bool:
    """Whether `text` carries a citation marker and every number its markers name is in `references`.

    `references` None means the reference list is not known: any marker counts.
    """
    numbers = marker_numbers(text)
    if not numbers:
        return False
    return references is None or all(n in references for n in numbers)


def _words(text: str) -> list[str]:
    return _WORD_RE.findall(CITATION_RE.sub(" ", text).casefold())


def covers(wording: str, sentence: str) -> bool:
    """Whether `wording` appears in `sentence` as whole words in the same order.

    Case, punctuation, quotes, dashes, spacing and citation markers are ignored, so a record covering
    "FDA-cleared" verifies "FDA cleared for minor arthritis pain [2]."
    """
    wanted = _words(wording)
    if not wanted:
        return False
    words = _words(sentence)
    size = len(wanted)
    return any(words[i : i + size] == wanted for i in range(len(words) - size + 1))


def covered_by_any(wordings: Iterable[str], sentence: str) -> bool:
    return any(covers(wording, sentence) for wording in wordings)
