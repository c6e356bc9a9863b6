"""The sentence classifier as the site runs it: verdicts computed when text is saved, only read on a visit."""

import pytest
from django.core.cache import cache

from claims import learned
from claims.engine import encoder
from claims.models import SentenceVerdict
from shop.models import Review


@pytest.fixture
def encodes(monkeypatch):
    """The sentences the encoder is asked to encode, from now on (the memo of earlier verdicts emptied)."""
    asked: list[str] = []
    real = encoder.Encoder.encode

    def counting(self, sentences, **kwargs):
        asked.extend(sentences)
        return real(self, sentences, **kwargs)

    monkeypatch.setattr(encoder.Encoder, "encode", counting)
    model = learned.classifier()
    assert model is not None, "the sentence model is installed by make install"
    model._memo.clear()
    return asked


@pytest.fixture
def empty_memo():
    """No verdicts remembered in this process (earlier tests' rows were rolled back with their data)."""
    model = learned.classifier()
    if model is not None:
        model._memo.clear()


def test_visiting_published_pages_encodes_nothing(empty_memo, client, demo, encodes):
    assert SentenceVerdict.objects.exists()
    cache.clear()  # no annotated HTML or page in the cache: every claim pass runs again
    for url in ("/", "/learn/red-light-therapy-for-peripheral-neuropathy/", "/shop/", "/shop/clinicred/"):
        assert client.get(url).status_code == 200
    assert encodes == [], encodes


def test_a_submitted_review_is_judged_when_it_is_saved(demo, encodes, django_capture_on_commit_callbacks):
    from shop.models import Product

    with django_capture_on_commit_callbacks(execute=True):
        Review.objects.create(
            product=Product.objects.first(), rating=5, title="Better nights", author_name="Sample customer",
            body="Since March my feet no longer burn at night. Delivery took three days.",
        )
    assert "Since March my feet no longer burn at night." in encodes
    # the verdict is stored: the next visitor's page reads it
    key = learned.classifier().key("Since March my feet no longer burn at night.")
    assert SentenceVerdict.objects.filter(key=key).exists()


def test_a_claim_no_rule_names_still_gets_its_disclaimer(db):
    from claims import ruleset

    found = ruleset.scan("Hospital-strength relief at home.")
    assert found and found[0].rule_ids == ("classifier",) and not found[0].blocks_publishing
