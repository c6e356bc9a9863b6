"""Severities (compliance.md 2): what a claim needs before it may be published, and what counts as support.

Citation markers are checked against the reference list the text is published with; disease and
authority claims need a citation or a verification record whose wording stands in the sentence.
The rules here are spelt out so the tests pin the severity logic, not the classifier.
"""

import pytest

from claims.engine import Rule, Ruleset
from claims.engine.evidence import cites_only, covers, marker_numbers

RULES = Ruleset(
    (
        Rule(id="disease", category="disease", phrases=("arthritis", "neuropathy"), disclaimer="disease", needs_subject=False),
        Rule(id="authority", category="authority", phrases=("FDA cleared",), disclaimer="authority", needs_subject=False),
        Rule(id="statistic", category="study_result", patterns=(r"\d+\s?%",), severity="needs-citation", disclaimer="study_result", needs_subject=False),
        Rule(id="cure", category="cure", phrases=("cures",), severity="forbidden", disclaimer="cure", needs_subject=False),
        Rule(id="body", category="structure_function", phrases=("circulation",), disclaimer="structure_function", needs_subject=False),
    )
)
TWO_REFERENCES = frozenset({1, 2})


def claim(text, **options):
    found = RULES.scan(text, **options)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, numbers",
    [
        ("Pain fell [3].", [3]),
        ("Pain fell [1,3].", [1, 3]),
        ("Pain fell [1, 3].", [1, 3]),
        ("Pain fell [2-4].", [2, 3, 4]),
        ("Pain fell [7–9].", [7, 8, 9]),
        ("Pain fell [7—9].", [7, 8, 9]),
        ("Pain fell [ 2 ].", [2]),
        ("Pain fell [1, 3–5] and rose [6].", [1, 3, 4, 5, 6]),
        ("Pain fell in 2006 [sic].", []),
    ],
)
def test_every_citation_form_names_its_numbers(text, numbers):
    assert marker_numbers(text) == numbers


@pytest.mark.parametrize(
    "text, references, cited",
    [
        ("Pain fell [2].", TWO_REFERENCES, True),
        ("Pain fell [7–9].", TWO_REFERENCES, False),  # the range names 7, 8 and 9: none is listed
        ("Pain fell [1–2].", TWO_REFERENCES, True),
        ("Pain fell [2-4].", frozenset({1, 2, 3, 4}), True),
        ("Pain fell [2-4].", frozenset({1, 2, 3}), False),  # 4 is out of range
        ("Pain fell [1,3].", TWO_REFERENCES, False),
        ("Pain fell [1, 2].", TWO_REFERENCES, True),
        ("Pain fell [1, 3–5].", frozenset(range(1, 6)), True),
        ("Pain fell [1, 3–5].", frozenset(range(1, 5)), False),  # mixed list and range, 5 missing
        ("Pain fell [1] and rose [7].", TWO_REFERENCES, False),  # one good marker does not excuse a bad one
        ("Pain fell [0].", TWO_REFERENCES, False),
        ("Pain fell.", TWO_REFERENCES, False),
        ("Pain fell [7].", frozenset(), False),  # no reference list (a product description): nothing is cited
        ("Pain fell [7].", None, True),  # reference list not known: any marker counts
    ],
)
def test_a_marker_cites_only_when_every_number_is_in_the_reference_list(text, references, cited):
    assert cites_only(text, references) is cited


def test_an_out_of_range_statistic_blocks_and_names_the_missing_numbers():
    found = claim("Circulation rose by 40% [7–9].")
    assert found.markers == (7, 8, 9)
    problem = found.publishing_problem(references=TWO_REFERENCES)
    assert problem == "Statistic or study result cites [7], [8], [9], not in the reference list"
    assert found.publishing_problem(references=frozenset(range(1, 10))) == ""


@pytest.mark.parametrize(
    "text, label",
    [
        ("Red light eases arthritis pain.", "Disease claim"),
        ("The panel is FDA cleared for muscle pain.", "Authority claim"),
        ("The panel is FDA cleared for arthritis pain.", "Authority claim"),  # authority named first (category order)
    ],
)
def test_disease_and_authority_claims_block_until_supported(text, label):
    found = claim(text)
    assert found.severity == "disclaim"  # the rule only disclaims; the category asks for support
    assert found.blocks_publishing
    assert found.publishing_problem(references=TWO_REFERENCES) == f"{label} needs a citation or a verification record"


@pytest.mark.parametrize(
    "text, references, verified, blocks",
    [
        ("Red light eases arthritis pain [2].", TWO_REFERENCES, (), False),
        ("Red light eases arthritis pain [1, 2].", TWO_REFERENCES, (), False),
        ("Red light eases arthritis pain [7–9].", TWO_REFERENCES, (), True),
        ("Red light eases arthritis pain [2, 3].", TWO_REFERENCES, (), True),
        ("Red light eases arthritis pain.", TWO_REFERENCES, ("arthritis pain",), False),
        ("Red light eases arthritis pain.", TWO_REFERENCES, ("Red light eases arthritis pain.",), False),
        ("Red light eases arthritis pain.", TWO_REFERENCES, ("knee pain",), True),
        ("Red light eases arthritis pain [7].", frozenset(), ("arthritis pain",), False),
        ("The panel is FDA cleared for muscle pain.", frozenset(), ("FDA-cleared",), False),
        ("The panel is FDA cleared for muscle pain.", frozenset(), ("FDA cleared for arthritis",), True),
    ],
)
def test_a_valid_citation_or_a_matching_record_unblocks(text, references, verified, blocks):
    found = claim(text)
    assert bool(found.publishing_problem(references=references, verified=verified)) is blocks


def test_an_out_of_range_marker_on_a_disease_claim_is_named():
    problem = claim("Red light eases neuropathy [7–9].").publishing_problem(references=TWO_REFERENCES)
    assert problem == "Disease claim needs a citation or a verification record (it cites [7], [8], [9], not in the reference list)"


def test_a_record_does_not_excuse_a_statistic_or_forbidden_wording():
    statistic = claim("Arthritis pain fell by 40%.")
    assert statistic.publishing_problem(verified=("Arthritis pain fell by 40%",)) == "Statistic or study result without a citation marker"
    cure = claim("Red light cures arthritis [1].")
    assert cure.publishing_problem(references=TWO_REFERENCES, verified=("arthritis",)).startswith('Forbidden wording "cures"')


def test_other_claims_need_nothing():
    assert claim("Red light improves circulation.").publishing_problem(references=TWO_REFERENCES) == ""


@pytest.mark.parametrize(
    "wording, sentence, covered",
    [
        ("arthritis pain", "Red light eases Arthritis  pain.", True),
        ("FDA-cleared", "The panel is FDA cleared for muscle pain.", True),
        ("“minor arthritis pain”", "Eases minor arthritis pain [2].", True),
        ("arthritis", "Eases osteoarthritis pain.", False),  # whole words only
        ("pain arthritis", "Eases arthritis pain.", False),  # same order
        ("Eases arthritis pain.", "Eases arthritis pain [2].", True),  # the sentence pasted without its marker
        ("   ", "Eases arthritis pain.", False),
    ],
)
def test_record_wording_matches_whole_words_in_order(wording, sentence, covered):
    assert covers(wording, sentence) is covered
