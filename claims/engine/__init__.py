"""The claim engine: pure Python (the standard library and `regex`), no Django.

`scan(text)` finds health claims sentence by sentence; `annotate_html(html)` marks them in rich text
and places each disclaimer right after the paragraph, list item or quote that holds the claim.
`check_pattern(pattern)` says why an editor's rule pattern would be refused (catastrophic backtracking);
`Guard` bounds the time each rule may take on a passage.
"""

from .defaults import DEFAULT_DISCLAIMERS, DEFAULT_RULES
from .markup import Annotated, annotate_html
from .rules import CATEGORY_ORDER, SEVERITY_ORDER, Rule
from .safe_regex import Guard, Overrun, check_pattern, skipped_rules
from .scanner import Claim, Ruleset, compiled, default_ruleset, normalize, scan
from .sentences import split_sentences

__all__ = [
    "Annotated", "CATEGORY_ORDER", "Claim", "DEFAULT_DISCLAIMERS", "DEFAULT_RULES", "Guard", "Overrun", "Rule",
    "Ruleset", "SEVERITY_ORDER", "annotate_html", "check_pattern", "compiled", "default_ruleset", "normalize", "scan",
    "skipped_rules", "split_sentences",
]
