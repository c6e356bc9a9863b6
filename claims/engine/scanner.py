"""Finding claims: one compiled pass over the text, then a closer look at the sentences it hit."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .defaults import (
    DEFAULT_RULES,
    DEVICE_PATTERN,
    EFFECT_PATTERN,
    OTHER_TREATMENT_PATTERN,
    FIRST_PERSON_PATTERN,
    INSTRUCTION_PATTERN,
    QUALIFIER_PATTERN,
    SUBJECT_PATTERN,
)
from .rules import CATEGORY_ORDER, SEVERITY_ORDER, Rule
from .safe_regex import Guard
from .sentences import split_sentences

_SAME_LENGTH = str.maketrans(
    {"’": "'", "‘": "'", "ʼ": "'", "“": '"', "”": '"', "„": '"', "‐": "-", "‑": "-", "‒": "-", "–": "-",
     "—": "-", "\u00a0": " ", "\u2009": " ", "\u202f": " "}
)
CITATION_RE = re.compile(r"\[\s*(\d{1,3}(?:\s*[,–-]\s*\d{1,3})*)\s*\]")
_FLAGS = re.IGNORECASE


def normalize(text: str) -> str:
    """Curly quotes, dashes and odd spaces made plain, keeping every offset where it was."""
    return text.translate(_SAME_LENGTH)


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


@dataclass(frozen=True)
class Claim:
    start: int
    end: int
    text: str
    category: str
    categories: tuple[str, ...]
    severity: str
    rule_ids: tuple[str, ...]
    disclaimer: str
    cited: bool
    forbidden_words: tuple[str, ...] = ()

    @property
    def blocks_publishing(self) -> bool:
        return self.severity == "forbidden" or (self.severity == "needs-citation" and not self.cited)

    @property
    def problem(self) -> str:
        if self.severity == "forbidden":
            words = ", ".join(f'"{w}"' for w in self.forbidden_words) or self.category
            return f"Forbidden wording {words} ({self.category.replace('_', ' ')})"
        if self.severity == "needs-citation" and not self.cited:
            if "nonhuman_study" in self.categories:
                return "Animal or laboratory finding without a citation marker"
            return "Statistic or study result without a citation marker"
        return ""


class Ruleset:
    """Enabled rules compiled for a first pass over a passage and one bounded search per rule."""

    def __init__(self, rules=DEFAULT_RULES, *, guard: Guard | None = None):
        self.rules = tuple(rule for rule in rules if rule.enabled)
        # Editors' patterns run under a time budget per passage (safe_regex); phrases cannot backtrack.
        self.guard = guard or Guard()
        self._rule_res = [
            self.guard.rule(rule.id, phrases_pattern(rule.phrases) if rule.phrases else "", rule.patterns, _FLAGS)
            for rule in self.rules
        ]
        self._any = self.guard.first_pass(self._rule_res, _FLAGS)
        self._subject = re.compile(SUBJECT_PATTERN, _FLAGS)
        self._qualifier = re.compile(QUALIFIER_PATTERN, _FLAGS)
        self._instruction = re.compile(INSTRUCTION_PATTERN, _FLAGS)
        self._first_person = re.compile(FIRST_PERSON_PATTERN)
        self._effect = re.compile(EFFECT_PATTERN, _FLAGS)
        self._other_treatment = re.compile(OTHER_TREATMENT_PATTERN, _FLAGS)
        self._device = re.compile(DEVICE_PATTERN, _FLAGS)
        self._diagnosis = re.compile(r"\bdiagnosed\b", _FLAGS)
        # A neutral question or a how-to heading asserts nothing (a question that presumes a benefit,
        # "Why keep taking pills when ...?", is caught by the urgency rule before this applies).
        self._neutral_question = re.compile(
            r"^\W*(?:what|how|can|could|does|do|is|are|will|which|when|where|who)\b[^.!]*\?\W*$|^\W*how\s+to\b", _FLAGS
        )
        self._safe_for_group = re.compile(r"\bsafe\s+(?:for|during|in)\b", _FLAGS)

    def mentions_subject(self, text: str) -> bool:
        """Whether the text is about light therapy or our devices (e.g. a section heading)."""
        return bool(self._subject.search(normalize(text)))

    def scan(
        self,
        text: str,
        *,
        context: str = "article",
        nonhuman_refs: frozenset[int] = frozenset(),
        assume_subject: bool = False,
    ) -> list[Claim]:
        """Claims in `text`, one per sentence that holds one, in order.

        The passage must be about light therapy or the product (a product or review context always is;
        `assume_subject` says so for a paragraph under a heading about light therapy).
        """
        if not text or self._any is None:
            return []
        plain = normalize(text)
        hits = [m.start() for m in self._any.finditer(plain)]
        cited_nonhuman = bool(nonhuman_refs) and any(
            n in nonhuman_refs for m in CITATION_RE.finditer(plain) for n in _numbers(m.group(1))
        )
        if not hits and not cited_nonhuman:
            return []
        spans = split_sentences(plain)
        starts = [s for s, _ in spans]
        wanted = sorted({bisect.bisect_right(starts, h) - 1 for h in hits if h >= (starts[0] if starts else 0)})
        if cited_nonhuman:
            wanted = sorted(set(wanted) | set(range(len(spans))))
        passage_has_subject = assume_subject or context in ("product", "review") or bool(self._subject.search(plain))
        claims = []
        for i in wanted:
            if i < 0:
                continue
            start, end = spans[i]
            claim = self._classify(text, plain, start, end, context, passage_has_subject, nonhuman_refs)
            if claim:
                claims.append(claim)
        return claims

    def _classify(self, text, plain, start, end, context, passage_has_subject, nonhuman_refs) -> Claim | None:
        sentence = plain[start:end]
        if self._qualifier.search(sentence) or (context == "review" and self._diagnosis.search(sentence)):
            return None
        instruction = bool(self._instruction.search(sentence))
        first_person = bool(self._first_person.search(sentence)) and (context == "review" or '"' in sentence)
        reports_effect = first_person and bool(self._effect.search(sentence)) and not (
            self._other_treatment.search(sentence) and not self._device.search(sentence)
        )
        markers = [n for m in CITATION_RE.finditer(sentence) for n in _numbers(m.group(1))]
        matched: list[tuple[Rule, str]] = []
        for rule, regex in zip(self.rules, self._rule_res):
            if regex is None:
                continue
            found = regex.search(sentence)
            if not found:
                continue
            if rule.first_person and not reports_effect:
                continue
            if rule.needs_subject and not passage_has_subject:
                continue
            if instruction and rule.category not in ("cure", "urgency"):
                continue
            matched.append((rule, found.group(0)))
        if any(n in nonhuman_refs for n in markers):
            matched.append((Rule(id="cited-nonhuman-study", category="nonhuman_study", severity="needs-citation", disclaimer="nonhuman_study"), ""))
        if not matched:
            return None
        if self._neutral_question.search(sentence) and not any(r.category == "urgency" for r, _ in matched):
            return None
        if self._safe_for_group.search(sentence):
            # "safe for people with diabetes" names a group, not a disease claim (guideline 0.3, safety).
            matched = [(r, w) for r, w in matched if r.category != "disease"] or matched
        if first_person and context == "review":
            # A reviewer's health report is a testimonial, unless it promises a cure.
            matched = [(r, w) for r, w in matched if r.category in ("cure", "urgency", "testimonial")] or matched
        categories = tuple(c for c in CATEGORY_ORDER if any(r.category == c for r, _ in matched))
        winner = categories[0]
        severity = max((r.severity for r, _ in matched), key=SEVERITY_ORDER.index)
        disclaimer = next(r.disclaimer for r, _ in matched if r.category == winner) or winner
        return Claim(
            start=start,
            end=end,
            text=text[start:end],
            category=winner,
            categories=categories,
            severity=severity,
            rule_ids=tuple(dict.fromkeys(r.id for r, _ in matched)),
            disclaimer=disclaimer,
            cited=bool(markers),
            forbidden_words=tuple(dict.fromkeys(w.strip() for r, w in matched if r.severity == "forbidden" and w.strip())),
        )


def _numbers(group: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", group)]


@lru_cache(maxsize=8)
def compiled(rules: tuple[Rule, ...]) -> Ruleset:
    """The compiled Ruleset for these rules, built once per distinct rule tuple."""
    return Ruleset(rules)


def default_ruleset() -> Ruleset:
    return compiled(DEFAULT_RULES)


def scan(
    text: str,
    ruleset: Ruleset | None = None,
    *,
    context: str = "article",
    nonhuman_refs: frozenset[int] = frozenset(),
    assume_subject: bool = False,
) -> list[Claim]:
    """Claims found in plain text: the whole sentence, its category, severity and disclaimer key."""
    return (ruleset or default_ruleset()).scan(
        text, context=context, nonhuman_refs=nonhuman_refs, assume_subject=assume_subject
    )
