"""Disclaimer templates filled for one claim: `{condition}` from the claim's words, `{citation}` from its markers.

A template may give its own fallback after a bar, `{condition|any disease}`, used when the claim names
no condition (or cites no known reference). Other braces are left as they are.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from . import conditions as condition_names
from .defaults import _DISEASES
from .evidence import marker_numbers
from .phrases import phrases_pattern

PLACEHOLDER_RE = re.compile(r"\{(condition|citation)(?:\|([^{}]*))?\}")
FALLBACKS = {"condition": "this condition", "citation": "see the references"}
MAX_CONDITIONS = 2

# Words that only say "a disease" are not the name of one.
_GENERIC = {"disease", "diseases", "disorder", "disorders"}
# Qualifiers kept with the condition they name: "diabetic neuropathy", "rheumatoid arthritis".
_QUALIFIERS = (
    r"diabetic|peripheral|painful|sensory|autonomic|rheumatoid|psoriatic|chronic|diabetes-related"
    r"|foot|leg|venous|pressure|knee|hip|severe|mild|moderate"
)
# Adjectives on their own stand for the condition: "a diabetic test" is about diabetes.
_CANONICAL = {
    "diabetic": "diabetes", "neuropathic": "neuropathy", "neuropathies": "neuropathy",
    "depressive": "depression", "damaged nerves": "nerve damage", "migraines": "migraine", "ulcer": "ulcers",
    "rheumatic": "rheumatism", "rheumatoid": "rheumatoid arthritis",
}


@dataclass(frozen=True)
class Reference:
    """One entry of the page's reference list, as a disclaimer names it."""

    number: int
    label: str  # "Harkless et al. 2006"
    detail: str = ""  # study type and size: "retrospective review of records, 2,239 patients"
    href: str = ""  # where the entry is on the page: "#ref-4"


@lru_cache(maxsize=1)
def _condition_re() -> re.Pattern:
    names = phrases_pattern(condition_names.names())  # ICD-10-CM names (conditions.py)
    return re.compile(rf"\b(?:(?:{_QUALIFIERS})\s+)*(?:(?:{_DISEASES})\b|{names})", re.IGNORECASE)


def conditions(text: str) -> list[str]:
    """The conditions a sentence names, in order, each once: "diabetic neuropathy", "arthritis"."""
    found: list[str] = []
    for match in _condition_re().finditer(text):
        name = " ".join(match.group(0).lower().split())
        name = _CANONICAL.get(name, name)
        if name in _GENERIC or not name:
            continue
        if any(_within(name, seen) for seen in found):
            continue
        found = [seen for seen in found if not _within(seen, name)]  # "neuropathy", then "diabetic neuropathy"
        found.append(name)
    return found


def _within(part: str, whole: str) -> bool:
    return f" {part} " in f" {whole} "


def markers(text: str) -> list[int]:
    """Reference numbers named by citation markers such as [3], [3, 4] or [3-5], in order, each once."""
    numbers: list[int] = []
    for n in marker_numbers(text):
        if n not in numbers:
            numbers.append(n)
    return numbers


def _join(names: Sequence[str]) -> str:
    names = list(names)[:MAX_CONDITIONS]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _citation_html(references: Sequence[Reference], *, short: bool) -> str:
    parts = []
    for ref in references:
        label = html_lib.escape(ref.label)
        marker = f"[{ref.number}]"
        if short:  # a short form sits in a <summary>: plain text, no link inside the control
            parts.append(f"{label} {marker}")
            continue
        named = f'<a href="{html_lib.escape(ref.href)}">{label} {marker}</a>' if ref.href else f"{label} {marker}"
        detail = ref.detail.strip().rstrip(".")
        if detail:
            detail = detail[0].lower() + detail[1:] if detail[1:2].islower() else detail
            named += f": {html_lib.escape(detail)}"
        parts.append(named)
    return "; ".join(parts)


def fill(
    template: str,
    *,
    condition_names: Sequence[str] = (),
    references: Sequence[Reference] = (),
    short: bool = False,
) -> str:
    """The template as HTML: text escaped, placeholders replaced (citations linked to their entry)."""
    out, last = [], 0
    for match in PLACEHOLDER_RE.finditer(template):
        out.append(html_lib.escape(template[last:match.start()], quote=False))
        name, fallback = match.group(1), match.group(2)
        fallback = FALLBACKS[name] if fallback is None else fallback
        if name == "condition":
            value = html_lib.escape(_join(condition_names), quote=False) if condition_names else None
        else:
            value = _citation_html(references, short=short) if references else None
        out.append(value if value is not None else html_lib.escape(fallback, quote=False))
        last = match.end()
    out.append(html_lib.escape(template[last:], quote=False))
    return "".join(out)


def unknown_placeholders(template: str) -> list[str]:
    """Names in braces that are not placeholders, e.g. a misspelt `{conditon}`."""
    return [m.group(1) for m in re.finditer(r"\{(\w+)(?:\|[^{}]*)?\}", template) if m.group(1) not in FALLBACKS]
