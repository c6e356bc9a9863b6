"""What a rule is, and how its phrases become one tolerant regular expression.

Standard library only.  A :class:`Rule` is plain data: the defaults live in :mod:`.defaults`, a data
migration copies them into the database and editors change them there (disable a rule, add phrases).
A :class:`Lexicon` holds the engine's cue words (what counts as the subject "light therapy or our
devices", negations, first person...), also plain data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

CATEGORY_ORDER: tuple[str, ...] = (
    "cure",
    "urgency",
    "testimonial",
    "nonhuman_study",
    "study_result",
    "authority",
    "disease",
    "safety",
    "structure_function",
)
"""Precedence, most serious first: a sentence's single label is the first of these it matches."""

SEVERITY_ORDER: tuple[str, ...] = ("disclaim", "needs-citation", "forbidden")
"""Least to most severe."""

CONTEXTS: tuple[str, ...] = ("article", "product", "review")
"""Where a text appears. In a product or review text the product is the implied subject of every
sentence ("it", "this", "the mobile"); in an article a sentence needs the subject itself, or in its
paragraph (or ``assume_subject``, e.g. under a heading about light therapy)."""

CATEGORY_RANK = {name: rank for rank, name in enumerate(CATEGORY_ORDER)}
SEVERITY_RANK = {name: rank for rank, name in enumerate(SEVERITY_ORDER)}

# One character in, one character out, so offsets in the normalised text are offsets in the input.
_TRANSLATION = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u02bc": "'", "\u2032": "'", "\u00b4": "'",
        "\u0060": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2015": "-", "\u2212": "-",
        "\u00ad": "-",
        "\u00a0": " ", "\u2002": " ", "\u2003": " ", "\u2007": " ", "\u2009": " ", "\u200a": " ", "\u202f": " ",
        "\u3000": " ", "\u2028": "\n", "\u2029": "\n",
    }
)


def normalize(text: str) -> str:
    """Return ``text`` with curly quotes/apostrophes, dashes and special spaces made plain.

    Promise: ``len(normalize(t)) == len(t)`` and every character stays at its offset.
    """
    return text.translate(_TRANSLATION)


@dataclass(frozen=True)
class Rule:
    """One trigger rule: a category, its trigger phrases and patterns, a severity and a disclaimer key.

    * ``phrases``: literal phrases, matched case-insensitively on word boundaries.  Between two words
      any run of spaces, line breaks and hyphens matches, or none ("near infrared" matches
      "near-infrared", "near\\ninfrared" and "nearinfrared"); an apostrophe is optional and matches a
      straight or curly one; a trailing ``*`` matches any word ending ("reduc*").
    * ``patterns``: Python regular expressions, matched case-insensitively on the normalised text
      (straight quotes, plain hyphens) and anchored at word boundaries on both ends.  Unnamed groups are
      fine; named groups and back-references are refused.
    * ``needs_subject``: the rule only counts when the sentence is about light therapy or the store's
      devices (guideline 0.1); see :data:`CONTEXTS`.
    * ``first_person``: the rule only counts in a first-person clause ("I", "my"...).
    """

    id: str
    category: str
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = ()
    severity: str = "disclaim"
    disclaimer: str = ""
    enabled: bool = True
    needs_subject: bool = True
    first_person: bool = False

    def __post_init__(self) -> None:
        for name in ("phrases", "patterns"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            object.__setattr__(self, name, tuple(v for v in value if v and v.strip()))
        if self.category not in CATEGORY_RANK:
            raise ValueError(f"Rule {self.id!r}: unknown category {self.category!r}")
        if self.severity not in SEVERITY_RANK:
            raise ValueError(f"Rule {self.id!r}: unknown severity {self.severity!r}")
        if not self.disclaimer:
            object.__setattr__(self, "disclaimer", self.category)


@dataclass(frozen=True)
class Lexicon:
    """The engine's cue lists (plain data, see :data:`claims.engine.defaults.DEFAULT_LEXICON`).

    ``subjects``/``first_person``/``second_person``/``other_treatments`` are phrases (same syntax as
    :attr:`Rule.phrases`); ``subject_patterns``, ``negations``, ``conditions`` and ``personal_report``
    are regular expressions.
    """

    subjects: tuple[str, ...] = ()
    subject_patterns: tuple[str, ...] = ()
    other_treatments: tuple[str, ...] = ()
    first_person: tuple[str, ...] = ()
    second_person: tuple[str, ...] = ()
    negations: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    personal_report: str = r"(?!x)x"


# --- phrases -> regex ---------------------------------------------------------------------------

_SEP, _APOS, _STAR = "\x00", "\x01", "\x02"
SEPARATOR_RE = r"[\s\-]*"


def _phrase_tokens(phrase: str) -> tuple[str, ...]:
    out: list[str] = []
    for ch in normalize(phrase).strip().lower():
        if ch.isspace() or ch == "-":
            if out and out[-1] != _SEP:
                out.append(_SEP)
        elif ch == "'":
            out.append(_APOS)
        elif ch == "*":
            out.append(_STAR)
        else:
            out.append(ch)
    while out and out[-1] == _SEP:
        out.pop()
    return tuple(out)


def _atom(token: str) -> str:
    if token == _SEP:
        return SEPARATOR_RE
    if token == _APOS:
        return "'?"
    if token == _STAR:
        return r"\w*"
    return re.escape(token)


def _trie(phrases: Iterable[tuple[str, ...]]) -> str:
    root: dict = {}
    for tokens in phrases:
        if tokens:
            node = root
            for token in tokens:
                node = node.setdefault(token, {})
            node[""] = {}

    def emit(node: dict) -> str:
        branches = [_atom(tok) + emit(child) for tok, child in sorted(node.items()) if tok != ""]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" in node:  # a phrase may end here: the longer continuation is optional (greedy)
            return f"(?:{body})?"
        return body

    return emit(root)


def phrase_regex(phrases: Iterable[str]) -> str:
    """Regex source (no boundaries) matching any of ``phrases`` with the tolerance described on
    :class:`Rule`; phrases share prefixes in a trie so a long list stays fast.  ``""`` if none."""
    return _trie(_phrase_tokens(p) for p in phrases if p and p.strip())


_FORBIDDEN_IN_PATTERN = re.compile(r"\(\?P[<=]|\\[1-9]|\(\?\(")


def check_pattern(rule_id: str, pattern: str) -> None:
    """Raise ``ValueError`` naming the rule if ``pattern`` does not compile or uses named groups or
    back-references (they would clash inside the combined expression)."""
    try:
        re.compile(pattern)
    except re.error as error:
        raise ValueError(f"Rule {rule_id!r}: invalid pattern {pattern!r}: {error}") from None
    if _FORBIDDEN_IN_PATTERN.search(pattern):
        raise ValueError(f"Rule {rule_id!r}: named groups and back-references are not allowed: {pattern!r}")
