"""The learned half of the claim finder: a small neural network over sentence embeddings and rule features.

Rules explain (forbidden wording, citations, the category and its disclaimer); the classifier gives
recall on wording no rule names. Its weights, thresholds and the hash of the corpus they were trained
on live in `claim_model.json`, written by `python -m claims.engine.train` and committed.

The classifier reads two things: the sentence's embedding and what the rules say about it (which
categories they flag, forbidden wording, a qualifier, another subject of its own, whether it names the
device or speaks in the first person). One hidden layer (ReLU) then a logistic output; the category
comes from a logistic regression per category over the embedding.

Encoding is the slow part, so the embedding's share of the hidden layer is computed once per sentence:
`Classifier.verdicts(sentences)` returns a `Verdict(hidden, category)`, which the site stores;
`probability(verdict, rule_features)` adds the rules' share, so an edited rule takes effect at once
without encoding anything again.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from .rules import CATEGORY_ORDER

MODEL_PATH = Path(__file__).with_name("claim_model.json")


RULE_FEATURES = (*CATEGORY_ORDER, "forbidden", "qualifier", "other_subject", "names_device", "first_person")


@dataclass(frozen=True)
class Verdict:
    hidden: tuple[float, ...]  # the embedding's share of the hidden layer, before bias and rules
    category: str


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


class Classifier:
    def __init__(self, weights: dict, encoder=None):
        claim = weights["claim"]
        self.embedding_w = np.asarray(claim["embedding_w"], dtype=np.float32)  # 384 x hidden
        self.rules_w = dict(zip(RULE_FEATURES, np.asarray(claim["rules_w"], dtype=np.float32)))  # name -> hidden
        self.hidden_b = np.asarray(claim["hidden_b"], dtype=np.float32)
        self.output_w = np.asarray(claim["output_w"], dtype=np.float32)
        self.output_b = float(claim["output_b"])
        self.category_w = np.asarray(weights["category"]["w"], dtype=np.float32)
        self.category_b = np.asarray(weights["category"]["b"], dtype=np.float32)
        self.threshold = float(weights["threshold"])  # a sentence no rule flags is a claim from here up
        self.veto = float(weights.get("veto", self.threshold))  # one a rule flags stays one unless below this
        self.corpus_sha256 = weights.get("corpus_sha256", "")
        self.version = weights.get("version", "")
        self._encoder = encoder

    @classmethod
    def load(cls, path: Path = MODEL_PATH, encoder=None) -> "Classifier":
        return cls(json.loads(Path(path).read_text(encoding="utf-8")), encoder)

    @property
    def encoder(self):
        if self._encoder is None:
            from .encoder import shared_encoder

            self._encoder = shared_encoder()
        return self._encoder

    def verdicts_from_embeddings(self, embeddings: np.ndarray) -> list[Verdict]:
        hidden = embeddings @ self.embedding_w
        categories = (embeddings @ self.category_w.T + self.category_b).argmax(-1)
        return [
            Verdict(tuple(round(float(x), 5) for x in h), CATEGORY_ORDER[int(c)]) for h, c in zip(hidden, categories)
        ]

    def probability(self, verdict: Verdict, rule_features) -> float:
        """P(health claim) from the sentence's verdict and the names of the rule features that hold."""
        hidden = np.asarray(verdict.hidden, dtype=np.float32) + self.hidden_b
        for name in rule_features:
            hidden = hidden + self.rules_w[name]
        return float(_sigmoid(np.maximum(hidden, 0.0) @ self.output_w + self.output_b))

    def verdicts(self, sentences: list[str]) -> list[Verdict]:
        return self.verdicts_from_embeddings(self.encoder.encode(list(sentences)))

    __call__ = verdicts


@lru_cache(maxsize=1)
def shared_classifier() -> Classifier:
    return Classifier.load()
