"""The claim engine: pure Python (the standard library and `regex`), no Django.

`scan(text)` finds health claims sentence by sentence; `annotate_html(html)` marks them in rich text
and places one note right after the paragraph, list item or quote that holds them, listing each
disclaimer they need once (a short form when the section already showed it in full).
`check_pattern(pattern)` says why an editor's rule pattern would be refused (catastrophic backtracking);
`Guard` bounds the time each rule may take on a passage. The sentence classifier (classifier.py,
encoder.py) uses numpy, tokenizers and safetensors.
"""

from .defaults import DEFAULT_DISCLAIMERS, DEFAULT_RULES, DEFAULT_SHORT_DISCLAIMERS
from .markup import Annotated, annotate_html
from .placeholders import Reference
from .rules import CATEGORY_ORDER, SEVERITY_ORDER, Rule
from .safe_regex import Guard, Overrun, check_pattern, skipped_rules
from .scanner import Claim, Ruleset, compiled, default_ruleset, normalize, scan
from .sentences import split_sentences

__all__ = [
    "Annotated", "CATEGORY_ORDER", "Claim", "DEFAULT_DISCLAIMERS", "DEFAULT_RULES", "DEFAULT_SHORT_DISCLAIMERS",
    "Guard", "Overrun", "Reference", "Rule", "Ruleset", "SEVERITY_ORDER", "annotate_html", "check_pattern", "compiled",
    "default_ruleset", "normalize", "scan", "skipped_rules", "split_sentences",
]
