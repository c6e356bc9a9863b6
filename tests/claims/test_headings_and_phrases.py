"""Every problem wording of a sentence is named, and a title that only names its topic is not a claim."""

import pytest

from claims.engine import scan


def test_every_forbidden_wording_of_a_sentence_is_named():
    [claim] = scan("This device cures neuropathy, guaranteed results.")
    assert claim.forbidden_words == ("cures", "guaranteed")
    assert claim.publishing_problem().startswith('Forbidden wording "cures", "guaranteed"')
    assert [words for _, severity, words in claim.problem_phrases() if severity == "forbidden"] == ["cures", "guaranteed"]


def test_overlapping_wordings_are_named_once_as_a_whole():
    [claim] = scan("Light therapy reduced pain by 67% in one study.")
    assert ("study_result", "needs-citation", "reduced pain by 67%") in claim.phrases
    assert claim.problem_phrases(references=frozenset({1})) != () and scan("Light therapy reduced pain by 67% [1].")[0].problem_phrases(references=frozenset({1})) == ()


@pytest.mark.parametrize(
    "title",
    [
        "Red light and sleep: what one small study found",
        "Red Light therapy for peripheral neuropathy?",
        "Red light and wound healing",
        "How red light works",
    ],
)
def test_a_title_naming_its_topic_is_not_a_claim(title):
    assert scan(title, heading=True) == []


@pytest.mark.parametrize(
    ("title", "category"),
    [
        ("Red light cures neuropathy", "cure"),
        ("Red light therapy: the miracle for neuropathy", "cure"),
        ("Red light cuts pain by 67%", "study_result"),
        ("Red light heals wounds", "structure_function"),
    ],
)
def test_a_title_that_asserts_is_read_as_a_sentence(title, category):
    [claim] = scan(title, heading=True)
    assert claim.category == category
