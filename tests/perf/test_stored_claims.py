"""Work done when content is written, not when it is read (issue 16): once the demo's texts and images are
stored, rendering the article, a product page and the shop's list calls neither the claims engine nor
Wagtail's rendition machinery, even with every cache empty (a new worker, a restart, a flushed Redis).
Counted, not timed."""

from __future__ import annotations

import re
from collections import Counter
from contextlib import contextmanager

import pytest
from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone
from wagtail.images.models import AbstractImage

from claims import engine, ruleset
from claims.models import ClaimRule
from shop.catalogue import pictures, stored_claims
from shop.catalogue.models import Product, Review

PAGES = ["/learn/red-light-therapy-for-peripheral-neuropathy/", "/shop/", "/shop/clinicred/"]


@contextmanager
def counted(monkeypatch):
    calls = Counter()

    def counting(owner, name, key):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            calls[key] += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, wrapper)

    counting(engine, "annotate_html", "claims engine")
    counting(ruleset.engine, "annotate_html", "claims engine (ruleset)")
    counting(AbstractImage, "get_rendition", "rendition")
    counting(AbstractImage, "get_renditions", "renditions")
    yield calls


def _page_urls(client):
    urls = []
    for url in PAGES:
        response = client.get(url)
        assert response.status_code == 200, url
        urls.append(response)
    return urls


@pytest.fixture
def no_page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 0


def test_stored_pages_render_without_the_claims_engine_or_renditions(client, demo, monkeypatch):
    cache.clear()
    ruleset._compiled.clear()
    with counted(monkeypatch) as calls:
        responses = _page_urls(client)
    assert calls == Counter(), calls
    # and what was read is the annotated, pictured page a shopper expects
    product_page = responses[2].content.decode()
    assert 'class="disclaimer' in product_page or "disclaimer-point" in product_page
    assert responses[1].content.decode().count("<picture>") == Product.objects.live().count()
    assert 'type="image/avif"' in responses[1].content.decode()


def test_a_saved_review_is_annotated_when_saved_not_when_shown(client, demo, monkeypatch, django_capture_on_commit_callbacks):
    product = Product.objects.get(slug="clinicred")
    with django_capture_on_commit_callbacks(execute=True):
        review = Review.objects.create(
            product=product, rating=5, title="Helps", body="This light cured my neuropathy in a week.",
            author_name="A shopper", status=Review.Status.APPROVED, created_at=timezone.now() + timedelta(days=1),
        )
    review.refresh_from_db()
    assert review.claims_html["fields"]["body"][1].count("claim") >= 1
    cache.clear()
    with counted(monkeypatch) as calls:
        html = client.get("/shop/clinicred/").content.decode()
    assert calls["claims engine"] == 0
    assert "cured my neuropathy" in html
    marked = re.search(r'<div class="review-body">(.*?)</div>', html[html.index("cured my") - 600:], re.S)
    assert marked and "claim" in marked.group(1)


def test_text_changed_behind_the_signals_is_annotated_on_render_not_served_stale(client, demo):
    product = Product.objects.get(slug="clinicred")
    Product.objects.filter(pk=product.pk).update(tagline="Cures neuropathy overnight")
    html = client.get("/shop/").content.decode()
    assert "Cures neuropathy overnight" in html  # the new text, not the stored old one


def test_changed_rules_are_applied_to_stored_text_in_the_background(client, demo, django_capture_on_commit_callbacks):
    review = Review.objects.filter(product__slug="clinicred", status=Review.Status.APPROVED).first()
    old_version = review.claims_html["version"]
    rule = ClaimRule.objects.filter(enabled=True).first()
    with django_capture_on_commit_callbacks(execute=True):
        rule.phrases = rule.phrases + "\nglowing panel"
        rule.save()
    review.refresh_from_db()
    # the test settings run tasks at once: the stale pass has already rewritten every row
    assert review.claims_html["version"] == ruleset.annotation_version() != old_version
    assert not Review.objects.exclude(claims_html__version=ruleset.annotation_version()).exists()


def test_a_new_image_file_makes_the_products_pictures_again(demo, django_capture_on_commit_callbacks):
    product = Product.objects.select_related("image").get(slug="clinicred")
    before = product.pictures_html["card"][1]
    with django_capture_on_commit_callbacks(execute=True):
        image = product.image
        image.title = image.title + " (new photo)"
        image.save()
    product.refresh_from_db()
    assert product.pictures_html["card"][0] == product.image_id
    assert product.pictures_html["card"][1] == before  # same file, same renditions


def test_a_product_without_stored_pictures_renders_them_and_stores_them(client, demo, monkeypatch):
    Product.objects.update(pictures_html={})
    html = client.get("/shop/").content.decode()
    assert html.count("<picture>") == Product.objects.live().count()
    assert all(p.pictures_html.get("card") for p in Product.objects.live())  # stored by the enqueued task
    with counted(monkeypatch) as calls:
        client.get("/shop/?again")
    assert calls["renditions"] == calls["rendition"] == 0


def test_previewed_unsaved_text_is_annotated_live_and_never_stored(demo):
    product = Product.objects.get(slug="clinicred")
    stored = product.claims_html
    product.tagline = "Cures neuropathy overnight"
    html = str(stored_claims.html(product, "tagline"))
    assert "Cures neuropathy overnight" in html and "claim" in html
    product.refresh_from_db()
    assert product.claims_html == stored
    assert pictures.html(Product(name="x"), "card") == ""
