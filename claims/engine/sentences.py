"""Sentence boundaries that survive abbreviations, decimals, citation markers, quotes and line breaks."""

from __future__ import annotations

import re

# Never end a sentence ("e.g. ClinicRed", "Dr. Smith", "vs. sham", "approx. 20 cm").
NEVER_FINAL = frozenset(
    {
        "e.g", "i.e", "eg", "ie", "dr", "mr", "mrs", "ms", "prof", "vs", "v", "cf", "approx", "ca", "fig", "figs",
        "no", "nos", "vol", "pp", "st", "mt", "jr", "sr", "et", "incl", "esp", "resp", "viz", "dept", "est",
    }
)
# End a sentence only when a capitalised word follows ("... et al. It was" vs "Harkless et al. found").
MAYBE_FINAL = frozenset({"al", "etc", "inc", "ltd", "co", "corp", "u.s", "u.k", "min", "max", "ref", "refs"})

_TERMINATOR = re.compile(r"[.!?\u2026]+")
_CLOSERS = "\"'\u201d\u2019\u00bb)]"
_MARKER = re.compile(r"[ \t]*\[\s*\d{1,3}(?:\s*[,;\u2013\-]\s*\d{1,3})*\s*\]")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n")
_CONNECTOR_END = re.compile(
    r"(?:[,;:(\-\u2013\u2014/&]|\b(?:and|or|but|of|the|a|an|to|with|for|in|on|by|at|from|as|than|that|your|my|our))[ \t]*$",
    re.IGNORECASE,
)
_LINE_START = re.compile(r"[ \t]*(?:[\"'\u201c\u2018(\[]*[A-Z0-9]|[-*\u2022])")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` offsets of every sentence in ``text``, in order, trimmed of white space.

    Promises:

    * ``.``, ``!``, ``?`` and ``…`` end a sentence when white space (or the end) follows; a full stop
      does not after an abbreviation ("et al.", "e.g.", "i.e.", "Dr.", "vs."), an initial ("L."), inside
      a number ("1.4") or before a lower-case word;
    * closing quotes and brackets after the stop stay with the sentence, and so does a citation marker
      ("... alone. [3]"); a marker before the stop ("... falls [3].") is inside the sentence anyway;
    * a blank line always ends a sentence (headings and list lines on their own line are sentences);
      a single line break ends one only when the line has no connector at its end and the next line
      starts like a new sentence (capital letter, digit, bullet), so "blood\\nflow" stays together.
    """
    return [(start, end) for start, end, _ in sentence_spans(text)]


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph: runs of text separated by blank lines (untrimmed)."""
    spans, start = [], 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """Like :func:`split_sentences` with a third item: the number of the paragraph holding the sentence."""
    spans: list[tuple[int, int, int]] = []
    for number, (para_start, para_end) in enumerate(paragraph_spans(text)):
        for line_start, line_end in _lines(text, para_start, para_end):
            _split_line(text, line_start, line_end, number, spans)
    return spans


def _lines(text: str, start: int, end: int):
    """Split a paragraph at the single line breaks that look like sentence breaks."""
    current = start
    for match in _LINE_BREAK.finditer(text, start, end):
        before = text[current:match.start()].rstrip()
        if not before or before[-1] in ".!?\u2026:" + _CLOSERS:
            continue  # a terminator there already ends the sentence; ":" lines run on
        if _CONNECTOR_END.search(before) or not _LINE_START.match(text, match.end(), end):
            continue
        yield current, match.start()
        current = match.end()
    yield current, end


def _split_line(text: str, start: int, end: int, paragraph: int, spans: list) -> None:
    sentence_start = start
    for match in _TERMINATOR.finditer(text, start, end):
        stop = match.end()
        if match.group() == "." and not _full_stop_ends(text, match.start(), stop, end):
            continue
        while stop < end and text[stop] in _CLOSERS:
            stop += 1
        marker = _MARKER.match(text, stop, end)
        if marker:
            stop = marker.end()
            if stop < end and text[stop] in ".!?":
                stop += 1
        if stop < end and not text[stop].isspace():
            continue  # "1.4", "e.g.x", "ClinicalTrials.gov"
        _add(text, sentence_start, stop, paragraph, spans)
        sentence_start = stop
    _add(text, sentence_start, end, paragraph, spans)


def _full_stop_ends(text: str, dot: int, after: int, end: int) -> bool:
    word_match = _WORD_BEFORE.search(text, max(0, dot - 16), dot)
    word = word_match.group(1).lower().rstrip(".") if word_match else ""
    if word in NEVER_FINAL:
        return False
    if word_match and len(word_match.group(1)) == 1 and word_match.group(1).isupper():
        return False  # an initial: "Harkless L. et al."
    if dot > 0 and text[dot - 1].isdigit() and after < end and text[after].isdigit():
        return False  # decimal number
    following = re.match(r"[\s\"'\u201c\u2018(]*(\S)", text[after:min(end, after + 40)])
    if following is None:
        return True
    first = following.group(1)
    if first.islower():
        return False
    if word in MAYBE_FINAL and not first.isupper():
        return False
    return True


def _add(text: str, start: int, end: int, paragraph: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end, paragraph))
