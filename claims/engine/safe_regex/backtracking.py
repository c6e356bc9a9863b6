"""Refusing rule patterns that can backtrack catastrophically, when an editor saves them.

Not regexploit (PyPI): it runs on Python 3.11 but imports the deprecated `sre_parse`, has had one
release (2021), and passes `(a|aa)+$`, which times out here. This static check is narrower in scope
(exponential blow-ups inside a repeated part), and the timed run catches what it cannot see, in the
engine that really runs the rules.
"""

from __future__ import annotations

import re
import string
import time
from collections.abc import Iterator
from dataclasses import dataclass
from re import _constants as sre  # the parser `re` itself uses (its public alias `sre_parse` is deprecated)
from re import _parser as sre_parse

import regex

from .budget import budget_for, compile_pattern
from .render import render, source_of

CHECK_TEXT_LENGTH = 5000  # characters in each adversarial text of the empirical check


def check_pattern(pattern: str, flags: int = re.IGNORECASE) -> list[str]:
    """What is wrong with `pattern` as a rule pattern, one sentence each; empty when it is fine."""
    try:
        parsed = sre_parse.parse(pattern, flags)
        compiled = compile_pattern(pattern, flags)
    except (re.error, regex.error) as error:
        return [f"“{pattern}” is not a valid pattern ({error})."]
    shape = _Shape(pattern, parsed)
    problems = [_explain(pattern, shape, finding) for finding in shape.ambiguities()[:1]]
    slow = None if problems else _slowest_attack(compiled, shape)
    if slow is not None:
        seconds, text = slow
        sample = text[:12] + "…" if len(text) > 12 else text
        problems.append(
            f"“{pattern}” is too slow: it took over {seconds * 1000:.0f} ms on a test text of {len(text):,} "
            f"characters (“{sample}”), more than a rule may spend on a passage. It backtracks catastrophically; "
            "rewrite it so each character can be matched in only one way."
        )
    return problems


@dataclass(frozen=True)
class _Ambiguity:
    repeat: tuple  # the repeated (op, av) node inside which the engine can choose
    choice: str  # pattern text of the place where it can choose
    chars: frozenset[str]  # characters both choices can take next
    kind: str  # "repeat" (go on or stop) or "branch" (two alternatives)


_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT)
_CATEGORY = {
    sre.CATEGORY_DIGIT: str.isdecimal,
    sre.CATEGORY_NOT_DIGIT: lambda c: not c.isdecimal(),
    sre.CATEGORY_SPACE: str.isspace,
    sre.CATEGORY_NOT_SPACE: lambda c: not c.isspace(),
    sre.CATEGORY_WORD: lambda c: c.isalnum() or c == "_",
    sre.CATEGORY_NOT_WORD: lambda c: not (c.isalnum() or c == "_"),
}
_PROBES = string.printable + "éÉàßçñüÜ’‘“”–—…\u00a0\u2009"


class _Shape:
    """First characters, emptiness and ambiguous places of a parsed pattern, over a finite set of probe
    characters (the printable ASCII ones, a few others, and every character the pattern names)."""

    def __init__(self, pattern: str, parsed):
        self.pattern = pattern
        self.parsed = parsed
        self.flags = parsed.state.flags
        named = set()
        self._collect(list(parsed), named)
        self.alphabet = frozenset(_PROBES) | frozenset(named)
        self.repeats: list[frozenset[str]] = []  # first characters of every repeated part
        self._firsts: dict[tuple, frozenset[str]] = {}
        self._found: list[_Ambiguity] | None = None

    def _collect(self, seq, out: set) -> None:
        for op, av in seq:
            if op in (sre.LITERAL, sre.NOT_LITERAL):
                out.add(chr(av))
            elif op is sre.IN:
                for item_op, item_av in av:
                    if item_op is sre.LITERAL:
                        out.add(chr(item_av))
                    elif item_op is sre.RANGE:
                        out.update((chr(item_av[0]), chr(item_av[1])))
            for sub in _children(op, av):
                self._collect(sub, out)

    # characters

    def atom(self, op, av, flags: int) -> frozenset[str]:
        folded = bool(flags & re.IGNORECASE)
        return frozenset(c for c in self.alphabet if any(_matches(op, av, v, flags) for v in _variants(c, folded)))

    def first(self, seq, flags: int) -> frozenset[str]:
        out: frozenset[str] = frozenset()
        for op, av in seq:
            out |= self.item_first(op, av, flags)
            if not self.item_nullable(op, av):
                break
        return out

    def item_first(self, op, av, flags: int) -> frozenset[str]:
        key = (op, id(av), flags)
        if key not in self._firsts:
            self._firsts[key] = self._item_first(op, av, flags)
        return self._firsts[key]

    def _item_first(self, op, av, flags: int) -> frozenset[str]:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            return self.atom(op, av, flags)
        if op in _REPEATS or op is sre.POSSESSIVE_REPEAT:
            return self.first(av[2], flags) if av[1] else frozenset()
        if op is sre.SUBPATTERN:
            return self.first(av[3], (flags | av[1]) & ~av[2])
        if op is sre.ATOMIC_GROUP:
            return self.first(av, flags)
        if op is sre.BRANCH:
            return frozenset().union(*(self.first(alt, flags) for alt in av[1]))
        if op is sre.GROUPREF_EXISTS:
            return self.first(av[1], flags) | (self.first(av[2], flags) if av[2] else frozenset())
        if op is sre.GROUPREF:
            return self.alphabet
        return frozenset()  # AT, ASSERT, ASSERT_NOT: zero width

    def nullable(self, seq) -> bool:
        return all(self.item_nullable(op, av) for op, av in seq)

    def item_nullable(self, op, av) -> bool:
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY):
            return False
        if op in _REPEATS or op is sre.POSSESSIVE_REPEAT:
            return av[0] == 0 or self.nullable(av[2])
        if op is sre.SUBPATTERN:
            return self.nullable(av[3])
        if op is sre.ATOMIC_GROUP:
            return self.nullable(av)
        if op is sre.BRANCH:
            return any(self.nullable(alt) for alt in av[1])
        if op is sre.GROUPREF_EXISTS:
            return self.nullable(av[1]) or not av[2] or self.nullable(av[2])
        return True

    # ambiguity

    def ambiguities(self) -> list[_Ambiguity]:
        """Places inside a repeated part where the engine can choose two ways that both go on with the
        same character: on a text that nearly matches it tries every combination of them."""
        if self._found is None:
            self._found = []
            self._walk(list(self.parsed), frozenset(), self.flags, None, self._found)
        return self._found

    def _walk(self, seq, follow: frozenset[str], flags: int, outer, found: list) -> None:
        """`follow`: what can come next within the innermost repeat that runs many times (`outer`); an
        overlap with what follows that repeat only costs a polynomial retry when it ends, not a blow-up."""
        follows = []
        for op, av in reversed(seq):  # what may come right after each item
            follows.append(follow)
            first = self.item_first(op, av, flags)
            follow = first | follow if self.item_nullable(op, av) else first
        for (op, av), after in zip(seq, reversed(follows)):
            if op in _REPEATS or op is sre.POSSESSIVE_REPEAT:
                low, high, body = av
                first = self.first(body, flags)
                self.repeats.append(first)
                if outer is not None and op is not sre.POSSESSIVE_REPEAT and low != high and first & after:
                    found.append(_Ambiguity(outer, render([(op, av)]), first & after, "repeat"))
                many = high >= 2
                inner = None if op is sre.POSSESSIVE_REPEAT else (op, av) if many else outer
                # inside a repeat that runs many times, what matters is what the next round can start with
                self._walk(body, first if many else after, flags, inner, found)
            elif op is sre.SUBPATTERN:
                self._walk(av[3], after, (flags | av[1]) & ~av[2], outer, found)
            elif op is sre.ATOMIC_GROUP:
                self._walk(av, after, flags, None, found)
            elif op is sre.BRANCH:
                alternatives = av[1]
                if outer is not None:
                    starts = [self.first(a, flags) | (after if self.nullable(a) else frozenset()) for a in alternatives]
                    for i, a in enumerate(starts):
                        for j in range(i + 1, len(starts)):
                            if a & starts[j]:
                                found.append(_Ambiguity(outer, render([(op, av)]), a & starts[j], "branch"))
                for alternative in alternatives:
                    self._walk(alternative, after, flags, outer, found)
            elif op is sre.GROUPREF_EXISTS:
                for branch in av[1:]:
                    if branch:
                        self._walk(branch, after, flags, outer, found)
            elif op in (sre.ASSERT, sre.ASSERT_NOT):
                self._walk(av[1], frozenset(), flags, None, found)


def _children(op, av):
    if op in _REPEATS or op is sre.POSSESSIVE_REPEAT:
        return [av[2]]
    if op is sre.SUBPATTERN:
        return [av[3]]
    if op is sre.ATOMIC_GROUP:
        return [av]
    if op is sre.BRANCH:
        return av[1]
    if op is sre.GROUPREF_EXISTS:
        return [b for b in av[1:] if b]
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        return [av[1]]
    return []


def _variants(c: str, folded: bool) -> set[str]:
    return {v for v in (c, c.lower(), c.upper()) if len(v) == 1} if folded else {c}


def _matches(op, av, c: str, flags: int) -> bool:
    if op is sre.LITERAL:
        return ord(c) == av
    if op is sre.NOT_LITERAL:
        return ord(c) != av
    if op is sre.ANY:
        return c != "\n" or bool(flags & re.DOTALL)
    negate, hit = False, False
    for item_op, item_av in av:  # IN
        if item_op is sre.NEGATE:
            negate = True
        elif item_op is sre.LITERAL:
            hit = hit or ord(c) == item_av
        elif item_op is sre.RANGE:
            hit = hit or item_av[0] <= ord(c) <= item_av[1]
        elif item_op is sre.CATEGORY and item_av in _CATEGORY:
            hit = hit or _CATEGORY[item_av](c)
    return hit != negate


def _explain(pattern: str, shape: _Shape, finding: _Ambiguity) -> str:
    repeated = source_of(pattern, shape.flags, finding.repeat) or render([finding.repeat])
    if finding.kind == "repeat":
        why = f"“{finding.choice}” can stop early or go on, and what comes after it can also start with {_kinds(finding.chars)}"
    else:
        why = f"two of its alternatives can start with the same {_kinds(finding.chars)}"
    return (
        f"“{pattern}” can backtrack catastrophically: inside the repeated part “{repeated}”, {why}. "
        "On a text that nearly matches, the engine then tries exponentially many ways to split it and the "
        "page hangs. Make each part end where the next cannot begin (for example \\s+ instead of \\s?, "
        "or (?:\\w+\\s+)+ instead of (\\w+\\s?)+), or use a possessive quantifier (++, *+)."
    )


def _kinds(chars: frozenset[str]) -> str:
    """'word characters', 'spaces', 'letters and the characters - .' ..."""
    kinds, others = [], sorted(c for c in chars if not (c.isalnum() or c.isspace()))
    letters, digits = any(c.isalpha() for c in chars), any(c.isdecimal() for c in chars)
    if letters and digits and "_" in others:
        kinds.append("word characters")
        others.remove("_")
    else:
        kinds += ["letters"] * letters + ["digits"] * digits
    if any(c.isspace() for c in chars):
        kinds.append("spaces")
    if others:
        kinds.append("the characters " + " ".join(others[:6]) + (" …" if len(others) > 6 else ""))
    return " and ".join([", ".join(kinds[:-1]), kinds[-1]] if len(kinds) > 1 else kinds) or "characters"


_PREFERRED = "aex10 -.,'_"
_PLAIN_TEXT = (
    "Our panel uses red and near-infrared light. Many customers use it after a workout, and some say their "
    "knees feel less stiff; results vary. Parcels leave within one working day, and returns are free for 30 days. "
)


def _pumps(chars: frozenset[str]) -> list[str]:
    ordered = [c for c in _PREFERRED if c in chars]
    rest = sorted(c for c in chars if c not in _PREFERRED and c.isprintable())
    return (ordered + rest)[:2]


def _attack_texts(shape: _Shape) -> Iterator[str]:
    """Texts built from the pattern's own alphabet: each repeated part's characters, alone and interleaved,
    after the pattern's literal start and before a character that ends the attempt, plus plain prose."""
    shape.ambiguities()  # fills shape.repeats
    leading = []
    for op, av in shape.parsed:
        if op is not sre.LITERAL:
            break
        leading.append(chr(av))
    prefix = "".join(leading)
    pumps: list[str] = []
    for chars in shape.repeats:
        for c in _pumps(chars):
            if c not in pumps:
                pumps.append(c)
    pumps = pumps[:6]
    n = CHECK_TEXT_LENGTH
    for start in dict.fromkeys(["", prefix]):
        for c in pumps:
            yield start + c * n + "!"
            yield start + (c + " ") * (n // 2) + "\n"
        for i, a in enumerate(pumps[:4]):
            for b in pumps[i + 1 : 4]:
                yield start + (a + b) * (n // 2) + "!"
    yield (_PLAIN_TEXT * (n // len(_PLAIN_TEXT) + 1))[:n]


def _slowest_attack(compiled: regex.Pattern, shape: _Shape) -> tuple[float, str] | None:
    """(seconds, text) for the first adversarial text on which the pattern runs over a passage's budget."""
    for text in _attack_texts(shape):
        allowed = budget_for(len(text))
        started = time.thread_time()  # CPU time, as at scan time: a busy machine does not make it look slow
        try:
            for _ in compiled.finditer(text, timeout=allowed):
                pass
        except TimeoutError:
            return time.thread_time() - started, text
        if time.thread_time() - started > allowed:
            return time.thread_time() - started, text
    return None


