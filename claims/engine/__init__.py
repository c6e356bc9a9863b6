"""The claim engine: pure Python (standard library only), no Django.

`scan(text)` finds health claims sentence by sentence; `annotate_html(html)` marks them in rich text
and places each disclaimer right after the paragraph, list item or quote that holds the claim.
"""

from .defaults import DEFAULT_DISCLAIMERS, DEFAULT_RULES
from .markup import Annotated, annotate_html
from .rules import CATEGORY_ORDER, SEVERITY_ORDER, Rule
from .scanner import Claim, Ruleset, compiled, default_ruleset, normalize, scan
from .sentences import split_sentences

__all__ = [
    "Annotated", "CATEGORY_ORDER", "Claim", "DEFAULT_DISCLAIMERS", "DEFAULT_RULES", "Rule", "Ruleset",
    "SEVERITY_ORDER", "annotate_html", "compiled", "default_ruleset", "normalize", "scan", "split_sentences",
]
