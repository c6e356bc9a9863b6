"""A reader reads the seed article in headless Chromium at 1280 px and 390 px: the closing quote shows
its attribution, a citation marker takes them to its reference and the reference's back-link brings
them back, and every paragraph (or quote) holding a claim is followed by its disclaimer.

Each test fails on a console error, an uncaught script error, a 5xx answer or a sideways scroll (see
conftest.py).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"
ATTRIBUTION = "A play on The Wizard of Oz"


@pytest.fixture
def attributed(store):
    """The seed article republished with an attribution under its closing quote, as an editor would add it."""
    from django.core.cache import cache

    from content.models import ArticlePage

    article = ArticlePage.objects.get(url_path__endswith="/red-light-therapy-for-peripheral-neuropathy/")
    for block in article.body:
        if block.block_type == "quote":
            block.value["attribution"] = ATTRIBUTION
    article.save_revision().publish()
    cache.clear()
    return article


def test_the_quote_shows_its_attribution_under_it(page: Page, attributed):
    page.goto(ARTICLE)
    quote = page.locator(".article-body figure.quote")
    expect(quote).to_have_count(1)
    caption = quote.locator("figcaption")
    expect(caption).to_have_text(f"— {ATTRIBUTION}")
    expect(quote.locator("blockquote")).to_contain_text("You’ve always had the power of infrared and red light")
    caption.scroll_into_view_if_needed()
    expect(caption).to_be_visible()
    text_box = quote.locator("blockquote").bounding_box()
    caption_box = caption.bounding_box()
    assert caption_box["y"] >= text_box["y"] + text_box["height"] - 1, "the attribution stands under the quote"
    note = page.locator(".article-body figure.quote + [data-disclaimer]")
    expect(note).to_be_visible()  # the quote's testimonial note follows the quote and its attribution
    assert note.bounding_box()["y"] >= caption_box["y"] + caption_box["height"] - 1


def test_a_citation_marker_leads_to_its_reference_and_back(page: Page, attributed):
    page.goto(ARTICLE)
    markers = page.locator(".article-body a.cite")
    assert markers.count() >= 15
    marker = markers.nth(3)
    marker_id, target = marker.get_attribute("id"), marker.get_attribute("href")
    assert re.fullmatch(r"#ref-\d+", target)
    marker.scroll_into_view_if_needed()
    marker.click()
    expect(page).to_have_url(re.compile(re.escape(target) + "$"))
    reference = page.locator(f"li{target}")
    expect(reference).to_be_in_viewport()
    back = reference.locator(f'.backlinks a[href="#{marker_id}"]')
    expect(back).to_have_count(1)
    back.click()
    expect(page).to_have_url(re.compile(f"#{marker_id}$"))
    expect(page.locator(f"#{marker_id}")).to_be_in_viewport()
    expect(reference).not_to_be_in_viewport()


def test_each_paragraph_with_a_claim_is_followed_by_its_disclaimer(page: Page, attributed):
    page.goto(ARTICLE)
    found = page.evaluate(
        """() => {
        const blocks = new Set();
        for (const claim of document.querySelectorAll('.article-body .claim')) {
            const block = claim.closest('p, blockquote, li');
            blocks.add(block.matches('li') ? block : block.closest('figure') || block);
        }
        return [...blocks].map((block) => {
            const note = block.matches('li') ? block.lastElementChild : block.nextElementSibling;
            const ids = [...block.querySelectorAll('.claim')].map((c) => c.getAttribute('aria-describedby'));
            return {
                text: block.textContent.slice(0, 50),
                quote: block.matches('figure'),
                noted: !!note && note.matches('[data-disclaimer]') && ids.every((id) => id === note.id),
                visible: !!note && note.getBoundingClientRect().height > 0,
            };
        });
    }"""
    )
    assert len(found) >= 7 and any(block["quote"] for block in found)
    assert [block["text"] for block in found if not (block["noted"] and block["visible"])] == []
