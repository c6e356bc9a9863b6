"""Words as the rules read them: text made plain without moving an offset, and phrase lists as one trie regex."""

from __future__ import annotations

import re
from functools import lru_cache

_SAME_LENGTH = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "‐": "-", "‑": "-", "‒": "-", "–": "-",
     "—": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2028": "\n", "\u00ad": "-",
     # letters that look Latin (Cyrillic, Greek) and full-width forms, so "сurе" reads as "cure"
     **dict(zip("аеорсухіјѕԁһӏԛԝАВЕКМНОРСТХУІЈЅ", "aeopcyxijsdhlqwABEKMHOPCTXYIJS")),
     **dict(zip("οανικρτυχΟΑΒΕΗΙΚΜΝΡΤΧΥΖ", "oavikptuxOABEHIKMNPTXYZ")),
     **{chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}}
)


def normalize(text: str) -> str:
    """Curly quotes, dashes and odd spaces made plain, keeping every offset where it was."""
    return text.translate(_SAME_LENGTH)


def fold(text: str) -> str:
    """Lower case with every offset where it was (the rules' patterns run on it, much faster in `re`)."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


_SEP, _APOS = "\x00sep", "\x00apos"


def _tokens(phrase: str) -> tuple[str, ...]:
    words = [w for w in re.split(r"[\s\-]+", normalize(phrase).strip().lower()) if w]
    out: list[str] = []
    for n, word in enumerate(words):
        if n:
            out.append(_SEP)
        out.extend(_APOS if ch == "'" else ch for ch in word)
    return tuple(out)


def phrases_pattern(phrases) -> str:
    """Phrases as one regex built as a trie (fast in `re`): whole words, any case,
    hyphen/space/line-break/none between words, optional apostrophes."""
    return _phrases_pattern(tuple(phrases))


@lru_cache(maxsize=256)
def _phrases_pattern(phrases: tuple[str, ...]) -> str:
    """phrases_pattern, built once per phrase list (the 6,233 condition names take about a second)."""
    trie: dict = {}
    for phrase in phrases:
        node = trie
        for token in _tokens(phrase):
            node = node.setdefault(token, {})
        node[""] = {}
    if not trie:
        return ""
    return rf"(?<!\w){_trie_regex(trie)}(?!\w)"


def _trie_regex(node: dict) -> str:
    ends = "" in node
    branches = []
    for token, child in sorted((t, c) for t, c in node.items() if t != ""):
        atom = r"[\s\-]*" if token == _SEP else "'?" if token == _APOS else re.escape(token)
        rest = _trie_regex(child) if child and set(child) != {""} else ""
        branches.append(atom + rest)
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body
