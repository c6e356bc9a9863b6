"""The claim classifier as the site uses it: one verdict per sentence, stored when text is saved.

Encoding a sentence takes tens of milliseconds, so verdicts are computed when an article is published,
a product saved or a review submitted (the claim checks run then), stored in `SentenceVerdict`, and
only read when a page renders. A process-wide memo saves the database round trip for sentences seen
before. Without the model package (a bare checkout), `classifier()` is None and the rules alone decide.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict

from django.conf import settings
from django.db import DatabaseError, IntegrityError, transaction

from . import engine
from .engine.classifier import Verdict, shared_classifier
from .engine.encoder import ModelUnavailable, model_zip_path
from .engine.markup import passages
from .models import SentenceVerdict

log = logging.getLogger(__name__)
_MEMO_SIZE = 20_000


class StoredClassifier:
    def __init__(self, model):
        self.model = model
        self.threshold = model.threshold
        self.veto = model.veto
        self.probability = model.probability
        self._memo: OrderedDict[str, Verdict] = OrderedDict()
        self._lock = threading.Lock()

    def key(self, sentence: str) -> str:
        return hashlib.sha256(f"{self.model.version}\0{sentence}".encode()).hexdigest()

    def __call__(self, sentences: list[str]) -> list[Verdict]:
        keys = [self.key(s) for s in sentences]
        with self._lock:
            found = {k: self._memo[k] for k in keys if k in self._memo}
        wanted = [k for k in dict.fromkeys(keys) if k not in found]
        if wanted:
            try:
                for row in SentenceVerdict.objects.filter(key__in=wanted):
                    found[row.key] = Verdict(tuple(row.hidden), row.category)
            except DatabaseError:  # no migrated database (scan_claims on a bare checkout)
                pass
        missing = {k: s for k, s in zip(keys, sentences) if k not in found}
        if missing:
            verdicts = self.model.verdicts(list(missing.values()))
            found.update(zip(missing, verdicts))
            self._store({k: found[k] for k in missing})
        with self._lock:
            for k in keys:
                self._memo[k] = found[k]
                self._memo.move_to_end(k)
            while len(self._memo) > _MEMO_SIZE:
                self._memo.popitem(last=False)
        return [found[k] for k in keys]

    def _store(self, verdicts: dict[str, Verdict]) -> None:
        rows = [SentenceVerdict(key=k, hidden=list(v.hidden), category=v.category) for k, v in verdicts.items()]
        try:
            with transaction.atomic():
                SentenceVerdict.objects.bulk_create(rows, ignore_conflicts=True)
        except (DatabaseError, IntegrityError):
            log.warning("Could not store %d sentence verdicts", len(rows))


_shared: StoredClassifier | None = None
_unavailable = False


def classifier() -> StoredClassifier | None:
    """The stored classifier, or None when it is switched off or its model is not installed."""
    global _shared, _unavailable
    if not getattr(settings, "CLAIMS_CLASSIFIER", True) or _unavailable:
        return None
    if _shared is None:
        try:
            model_zip_path()  # the encoder itself loads (and checks its digests) when first needed
            model = shared_classifier()
        except (ModelUnavailable, ImportError, OSError) as exc:
            log.error("Claim classifier unavailable, the rules alone decide: %s", exc)
            _unavailable = True
            return None
        _shared = StoredClassifier(model)
    return _shared


def prepare(texts=(), html=()) -> None:
    """Compute and store the verdicts of every sentence in these plain texts and rich-text passages,
    read as the page will read them (called when text is saved, so that a visit only reads them)."""
    model = classifier()
    if model is None:
        return
    sentences = []
    texts = list(texts) + [passage for fragment in html for passage in passages(fragment or "")]
    for text in texts:
        plain = engine.normalize(text or "")
        sentences.extend(plain[s:e].strip() for s, e in engine.split_sentences(plain))
    sentences = [s for s in dict.fromkeys(sentences) if s]
    if sentences:
        model(sentences)
