"""Time budgets for rules at scan time: each rule's patterns run in `regex` with a timeout per passage."""

from __future__ import annotations

import contextvars
import logging
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import regex

log = logging.getLogger("claims.engine.safe_regex")

BUDGET_SECONDS = 0.05  # what a rule may spend on one passage ...
SECONDS_PER_CHARACTER = 0.000002  # ... plus 2 ms per 1,000 characters of it
COOLDOWN_SECONDS = 60.0  # a rule that ran over is skipped everywhere for this long, then tried again


def budget_for(length: int, budget: float = BUDGET_SECONDS, per_character: float = SECONDS_PER_CHARACTER) -> float:
    """Seconds one rule may spend on a passage of `length` characters."""
    return budget + per_character * length


def compile_pattern(pattern: str, flags: int = re.IGNORECASE) -> regex.Pattern:
    """A rule pattern compiled for the bounded engine, with `re`'s syntax and behaviour (regex.V0)."""
    return regex.compile(pattern, flags | regex.V0)


def _escapes_removed(pattern: str) -> str:
    return re.sub(r"\\.", "", pattern)


def case_flags(pattern: str, flags: int) -> int:
    """`flags` for a phrase or shipped pattern run over lower-cased text: without IGNORECASE when the
    pattern has no upper-case letter of its own (`re` then skips ahead much faster), else unchanged."""
    plain = _escapes_removed(pattern)
    return flags & ~re.IGNORECASE if plain == plain.lower() else flags


@dataclass(frozen=True)
class Overrun:
    """A rule that ran over its budget on a passage: skipped there, and rested for the cooldown."""

    rule_id: str
    seconds: float
    budget: float
    excerpt: str


_collectors: contextvars.ContextVar[tuple[list[str], ...]] = contextvars.ContextVar("claims_skipped", default=())


@contextmanager
def skipped_rules() -> Iterator[list[str]]:
    """Ids of the rules skipped (over their time budget, or resting after it) while the block runs."""
    found: list[str] = []
    token = _collectors.set(_collectors.get() + (found,))
    try:
        yield found
    finally:
        _collectors.reset(token)


def _note_skipped(rule_id: str) -> None:
    for found in _collectors.get():
        if rule_id not in found:
            found.append(rule_id)


class Guard:
    """Time budgets for the rules of one ruleset: per passage, with a cooldown for a rule that ran over.

    A passage starts with the first pass over it (`FirstPass.matches`); every bounded search of a rule
    in the same thread until the next passage draws on that rule's budget for it.
    """

    def __init__(
        self,
        *,
        budget: float = BUDGET_SECONDS,
        per_character: float = SECONDS_PER_CHARACTER,
        cooldown: float = COOLDOWN_SECONDS,
        report: Callable[[Overrun], None] | None = None,
        trusted=None,
    ):
        """`trusted`: patterns known to be safe and fast (by default the ones the project ships, in
        defaults.py), which run in `re` without a budget; an edited or new pattern is always bounded."""
        if trusted is None:
            from ..defaults import DEFAULT_RULES

            trusted = {pattern for rule in DEFAULT_RULES for pattern in rule.patterns}
        self.trusted = frozenset(trusted)
        self.budget = budget
        self.per_character = per_character
        self.cooldown = cooldown
        self.report = report
        self.overruns: list[Overrun] = []
        self.spent: dict[str, float] = {}  # seconds each rule spent, all passages together
        self._resting: dict[str, float] = {}
        self._local = threading.local()

    def rule(self, rule_id: str, phrases: str, patterns, flags: int) -> GuardedRule | None:
        if not phrases and not patterns:
            return None
        return GuardedRule(rule_id, phrases, patterns, flags, self, bounded=not set(patterns) <= self.trusted)

    def first_pass(self, rules, flags: int) -> FirstPass | None:
        """The first pass over `rules` (a list that may hold None for a rule with nothing to match)."""
        return FirstPass(list(rules), flags, self) if any(rule is not None for rule in rules) else None

    def start_passage(self, text: str) -> None:
        self._local.passage = (budget_for(len(text), self.budget, self.per_character), text[:80], {})

    def run(self, rule_id: str, text: str, search: Callable[[float], object]):
        """`search(timeout)` within what is left of the rule's budget on this passage; None if skipped.

        Budgets are CPU seconds of this thread, as `regex` counts its timeout (measured: on a loaded
        machine a 0.2 s timeout fired after 0.2 s of CPU and 0.4 s on the clock), so other processes
        competing for the CPU cannot make a sound rule look slow.
        """
        until = self._resting.get(rule_id)
        if until is not None:
            if time.monotonic() < until:
                _note_skipped(rule_id)
                return None
            self._resting.pop(rule_id, None)
        passage = getattr(self._local, "passage", None)
        if passage is None:
            passage = (budget_for(len(text), self.budget, self.per_character), text[:80], {})
        allowance, excerpt, left = passage
        remaining = left.get(rule_id, allowance)
        if remaining <= 0:  # ran over earlier on this passage (and was reported then)
            _note_skipped(rule_id)
            return None
        timed_out, result = False, None
        started = time.thread_time()
        try:
            result = search(remaining)
        except TimeoutError:
            timed_out = True
        spent = time.thread_time() - started
        left[rule_id] = remaining - spent
        self.spent[rule_id] = self.spent.get(rule_id, 0.0) + spent
        if timed_out or left[rule_id] <= 0:
            self._overran(Overrun(rule_id, allowance - left[rule_id], allowance, excerpt))
        return result

    def _overran(self, overrun: Overrun) -> None:
        self._resting[overrun.rule_id] = time.monotonic() + self.cooldown
        self.overruns.append(overrun)
        del self.overruns[:-100]
        _note_skipped(overrun.rule_id)
        log.warning(
            "Claim rule %r ran over its time budget (%.0f ms of %.0f ms) on a passage starting %r; "
            "skipped there and for the next %.0f s.",
            overrun.rule_id, overrun.seconds * 1000, overrun.budget * 1000, overrun.excerpt, self.cooldown,
        )
        if self.report is not None:
            try:
                self.report(overrun)
            except Exception:  # reporting must never take the page down either
                log.exception("Reporting the overrun of claim rule %r failed", overrun.rule_id)


class GuardedRule:
    """One rule's triggers: phrases in `re` (a trie of escaped words), patterns in `regex` within budget.

    It searches text the caller has lower-cased, offsets unchanged (the scanner's `fold`).
    `search` finds what one regex `phrases|patterns` would: the leftmost match, phrases first on a tie.
    """

    def __init__(self, rule_id: str, phrases: str, patterns, flags: int, guard: Guard, *, bounded: bool = True):
        self.id = rule_id
        self.phrases = re.compile(phrases, case_flags(phrases, flags)) if phrases else None
        joined = "|".join(f"(?:{p})" for p in patterns)
        self.bounded = bounded
        if not joined:
            self.patterns = None
        else:
            self.patterns = compile_pattern(joined, flags) if bounded else re.compile(joined, case_flags(joined, flags))
        self._guard = guard

    def search(self, text: str):
        found = self.phrases.search(text) if self.phrases is not None else None
        if self.patterns is None:
            return found
        if not self.bounded:
            other = self.patterns.search(text)
        else:
            other = self._guard.run(self.id, text, lambda timeout: self.patterns.search(text, timeout=timeout))
        if other is not None and (found is None or other.start() < found.start()):
            return other
        return found

    def pattern_matches(self, text: str) -> list:
        if self.patterns is None:
            return []
        if not self.bounded:
            return list(self.patterns.finditer(text))
        return self._guard.run(self.id, text, lambda timeout: list(self.patterns.finditer(text, timeout=timeout))) or []

    def matches(self, text: str) -> list:
        """Every match of the phrases and of the patterns in the text, in order of where they start
        (phrases first on a tie), each list without overlaps of its own."""
        found = list(self.phrases.finditer(text)) if self.phrases is not None else []
        if self.patterns is None:
            return found
        return sorted(found + self.pattern_matches(text), key=lambda m: m.start())


class FirstPass:
    """Where each rule matches a passage: one pass per rule over the whole passage (phrases in `re`,
    editors' patterns within their budget), so a sentence needs no search of its own."""

    def __init__(self, rules: list[GuardedRule], flags: int, guard: Guard):
        self._rules = rules
        present = [rule for rule in rules if rule is not None]
        phrases = [rule.phrases.pattern for rule in present if rule.phrases is not None]
        phrases += [rule.patterns.pattern for rule in present if rule.patterns is not None and not rule.bounded]
        joined = "|".join(f"(?:{p})" for p in phrases)
        self._phrases = re.compile(joined, case_flags(joined, flags)) if phrases else None
        self._guard = guard

    def phrases_search(self, text: str):
        """The first match of the phrases and trusted patterns alone (no budget drawn, no passage started)."""
        return self._phrases.search(text) if self._phrases is not None else None

    def matches(self, text: str) -> list[list]:
        """For each rule (in the order given, None for a rule with nothing to match), its matches."""
        self._guard.start_passage(text)
        return [rule.matches(text) if rule is not None else [] for rule in self._rules]
