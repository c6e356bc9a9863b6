"""Finding claims: one compiled pass over the text, then a closer look at the sentences it hit."""

from __future__ import annotations

import bisect
import operator
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .defaults import (
    DEFAULT_RULES,
    DEVICE_PATTERN,
    NAMED_DEVICE_PATTERN,
    EFFECT_PATTERN,
    OTHER_TREATMENT_PATTERN,
    FIRST_PERSON_PATTERN,
    GENERAL_SUBJECT_PATTERN,
    INSTRUCTION_PATTERN,
    QUALIFIER_PATTERN,
    SUBJECT_PATTERN,
)
from . import conditions as condition_names
from .phrases import fold, normalize, phrases_pattern
from .evidence import CITATION_RE, cites_only, covered_by_any, marker_numbers, numbers_named
from .rules import CATEGORY_ORDER, SEVERITY_ORDER, Rule
from .safe_regex import Guard
from .sentences import split_sentences

_WORDS = re.compile(r"[^\W\d_]{2,}(?:\W+[^\W\d_]{2,}){2}")  # three words or more: worth asking the classifier
_FLAGS = re.IGNORECASE


_BROKEN_WORD = re.compile(r"(?<=\w)-[ \t]*\n\s*(?=\w)")
_SPELLED_OUT = re.compile(r"(?<!\w)(?:[^\W\d_][ .\-]){2,}[^\W\d_](?!\w)\.?")
# Words cut by hyphens or line breaks: "cu-res", "Per-ma-nent", "guaran⏎teed" (a chain of pieces).
_CUT_WORD = re.compile(r"(?<!\w)[^\W\d_]+(?:(?:-|[ \t]*\n[ \t]*)[^\W\d_]+)+(?!\w)")
_CUT = re.compile(r"-|[ \t]*\n[ \t]*")
_OBFUSCATED = re.compile(f"{_BROKEN_WORD.pattern}|{_SPELLED_OUT.pattern}|{_CUT_WORD.pattern}")


def unmask(sentence: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """A sentence with words put back together: "guaran-⏎teed", "M I R A C L E", "C-U-R-E-S", "F.D.A.",
    and, where the joined pieces make a word of the rules' `vocabulary`, "cu-res", "guaran⏎teed" (so
    "pain-free" and "near-infrared" stay as they are)."""
    sentence = _BROKEN_WORD.sub("", sentence)
    sentence = _SPELLED_OUT.sub(lambda m: re.sub(r"[ .\-]", "", m.group()), sentence)
    if vocabulary:
        sentence = _CUT_WORD.sub(lambda m: _rejoin(m.group(), vocabulary), sentence)
    return sentence


@lru_cache(maxsize=4096)
def _rejoin(chain: str, vocabulary: frozenset[str]) -> str:
    """Pieces of `chain` joined wherever a run of two or more of them spells a word of the vocabulary
    (or one that begins with a word of six letters or more: "permanent|ly"), longest run first."""
    pieces, cuts = _CUT.split(chain), _CUT.findall(chain)

    def known(word: str) -> bool:
        word = word.lower()
        return any(word[:k] in vocabulary for k in range(max(6, len(word) - 3), len(word))) or word in vocabulary

    out, i = [], 0
    while i < len(pieces):
        for j in range(len(pieces), i + 1, -1):
            if known("".join(pieces[i:j])):
                out.append("".join(pieces[i:j]))
                i = j
                break
        else:
            out.append(pieces[i])
            i += 1
        if i < len(pieces):
            out.append(cuts[i - 1])
    return "".join(out)


# "It is a disease of the nervous system ...": a sentence defining the condition the text is about.
_IT_IS_A_CONDITION = re.compile(
    r"^\W*it(?:\s+is|'s|’s)\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(?:disease|condition|disorder|syndrome|complication)s?\b", re.I
)
_HEADING_PARTS = re.compile(r":|\s[–—-]\s")
_INDIRECT_QUESTION = re.compile(r"^\W*(?:what|how|why|when|where|which|who|whether)\b[^.!]*\.?\s*$", re.IGNORECASE)
_FIGURE = re.compile(r"\d|\bper\s?cent\b", re.IGNORECASE)
# A verb that states an effect makes a short heading a claim ("Red light heals wounds", "Lasers eased pain").
_EFFECT_VERB = re.compile(
    r"\b[^\W\d_]{3,}(?<!ne)(?<!r)ed\b|\b(?:is|are|was|were|can|may|will|helps?|works?|cuts?|eases?|heals?|cures?|cured)\b"
    r"|\b(?:light|lights|therapy|it|device|panel|wand|lasers?|leds?|photobiomodulation|treatment|clinicred\w*)\s+[^\W\d_]{2,}s\b",
    re.IGNORECASE,
)

_UNSURE = object()
_START = operator.methodcaller("start")


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
    # Every wording a rule matched in the sentence: (category, severity, words), in order, each once.
    phrases: tuple[tuple[str, str, str], ...] = ()

    @property
    def definite(self) -> bool:
        """Forbidden wording, or a sentence citing an animal or laboratory study: a claim whatever the
        classifier says (the wording itself, or the cited study's type, decides; compliance.md 2.1, 4.1)."""
        return self.severity == "forbidden" or "cited-nonhuman-study" in self.rule_ids

    @property
    def learned(self) -> bool:
        """Found by the classifier alone: it gets its disclaimer and an advisory, but no rule names a
        reason an editor could act on, so it never blocks publishing."""
        return self.rule_ids == ("classifier",)

    @property
    def blocks_publishing(self) -> bool:
        """Blocks as found in the text alone: any citation marker counts, no verification record."""
        return bool(self.publishing_problem())

    @property
    def problem(self) -> str:
        return self.publishing_problem()

    @property
    def markers(self) -> tuple[int, ...]:
        """Reference numbers the sentence's citation markers name, ranges expanded ([7–9] names 7, 8, 9)."""
        return tuple(marker_numbers(self.text))

    def is_cited(self, references: Collection[int] | None = None) -> bool:
        """A marker stands in the sentence and every number it names is in `references` (None: not known)."""
        return cites_only(self.text, references)

    def is_verified_by(self, wordings: Iterable[str]) -> bool:
        """Whether a verification record's wording appears in the sentence (see evidence.covers)."""
        return covered_by_any(wordings, self.text)

    def needs_evidence(self) -> str:
        """The category that needs a citation or a verification record (compliance.md 2.2), or ""."""
        return next((c for c in self.categories if c in EVIDENCE_CATEGORIES), "")

    def publishing_problem(self, *, references: Collection[int] | None = None, verified: Iterable[str] = ()) -> str:
        """Why this claim may not be published ("" when it may).

        `references`: the numbers of the reference list the text is published with (None: not known, any
        marker counts). `verified`: the wording of the verification records attached to the text.
        """
        if self.learned:
            return ""
        if self.severity == "forbidden":
            words = ", ".join(f'"{w}"' for w in self.forbidden_words) or self.category
            return f"Forbidden wording {words} ({self.category.replace('_', ' ')})"
        cited = self.is_cited(references)
        unlisted = self._unlisted(references)
        evidence = self.needs_evidence()
        if self.severity == "needs-citation" and not cited:
            if "nonhuman_study" in self.categories:
                what = "Animal or laboratory finding"
            elif "study_result" in self.categories or not evidence:
                what = "Statistic or study result"
            else:  # a disease or authority rule an editor set to "needs a citation marker"
                what = EVIDENCE_CATEGORIES[evidence]
            return f"{what} cites {unlisted}" if unlisted else f"{what} without a citation marker"
        if evidence and not cited and not self.is_verified_by(verified):
            problem = f"{EVIDENCE_CATEGORIES[evidence]} needs a citation or a verification record"
            return f"{problem} (it cites {unlisted})" if unlisted else problem
        return ""

    def problem_phrases(self, *, references: Collection[int] | None = None, verified: Iterable[str] = ()) -> tuple[tuple[str, str, str], ...]:
        """The matched wordings (category, severity, words) that keep the claim from being published: every
        forbidden one, and those that need a citation (or a verification record) while it has none."""
        if self.learned:
            return ()
        cited = self.is_cited(references)
        supported = cited or self.is_verified_by(verified)
        return tuple(
            phrase for phrase in self.phrases
            if phrase[1] == "forbidden"
            or (phrase[1] == "needs-citation" and not cited)
            or (phrase[0] in EVIDENCE_CATEGORIES and not supported)
        )

    def _unlisted(self, references: Collection[int] | None) -> str:
        """The marker numbers missing from the reference list, as "[8], [9], not in the reference list"."""
        if references is None:
            return ""
        unlisted = sorted({n for n in self.markers if n not in references})
        if not unlisted:
            return ""
        return ", ".join(f"[{n}]" for n in unlisted) + ", not in the reference list"


# compliance.md 2.2: disease claims need a citation; authority claims a verification record. Either
# stands for the other here (a record can point at the citation document, a reference at the 510(k)).
EVIDENCE_CATEGORIES = {"authority": "Authority claim", "disease": "Disease claim"}


class Ruleset:
    """Enabled rules compiled for a first pass over a passage and one bounded search per rule."""

    def __init__(self, rules=DEFAULT_RULES, *, guard: Guard | None = None, conditions: bool = True):
        self.rules = tuple(rule for rule in rules if rule.enabled)
        if conditions and not any(rule.id == "condition-names" for rule in self.rules):
            self.rules += (condition_names.rule(),)  # condition names from ICD-10-CM (conditions.py)
        # Editors' patterns run under a time budget per passage (safe_regex); phrases cannot backtrack.
        self.guard = guard or Guard()
        self._rule_res = [
            self.guard.rule(rule.id, phrases_pattern(rule.phrases) if rule.phrases else "", rule.patterns, _FLAGS)
            for rule in self.rules
        ]
        self._any = self.guard.first_pass(self._rule_res, _FLAGS)
        # The words the rules look for, to put a word cut by a hyphen or a line break back together.
        self._vocabulary = frozenset(
            word
            for rule in self.rules
            for text in (*rule.phrases, *(re.sub(r"\\.", " ", p) for p in rule.patterns))
            for word in re.findall(r"[a-z]{4,}", text.lower())
        )
        self._subject = re.compile(SUBJECT_PATTERN, _FLAGS)
        self._qualifier = re.compile(QUALIFIER_PATTERN, _FLAGS)
        self._instruction = re.compile(INSTRUCTION_PATTERN, _FLAGS)
        self._first_person = re.compile(FIRST_PERSON_PATTERN)
        self._effect = re.compile(EFFECT_PATTERN, _FLAGS)
        self._other_treatment = re.compile(OTHER_TREATMENT_PATTERN, _FLAGS)
        self._device = re.compile(DEVICE_PATTERN, _FLAGS)
        self._named_device = re.compile(NAMED_DEVICE_PATTERN, _FLAGS)
        self._general_subject = re.compile(GENERAL_SUBJECT_PATTERN, _FLAGS)
        # A sentence whose own subject is a condition of the code set ("Sarcopenia is loss of muscle ...").
        self._condition_subject = re.compile(
            r"^\W*(?:(?:the|a|an|most|many|some|all|few|these|those|in|for|with|among|people|adults|patients|cases"
            r"|forms|types|kinds|of)\s+){0,4}(?:\w+\s+){0,2}?" + phrases_pattern(condition_names.names())
            + r"(?:\s+\w+){0,3}?\s+(?:is|are|was|were|affects?|causes?|caused|can|may|often|usually|include|includes"
            r"|involves?|occurs?|develops?|results?|means|refers?|typically|commonly|has|have|had)\b",
            re.IGNORECASE,
        ) if conditions else None
        self._diagnosis = re.compile(r"\bdiagnosed\b", _FLAGS)
        # A neutral question or a how-to heading asserts nothing (a question that presumes a benefit,
        # "Why keep taking pills when ...?", is caught by the urgency rule before this applies).
        self._neutral_question = re.compile(
            r"^\W*(?:what|how|can|could|does|do|is|are|will|which|when|where|who)\b[^.!]*\?\W*$|^\W*how\s+to\b", _FLAGS
        )
        self._safe_for_group = re.compile(r"\bsafe\s+(?:for|during|in)\b", _FLAGS)

    def _unmasked_hit(self, sentence: str) -> bool:
        """Whether a rule matches the sentence once its cut or spelled-out words are put back together."""
        unmasked = unmask(sentence, self._vocabulary)
        if unmasked == sentence:  # nothing was cut: the first pass has read it as it is
            return False
        unmasked = fold(unmasked)
        return bool(self._any.phrases_search(unmasked)) or any(
            rule is not None and rule.bounded and rule.search(unmasked) for rule in self._rule_res
        )

    def about_something_else(self, sentence: str) -> bool:
        """General medical information: the sentence's own subject is a disease, anatomy, a test or another
        treatment, and it does not mention light therapy or a device (guideline 0.1)."""
        subject = self._general_subject.search(sentence) or (
            self._condition_subject is not None and self._condition_subject.search(sentence)
        )
        subject = subject or _IT_IS_A_CONDITION.match(sentence)
        # A bare "it" names the device only when the sentence gives no other subject ("it" in "Neuropathy
        # can be mild or it can be debilitating" is the neuropathy).
        return bool(subject) and not self._subject.search(sentence) and not self._named_device.search(sentence)

    def names_a_topic(self, heading: str) -> bool:
        """Whether a title or heading only names its topic: each part (split at a colon or a dash) is a
        neutral question, an indirect one ("what one small study found", "how it works") or a few words
        with no number, per cent or verb of effect ("Red light and sleep")."""
        parts = [part.strip() for part in _HEADING_PARTS.split(normalize(heading)) if part.strip()]
        return bool(parts) and all(
            self._neutral_question.search(part) or _INDIRECT_QUESTION.match(part)
            or (len(part.split()) <= 8 and not _FIGURE.search(part) and not _EFFECT_VERB.search(part))
            for part in parts
        )

    def mentions_subject(self, text: str) -> bool:
        """Whether the text is about light therapy or our devices (e.g. a section heading)."""
        return bool(self._subject.search(normalize(text)))

    def scan(
        self,
        text: str,
        *,
        nonhuman_refs: frozenset[int] = frozenset(),
        classifier=None,
        heading: bool = False,
    ) -> list[Claim]:
        """Claims in `text`, one per sentence that holds one, in order.

        `heading`: the text is a title or heading. One that only names a topic ("Red light and sleep:
        what one small study found", a neutral question) asserts nothing (guideline 0.2): only forbidden
        wording counts there.

        One reading for everything the store publishes (articles, product copy, reviews, e-mails): its
        own copy is about its devices unless a sentence has another subject of its own.

        `classifier`: a callable taking a list of sentences and returning one `Verdict` each, with
        `probability(verdict, rule_features)`, `threshold` and `veto` (see classifier.py). With it, a
        sentence is a claim when its wording is forbidden (or it cites an animal study), when a rule
        flags it and the classifier, reading the sentence and what the rules say, is at least `veto`
        sure, or when no rule flags it and the classifier is at least `threshold` sure; without it, the
        rules alone decide.
        """
        if not text or self._any is None:
            return []
        if heading and self.names_a_topic(text):
            return [claim for claim in self.scan(text, nonhuman_refs=nonhuman_refs) if claim.severity == "forbidden"]
        plain = normalize(text)
        per_rule = self._any.matches(fold(plain))
        hits = sorted(m.start() for found in per_rule for m in found)
        cited_nonhuman = bool(nonhuman_refs) and any(
            n in nonhuman_refs for m in CITATION_RE.finditer(plain) for n in _numbers(m.group(1))
        )
        if not hits and not cited_nonhuman and classifier is None and not _OBFUSCATED.search(plain):
            return []
        spans = split_sentences(plain)
        starts = [s for s, _ in spans]
        wanted = {bisect.bisect_right(starts, h) - 1 for h in hits if h >= (starts[0] if starts else 0)}
        if cited_nonhuman:
            wanted |= set(range(len(spans)))
        for i, (start, end) in enumerate(spans):
            if i not in wanted and _OBFUSCATED.search(plain[start:end]) and self._unmasked_hit(plain[start:end]):
                wanted.add(i)
        by_rules = {
            i: self._classify(text, plain, spans[i][0], spans[i][1], nonhuman_refs, per_rule)
            for i in sorted(wanted)
            if i >= 0
        }
        if classifier is None:
            return [claim for _, claim in sorted(by_rules.items()) if claim]
        asked = [i for i, (start, end) in enumerate(spans) if _WORDS.search(plain[start:end])]
        verdicts = dict(zip(asked, classifier([plain[spans[i][0]:spans[i][1]].strip() for i in asked])))
        claims = []
        for i, (start, end) in enumerate(spans):
            claim, verdict = by_rules.get(i), verdicts.get(i)
            if verdict is None or (claim and claim.definite):
                if claim:
                    claims.append(claim)
                continue
            needed = classifier.veto if claim else classifier.threshold
            if classifier.probability(verdict, self.rule_features(plain[start:end], claim)) >= needed:
                claims.append(claim or self._learned_claim(text, plain, start, end, verdict.category))
        return claims

    def rule_features(self, sentence: str, claim: Claim | None) -> tuple[str, ...]:
        """What the rules say about a sentence, as the classifier reads it (classifier.RULE_FEATURES)."""
        features = list(claim.categories) if claim else []
        if claim and claim.severity == "forbidden":
            features.append("forbidden")
        if self._qualifier.search(sentence):
            features.append("qualifier")
        if self.about_something_else(sentence):
            features.append("other_subject")
        if self._subject.search(sentence) or self._device.search(sentence):
            features.append("names_device")
        if self._first_person.search(sentence):
            features.append("first_person")
        return tuple(features)

    def _learned_claim(self, text, plain, start, end, category) -> Claim:
        """A claim the classifier found and no rule names: its category's disclaimer, advisory only."""
        severity = "disclaim"
        disclaimer = next((r.disclaimer for r in self.rules if r.category == category and r.disclaimer), category)
        return Claim(
            start=start,
            end=end,
            text=text[start:end],
            category=category,
            categories=(category,),
            severity=severity,
            rule_ids=("classifier",),
            disclaimer=disclaimer,
            cited=bool(CITATION_RE.search(plain[start:end])),
        )

    @staticmethod
    def _found_in(matches: list, start: int, end: int):
        """A rule's first match in the sentence plain[start:end], from its matches over the whole passage;
        `_UNSURE` when only a search of the sentence itself can tell (a match crosses the sentence's
        edge, so it may hide or stretch one inside)."""
        first = bisect.bisect_left(matches, start, key=_START)
        if first and matches[first - 1].end() > start:
            return _UNSURE
        if first == len(matches) or matches[first].start() >= end:
            return None
        return matches[first] if matches[first].end() <= end else _UNSURE

    def _classify(self, text, plain, start, end, nonhuman_refs, per_rule) -> Claim | None:
        sentence = unmask(plain[start:end], self._vocabulary)
        masked = sentence != plain[start:end]
        if self._qualifier.search(sentence) or self._diagnosis.search(sentence):
            return None
        instruction = bool(self._instruction.search(sentence))
        first_person = bool(self._first_person.search(sentence))
        general_information = not first_person and self.about_something_else(sentence)
        reports_effect = first_person and bool(self._effect.search(sentence)) and not (
            self._other_treatment.search(sentence) and not self._device.search(sentence)
        )
        markers = [n for m in CITATION_RE.finditer(sentence) for n in _numbers(m.group(1))]
        matched: list[tuple[Rule, str]] = []
        for rule, regex, matches in zip(self.rules, self._rule_res, per_rule):
            if regex is None:
                continue
            found, source = (None if masked else self._found_in(matches, start, end)), plain
            if found is _UNSURE or masked:  # the passage's matches cannot tell: read the sentence itself
                every, source = regex.matches(fold(sentence)), sentence
            elif found is None:
                continue
            else:
                every = [m for m in matches[bisect.bisect_left(matches, start, key=_START):] if m.start() < end and m.end() <= end]
            if not every:
                continue
            if rule.first_person and not reports_effect:
                continue
            if rule.needs_subject and general_information:
                continue
            if instruction and rule.category not in ("cure", "urgency"):
                continue
            matched.extend((rule, source[lo:hi]) for lo, hi in _joined_spans(every))
        if any(n in nonhuman_refs for n in markers):
            matched.append((Rule(id="cited-nonhuman-study", category="nonhuman_study", severity="needs-citation", disclaimer="nonhuman_study"), ""))
        if not matched:
            return None
        if self._neutral_question.search(sentence) and not any(r.category == "urgency" for r, _ in matched):
            return None
        if self._safe_for_group.search(sentence):
            # "safe for people with diabetes" names a group, not a disease claim (guideline 0.3, safety).
            matched = [(r, w) for r, w in matched if r.category != "disease"] or matched
        if first_person and any(r.category == "testimonial" for r, _ in matched):
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
            phrases=tuple(dict.fromkeys((r.category, r.severity, w.strip()) for r, w in matched if w.strip())),
        )


def _joined_spans(found) -> list[tuple[int, int]]:
    """The matches' spans in order, overlapping or touching ones joined ("cured" inside "completely cured")."""
    spans: list[list[int]] = []
    for match in sorted(found, key=_START):
        if spans and match.start() <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], match.end())
        else:
            spans.append([match.start(), match.end()])
    return [(lo, hi) for lo, hi in spans]


def _numbers(group: str) -> list[int]:
    return numbers_named(group)


@lru_cache(maxsize=8)
def compiled(rules: tuple[Rule, ...]) -> Ruleset:
    """The compiled Ruleset for these rules, built once per distinct rule tuple."""
    return Ruleset(rules)


def default_ruleset() -> Ruleset:
    return compiled(DEFAULT_RULES)


def scan(
    text: str, ruleset: Ruleset | None = None, *, nonhuman_refs: frozenset[int] = frozenset(), classifier=None, heading: bool = False
) -> list[Claim]:
    """Claims found in plain text: the whole sentence, its category, severity and disclaimer key."""
    return (ruleset or default_ruleset()).scan(text, nonhuman_refs=nonhuman_refs, classifier=classifier, heading=heading)
