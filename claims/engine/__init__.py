"""The claim engine: pure Python (standard library only), no Django.

`scan(text)` finds health claims sentence by sentence; `annotate_html(html)` marks them in rich text
and places one note right after the paragraph, list item or quote that holds them, listing each
disclaimer they need once (a short form when the section already showed it in full).
"""

from .defaults import DEFAULT_DISCLAIMERS, DEFAULT_RULES, DEFAULT_SHORT_DISCLAIMERS
from .markup import Annotated, annotate_html
from .placeholders import Reference
from .rules import CATEGORY_ORDER, SEVERITY_ORDER, Rule
from .scanner import Claim, Ruleset, compiled, default_ruleset, normalize, scan
from .sentences import split_sentences

__all__ = [
    "Annotated", "CATEGORY_ORDER", "Claim", "DEFAULT_DISCLAIMERS", "DEFAULT_RULES", "DEFAULT_SHORT_DISCLAIMERS",
    "Reference", "Rule", "Ruleset", "SEVERITY_ORDER", "annotate_html", "compiled", "default_ruleset", "normalize",
    "scan", "split_sentences",
]
