"""Sentence boundaries that survive abbreviations, decimals, citation markers and quotes."""

from __future__ import annotations

import re

from .evidence import CITATION_RE

ABBREVIATIONS = {
    "al", "e.g", "i.e", "eg", "ie", "dr", "mr", "mrs", "ms", "prof", "vs", "etc", "fig", "no", "vol",
    "approx", "ca", "cf", "st", "jr", "sr", "inc", "ltd", "co", "u.s", "mt", "min", "max", "et",
}
_CANDIDATE = re.compile(r"[.!?]+")
_CLOSERS = "\"'”’)]»"
_MARKER_AFTER = re.compile(r"\s*" + CITATION_RE.pattern)  # a citation marker right after a full stop


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence, stripped of surrounding white space.

    A full stop does not end a sentence after an abbreviation ("et al.", "e.g."), inside a number
    ("1.4"), or before a lower-case word; a citation marker right after the stop ("... falls. [3]")
    stays with its sentence; closing quotes and brackets stay too. Blank lines always end a sentence.
    """
    spans: list[tuple[int, int]] = []
    start = 0
    length = len(text)
    for block in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        start, block_end = block.start(), block.end()
        for match in _CANDIDATE.finditer(text, start, block_end):
            end = match.end()
            if match.group().startswith(".") and len(match.group()) == 1 and not _ends_sentence(text, match.start(), end):
                continue
            while end < block_end and text[end] in _CLOSERS:
                end += 1
            marker = _MARKER_AFTER.match(text, end)
            if marker:
                end = marker.end()
                if end < length and text[end] in ".!?":
                    end += 1
            if end < block_end and not text[end].isspace():
                continue
            _add(spans, text, start, end)
            start = end
        _add(spans, text, start, block_end)
    return spans


def _ends_sentence(text: str, dot: int, after: int) -> bool:
    before = text[max(0, dot - 12):dot]
    word = re.search(r"([A-Za-z][A-Za-z.]*)$", before)
    if word and word.group(1).lower().rstrip(".") in ABBREVIATIONS:
        return False
    if word and len(word.group(1)) == 1 and word.group(1).isupper():  # initials: "Harkless L. et al"
        return False
    if dot > 0 and text[dot - 1].isdigit() and after < len(text) and text[after].isdigit():
        return False
    following = re.match(r"\s*[\"'“‘(\[]*(\w)", text[after:after + 20])
    if following and following.group(1).islower():
        return False
    return True


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
