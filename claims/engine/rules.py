"""What a rule is: a category, its triggers, how serious it is and which disclaimer it needs."""

from __future__ import annotations

from dataclasses import dataclass

CATEGORY_ORDER = (
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
SEVERITY_ORDER = ("disclaim", "needs-citation", "forbidden")


@dataclass(frozen=True)
class Rule:
    """One trigger set. Phrases match whole words in any case; patterns are regular expressions.

    `needs_subject`: the sentence (or its passage) must be about light therapy or the product.
    `first_person`: the sentence must speak in the first person (testimonials).
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

    def __post_init__(self):
        if self.category not in CATEGORY_ORDER:
            raise ValueError(f"Unknown category {self.category!r}")
        if self.severity not in SEVERITY_ORDER:
            raise ValueError(f"Unknown severity {self.severity!r}")
