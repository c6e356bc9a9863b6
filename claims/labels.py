"""Words an editor reads for what the claim checks found: one mapping, used by the Health claims panel,
its live re-scan and the errors a refused publish or save shows."""

from __future__ import annotations

import re

# Categories in the order of compliance.md 0.3 (claims/engine/rules.py CATEGORY_ORDER).
CATEGORY_LABELS = {
    "cure": "Cure claim",
    "urgency": "Urgency or discouraging medical care",
    "testimonial": "Testimonial",
    "nonhuman_study": "Animal or laboratory finding",
    "study_result": "Statistic",
    "authority": "Authority claim",
    "disease": "Disease claim",
    "safety": "Safety claim",
    "structure_function": "Health effect claim",
}
# What a forbidden wording is, by its words first (an absolute promise is filed under "cure"), then by
# its category.
_FORBIDDEN_BY_WORDS = (
    (re.compile(r"guarant", re.I), "guarantee"),
    (re.compile(r"100\s?%|complete|total|permanent|forever|for good|for life|never|once and for all|miracle|promise", re.I), "absolute promise"),
    (re.compile(r"side[\s-]?effect|risk|harm|safe", re.I), "absolute safety promise"),
    (re.compile(r"fda|food and drug", re.I), "FDA approval claim"),
)
_FORBIDDEN_BY_CATEGORY = {
    "cure": "cure",
    "urgency": "urgency or discouraging medical care",
    "authority": "FDA approval claim",
    "safety": "absolute safety promise",
}
EVIDENCE_CATEGORIES = ("disease", "authority")


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category.replace("_", " ").capitalize())


def phrase_label(category: str, severity: str, words: str = "") -> str:
    """"Forbidden: guarantee", "Statistic – needs a citation", "Health effect claim – needs disclaimer"."""
    if severity == "forbidden":
        kind = next((kind for pattern, kind in _FORBIDDEN_BY_WORDS if pattern.search(words)), None)
        return f"Forbidden: {kind or _FORBIDDEN_BY_CATEGORY.get(category, category_label(category).lower())}"
    if severity == "needs-citation":
        return f"{category_label(category)} – needs a citation"
    if category in EVIDENCE_CATEGORIES:
        return f"{category_label(category)} – needs a citation or a verification record"
    return f"{category_label(category)} – needs disclaimer"


def claim_label(claim) -> str:
    """The label of a claim as a whole (its main category at its severity); a classifier-only claim says so."""
    if claim.learned:
        return f"{category_label(claim.category)} – needs disclaimer (found by the classifier)"
    worst = [p for p in claim.phrases if p[1] == claim.severity] or list(claim.phrases)
    if worst:
        return phrase_label(*worst[0])
    return phrase_label(claim.category, claim.severity)
