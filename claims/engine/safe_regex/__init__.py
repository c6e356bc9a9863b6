"""Rule patterns that cannot take the site down: refused when saved, bounded when they run.

* `check_pattern(pattern)` lists what is wrong with a pattern an editor wants to save: not valid, or
  able to backtrack catastrophically. Two checks: a static one on the parsed pattern (inside a
  repeated part, a place where the engine may go on or stop and what comes next can match the same
  character: `(\\w+\\s?)+`, `(a|aa)+`, `(.*a){20}`) and an empirical one (the pattern, compiled as the
  scanner compiles it, run under a time limit on texts built from its own alphabet).
* At scan time each rule's phrases run in `re` (the scanner builds them as a trie of escaped words,
  so nothing in them can backtrack catastrophically) and its patterns in the `regex` engine under a
  time budget per passage (`Guard`). A rule that runs over is skipped for that passage, reported
  (log, the `report` callback, `skipped_rules()`) and rests for a cooldown, so one slow rule costs a
  page at most its budget.
"""

from .backtracking import check_pattern
from .budget import (
    BUDGET_SECONDS,
    COOLDOWN_SECONDS,
    SECONDS_PER_CHARACTER,
    FirstPass,
    Guard,
    GuardedRule,
    Overrun,
    budget_for,
    compile_pattern,
    skipped_rules,
)

__all__ = [
    "BUDGET_SECONDS", "COOLDOWN_SECONDS", "SECONDS_PER_CHARACTER", "FirstPass", "Guard", "GuardedRule", "Overrun",
    "budget_for", "check_pattern", "compile_pattern", "skipped_rules",
]
