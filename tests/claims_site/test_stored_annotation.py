"""An article's claim pass runs when it is published; a visit with cold caches only reads the result."""

import pytest
from django.core.cache import cache

from claims import engine, ruleset
from claims.models import StoredAnnotation

URL = "/learn/red-light-therapy-for-peripheral-neuropathy/"


@pytest.fixture
def demo(demo):
    """The demo store with what happened once its saves were committed (pages rendered, texts annotated):
    the suite's `demo` is a copy of the rows of a real, committed `load_demo` (tests/demo_snapshot.py)."""
    return demo


@pytest.fixture
def annotated(monkeypatch):
    """The HTML the claim engine is asked to annotate, from now on."""
    seen: list[str] = []
    real = engine.annotate_html

    def spy(html, *args, **kwargs):
        seen.append(html)
        return real(html, *args, **kwargs)

    monkeypatch.setattr(engine, "annotate_html", spy)
    return seen


def test_a_cold_visit_reads_the_article_body_stored_at_publishing(client, demo, annotated):
    assert StoredAnnotation.objects.exists()
    cache.clear()  # a new worker: nothing in the cache
    ruleset._compiled.clear()
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-disclaimer" in html and "aria-describedby" in html
    # The body's passages come from the stored row; only the product cards' short texts are annotated.
    assert not any("neuropathy" in passage.lower() for passage in annotated), annotated


def test_changed_rules_are_applied_on_the_next_visit(client, demo, django_capture_on_commit_callbacks):
    from claims.models import Disclaimer

    disclaimer = Disclaimer.objects.get(key="study_result")
    assert disclaimer.text.split("{")[0][:40] in client.get(URL).content.decode()
    stored = StoredAnnotation.objects.count()
    disclaimer.text = "Results from small studies; talk to your doctor before trying any device."
    with django_capture_on_commit_callbacks(execute=True):
        disclaimer.save()  # an editor's change: the rules version moves on, nothing else is cleared
    html = client.get(URL).content.decode()
    assert "Results from small studies; talk to your doctor before trying any device." in html
    assert StoredAnnotation.objects.count() > stored  # the new annotation is stored beside the old one
