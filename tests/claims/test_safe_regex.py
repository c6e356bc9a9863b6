"""Rule patterns that could hang a page are refused when saved, and any rule runs within its budget."""

import re
import time
from pathlib import Path

import pytest

from claims.engine import DEFAULT_RULES, Guard, Rule, Ruleset, check_pattern, skipped_rules
from claims.engine.phrases import phrases_pattern
from claims.engine.safe_regex import budget_for

ISSUE_PATTERN = r"(\w+\s?)+ cures"
# Slow in the engine that runs rules, on ordinary prose: what a rule that slipped past validation
# (written into the database directly, or a gap in the checks) looks like at render time.
SLOW_PATTERN = r"(?:\w+|\s+|.)*\d{20}"
LABELLED = Path(__file__).parent


@pytest.mark.parametrize(
    "pattern",
    [
        ISSUE_PATTERN,
        r"^(a+)+$",
        r"(a|aa)+$",
        r"(x+x+)+y",
        r"(.*a){25}",
        r"(\s*\w+\s*)*cures",
        r"(\d+\.?)+%",
        r"([a-z]+)*@",
        r"(?:a?a?)+b",
        SLOW_PATTERN,
        r"(?:[a-z ]|[a-z])+[0-9]{9}",  # merged into one set by `re`'s parser; found by running it
    ],
)
def test_patterns_that_backtrack_catastrophically_are_refused(pattern):
    problems = check_pattern(pattern)
    assert len(problems) == 1
    assert "catastrophically" in problems[0] and pattern in problems[0]


def test_the_refusal_names_the_repeated_part_and_what_overlaps():
    (problem,) = check_pattern(ISSUE_PATTERN)
    assert "inside the repeated part “(\\w+\\s?)+”" in problem
    assert "“\\w+” can stop early or go on" in problem and "word characters" in problem


def test_a_pattern_that_only_runs_slowly_says_how_slowly():
    (problem,) = check_pattern(r"(?:[a-z ]|[a-z])+[0-9]{9}")
    assert "too slow" in problem and "ms on a test text of 5,001 characters" in problem


@pytest.mark.parametrize(
    "pattern", sorted({p for rule in DEFAULT_RULES for p in rule.patterns}), ids=lambda p: p[:40]
)
def test_every_default_pattern_is_accepted(pattern):
    assert check_pattern(pattern) == []


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bcures?\b",
        r"(?:\w+\s+){0,5}cures",
        r"(?:\w+\s+)+cures",
        r"(?:\w+,?\s+){0,3}cured",
        r"\b\d{1,3}(?:,\d{3})*\s+patients",
        r"colou?r",
        r"(?:very\s+)?effective",
        r"(?>\w+\s?)+ cures",  # atomic: the engine never goes back into it
        r"(?:\w+\s?)++ cures",  # possessive
    ],
)
def test_ordinary_editor_patterns_are_accepted(pattern):
    assert check_pattern(pattern) == []


def test_an_invalid_pattern_is_refused_as_such():
    (problem,) = check_pattern(r"(cures")
    assert "not a valid pattern" in problem


def slow_rules():
    slow = Rule(id="editor-slow", category="disease", patterns=(SLOW_PATTERN,), disclaimer="disease")
    return DEFAULT_RULES + (slow,)


PASSAGES = [
    "Red light therapy may reduce inflammation after exercise. Parcels leave within one working day.",
    "Near-infrared light brings more oxygen to damaged nerves, and the panel measures 45 by 30 centimetres.",
    "Light therapy is a gentle, drug-free alternative to painkillers. Our support team answers on weekdays.",
    "In one trial, infrared light reduced foot pain by 40% [3]. Wear the protective glasses.",
] * 5


def claims_of(ruleset, passages):
    return [[(c.start, c.category, c.rule_ids) for c in ruleset.scan(p)] for p in passages]


def test_a_slow_rule_is_skipped_the_others_still_apply():
    guard = Guard(budget=0.02)
    slow = Ruleset(slow_rules(), guard=guard)
    with skipped_rules() as skipped:
        found = claims_of(slow, PASSAGES)
    assert found == claims_of(Ruleset(DEFAULT_RULES), PASSAGES)
    assert any(found)
    assert skipped == ["editor-slow"]
    assert [o.rule_id for o in guard.overruns] == ["editor-slow"]  # once: then it rests, for every passage


def test_a_slow_rule_costs_the_page_at_most_its_budget():
    guard = Guard(budget=0.02)
    ruleset = Ruleset(slow_rules(), guard=guard)
    started = time.thread_time()
    ruleset.scan(" ".join(PASSAGES[:4]))
    for passage in PASSAGES:
        ruleset.scan(passage)
    elapsed = time.thread_time() - started
    allowance = budget_for(len(" ".join(PASSAGES[:4])), budget=0.02)
    assert guard.spent["editor-slow"] <= allowance * 1.5
    assert elapsed < 1.0  # unbounded, the pattern takes seconds on each of these passages
    assert len(guard.overruns) == 1


def test_a_rested_rule_is_tried_again_after_its_cooldown():
    guard = Guard(budget=0.01, cooldown=0)
    ruleset = Ruleset(slow_rules(), guard=guard)
    for passage in PASSAGES[:3]:
        ruleset.scan(passage)
    assert [o.rule_id for o in guard.overruns] == ["editor-slow"] * 3


def test_a_report_that_fails_does_not_break_the_scan():
    def report(overrun):
        raise RuntimeError("the cache is down")

    ruleset = Ruleset(slow_rules(), guard=Guard(budget=0.01, report=report))
    assert ruleset.scan(PASSAGES[0])


def test_sound_rules_never_run_over_on_the_labelled_sets():
    guard = Guard()
    ruleset = Ruleset(DEFAULT_RULES, guard=guard)
    for path in sorted(LABELLED.glob("labelled_set_*.tsv")):
        for line in path.read_text().splitlines():
            ruleset.scan(line.split("\t")[0])
    assert guard.overruns == []


def test_split_rules_find_what_one_combined_regex_found():
    """Phrases run in `re`, patterns in `regex`: the leftmost match is the same, phrases first on a tie."""
    ruleset = Ruleset(DEFAULT_RULES)
    sentences = [
        line.split("\t")[0]
        for path in sorted(LABELLED.glob("labelled_set_*.tsv"))
        for line in path.read_text().splitlines()
    ]
    for rule, guarded in zip(ruleset.rules, ruleset._rule_res):
        pieces = ([phrases_pattern(rule.phrases)] if rule.phrases else []) + [f"(?:{p})" for p in rule.patterns]
        combined = re.compile("|".join(pieces), re.IGNORECASE)
        for sentence in sentences:
            expected, found = combined.search(sentence), guarded.search(sentence)
            assert (expected and (expected.start(), expected.group(0))) == (found and (found.start(), found.group(0))), (
                rule.id,
                sentence,
            )
