"""Precision and recall of the claim engine on a labelled set written for this project."""

from collections import Counter
from pathlib import Path

from claims.engine import scan

SET = Path(__file__).with_name("labelled_sentences.tsv")


def rows():
    lines = SET.read_text(encoding="utf-8").splitlines()[1:]
    return [line.split("\t") for line in lines if line.strip()]


def test_the_set_is_big_and_balanced():
    labels = Counter(label for label, _, _ in rows())
    assert sum(labels.values()) >= 200
    assert 0.4 <= 1 - labels["none"] / sum(labels.values()) <= 0.6
    for category in ("cure", "urgency", "testimonial", "nonhuman_study", "study_result", "authority", "disease", "safety", "structure_function"):
        assert labels[category] >= 10, category


def test_precision_and_recall():
    tp = fp = fn = 0
    per_category = Counter()
    correct = Counter()
    for label, context, sentence in rows():
        found = scan(sentence, context=context)
        predicted = found[0].category if found else "none"
        per_category[label] += 1
        correct[label] += predicted == label
        if label != "none" and predicted != "none":
            tp += 1
        elif label == "none" and predicted != "none":
            fp += 1
        elif label != "none":
            fn += 1
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    print(f"\nclaim engine: precision {precision:.3f}, recall {recall:.3f} on {sum(per_category.values())} sentences")
    for label in sorted(per_category):
        print(f"  {label:20s} {correct[label]}/{per_category[label]} labelled exactly")
    assert recall >= 0.95
    assert precision >= 0.90
