"""Parsed patterns back to text, for messages: the editor's own text where it can be found."""

from __future__ import annotations

import re
from re import _constants as sre  # the parser `re` itself uses (its public alias `sre_parse` is deprecated)
from re import _parser as sre_parse

_REPEATS = (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT)
_QUANTIFIER = re.compile(r"(?:[*+?]|\{\d*(?:,\d*)?\})[?+]?")


def source_of(pattern: str, flags: int, node) -> str | None:
    """The editor's own text for a parsed repeated group, found by parsing each quantified group."""
    wanted = _dump([node])
    depth_starts, in_set, i = [], False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if in_set:
            in_set = c != "]"
        elif c == "[":
            in_set = True
            if pattern[i + 1 : i + 2] == "]":
                i += 1
        elif c == "(":
            depth_starts.append(i)
        elif c == ")" and depth_starts:
            start = depth_starts.pop()
            quantifier = _QUANTIFIER.match(pattern, i + 1)
            if quantifier:
                candidate = pattern[start : quantifier.end()]
                try:
                    if _dump(list(sre_parse.parse(candidate, flags))) == wanted:
                        return candidate
                except re.error:
                    pass
        i += 1
    return None


def _dump(seq):
    out = []
    for op, av in seq:
        if op is sre.SUBPATTERN:
            out.append((str(op), av[1], av[2], _dump(av[3])))
        elif op in _REPEATS:
            out.append((str(op), av[0], av[1], _dump(av[2])))
        elif op is sre.BRANCH:
            out.append((str(op), tuple(_dump(a) for a in av[1])))
        elif op is sre.ATOMIC_GROUP:
            out.append((str(op), _dump(av)))
        elif op in (sre.ASSERT, sre.ASSERT_NOT):
            out.append((str(op), av[0], _dump(av[1])))
        elif op is sre.GROUPREF_EXISTS:
            out.append((str(op), _dump(av[1]), _dump(av[2]) if av[2] else None))
        elif op is sre.GROUPREF:
            out.append((str(op),))
        else:
            out.append((str(op), repr(av)))
    return tuple(out)


_AT = {
    sre.AT_BEGINNING: "^", sre.AT_END: "$", sre.AT_BOUNDARY: r"\b", sre.AT_NON_BOUNDARY: r"\B",
    sre.AT_BEGINNING_STRING: r"\A", sre.AT_END_STRING: r"\Z",
}
_CATEGORY_TEXT = {
    sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_NOT_DIGIT: r"\D", sre.CATEGORY_SPACE: r"\s",
    sre.CATEGORY_NOT_SPACE: r"\S", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_NOT_WORD: r"\W",
}


def render(seq) -> str:
    """Parsed pattern back to pattern text (for messages; equivalent, not always as typed)."""
    return "".join(_render_item(op, av) for op, av in seq)


def _render_item(op, av) -> str:
    if op is sre.LITERAL:
        return re.escape(chr(av))
    if op is sre.NOT_LITERAL:
        return f"[^{re.escape(chr(av))}]"
    if op is sre.ANY:
        return "."
    if op is sre.IN:
        if len(av) == 1 and av[0][0] is sre.CATEGORY:
            return _CATEGORY_TEXT.get(av[0][1], "?")
        parts = []
        for item_op, item_av in av:
            if item_op is sre.NEGATE:
                parts.append("^")
            elif item_op is sre.LITERAL:
                parts.append(re.escape(chr(item_av)))
            elif item_op is sre.RANGE:
                parts.append(f"{re.escape(chr(item_av[0]))}-{re.escape(chr(item_av[1]))}")
            elif item_op is sre.CATEGORY:
                parts.append(_CATEGORY_TEXT.get(item_av, "?"))
        return "[" + "".join(parts) + "]"
    if op in _REPEATS:
        low, high, body = av
        inner = render(body)
        single = len(body) == 1 and (body[0][0] in (sre.SUBPATTERN, sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN))
        if not single:
            inner = f"(?:{inner})"
        top = "" if high == sre.MAXREPEAT else str(high)
        quantifier = {(0, ""): "*", (1, ""): "+", (0, "1"): "?"}.get((low, top))
        if quantifier is None:
            quantifier = f"{{{low}}}" if str(low) == top else f"{{{low},{top}}}"
        lazy = "?" if op is sre.MIN_REPEAT else "+" if op is sre.POSSESSIVE_REPEAT else ""
        return inner + quantifier + lazy
    if op is sre.SUBPATTERN:
        return ("(" if av[0] else "(?:") + render(av[3]) + ")"
    if op is sre.BRANCH:
        return "(?:" + "|".join(render(a) for a in av[1]) + ")"
    if op is sre.ATOMIC_GROUP:
        return f"(?>{render(av)})"
    if op in (sre.ASSERT, sre.ASSERT_NOT):
        kind = ("=" if op is sre.ASSERT else "!") if av[0] >= 0 else ("<=" if op is sre.ASSERT else "<!")
        return f"(?{kind}{render(av[1])})"
    if op is sre.AT:
        return _AT.get(av, "")
    if op is sre.GROUPREF:
        return f"\\{av}"
    return "…"


