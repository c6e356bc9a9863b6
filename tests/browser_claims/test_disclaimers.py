"""In headless Chromium, on a wide and a phone-sized screen: the seed article shows every health claim
with its disclaimer right after its paragraph, at most one note per paragraph, short forms that expand
to the full text, and claims that are not styled as links but point out their note on hover.

Each test fails on a console error, an uncaught script error, a 5xx answer or a horizontal scroll bar.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import expect

from tests.claims.test_engine import SEED_CLAIMS

ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
INSIDE = "li, dd, dt, td, th, figcaption, caption"

# Playwright's sync API keeps an event loop running in this thread; the ORM calls here are plain
# synchronous test code, so Django's async-safety guard is switched off for this module.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def store(live_server):
    """The demo store on a live server (the article needs no payments)."""
    from content.demo import load_demo
    from tests.base_data import ensure_base_data

    ensure_base_data()
    load_demo(log=lambda *a: None)
    return live_server.url


@pytest.fixture(params=list(VIEWPORTS))
def page(request, browser, store):
    context = browser.new_context(viewport=VIEWPORTS[request.param])
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(f"console {message.type}: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    page.on("response", lambda response: problems.append(f"{response.status} {response.url}") if response.status >= 500 else None)
    page.goto(store + ARTICLE)
    yield page
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    context.close()
    assert problems == []
    assert overflow <= 0, f"horizontal scroll of {overflow}px at {request.param}"


def test_every_claim_points_at_the_note_right_after_its_paragraph(page):
    found = page.evaluate(
        """(inside) => {
        const problems = [];
        const claims = [...document.querySelectorAll('.article-body .claim')];
        for (const claim of claims) {
            const say = (what) => problems.push(what + ': ' + claim.textContent.slice(0, 60));
            const note = document.getElementById(claim.getAttribute('aria-describedby') || '');
            if (!note || !note.hasAttribute('data-disclaimer')) { say('no note'); continue; }
            const block = claim.closest('p, blockquote, ' + inside);
            const placed = block.matches(inside) ? note.parentElement === block && block.lastElementChild === note
                                                 : block.nextElementSibling === note;
            if (!placed) say('note not right after the paragraph');
            const points = [...note.querySelectorAll('[data-point]')].map((p) => p.dataset.point);
            for (const key of claim.dataset.points.split(' ')) if (!points.includes(key)) say('point ' + key + ' missing');
            if (note.getAttribute('role') !== 'note' || !note.innerText.trim()) say('note empty or without role');
            const noteBox = note.getBoundingClientRect(), blockBox = block.getBoundingClientRect();
            if (noteBox.top < blockBox.bottom - 1 || noteBox.left >= blockBox.right) say('note not under its paragraph');
            if (parseFloat(getComputedStyle(note).fontSize) < 14) say('note text under 14px');
        }
        return {claims: claims.length, problems};
    }""",
        INSIDE,
    )
    assert found["problems"] == []
    assert found["claims"] >= len(SEED_CLAIMS)
    claim_texts = [" ".join(t.split()) for t in page.locator(".article-body .claim").all_text_contents()]
    for fragment, _category in SEED_CLAIMS:
        assert any(fragment in text for text in claim_texts), f"not marked as a claim: {fragment}"


def test_no_paragraph_is_followed_by_more_than_one_note(page):
    notes = page.locator("[data-disclaimer]")
    assert notes.count() >= 7
    stacked = page.evaluate(
        """() => [...document.querySelectorAll('[data-disclaimer]')]
            .filter((note) => note.previousElementSibling && note.previousElementSibling.matches('[data-disclaimer]'))
            .map((note) => note.id)"""
    )
    assert stacked == []
    repeated = page.evaluate(
        """() => [...document.querySelectorAll('[data-disclaimer]')].filter((note) => {
            const keys = [...note.querySelectorAll(':scope > [data-point]')].map((p) => p.dataset.point);
            return new Set(keys).size !== keys.length;
        }).map((note) => note.id)"""
    )
    assert repeated == []


def test_short_forms_expand_to_the_full_text(page):
    shorts = page.locator(".article-body details.disclaimer-short")
    assert shorts.count() >= 1
    for index in range(shorts.count()):
        short = shorts.nth(index)
        summary, full = short.locator("summary"), short.locator(".disclaimer-full")
        expect(summary).to_be_visible()
        expect(full).to_be_hidden()
        assert page.evaluate("(el) => el.getBoundingClientRect().right <= document.documentElement.clientWidth", summary.element_handle())
        summary.scroll_into_view_if_needed()
        summary.click()
        expect(full).to_be_visible()
        assert short.evaluate("(el) => el.open")
        assert len(full.inner_text()) > len(summary.inner_text()) + 40


def test_a_claim_is_not_styled_as_a_link_and_points_out_its_note(page):
    claim = page.locator(".article-body .claim").first
    style = claim.evaluate(
        """(el) => {
            const own = getComputedStyle(el), block = getComputedStyle(el.closest('p'));
            return {decoration: own.textDecorationLine, cursor: own.cursor, color: own.color, blockColor: block.color,
                    background: own.backgroundColor};
        }"""
    )
    assert style["decoration"] == "none" and style["cursor"] != "pointer" and style["color"] == style["blockColor"]
    note = page.locator("#" + claim.get_attribute("aria-describedby"))
    assert note.evaluate("(el) => getComputedStyle(el).boxShadow") == "none"
    claim.hover()
    assert note.evaluate("(el) => getComputedStyle(el).boxShadow") != "none"
    assert claim.evaluate("(el) => getComputedStyle(el).backgroundColor") != style["background"]


def test_notes_have_readable_contrast(page):
    ratios = page.evaluate(
        """() => {
        const rgb = (value) => value.match(/[\\d.]+/g).slice(0, 3).map(Number);
        const lum = ([r, g, b]) => [r, g, b].map((c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; })
                                          .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
        return [...document.querySelectorAll('[data-disclaimer] [data-point]')].map((point) => {
            const note = point.closest('[data-disclaimer]');
            const a = lum(rgb(getComputedStyle(point).color)), b = lum(rgb(getComputedStyle(note).backgroundColor));
            return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
        });
    }"""
    )
    assert ratios and min(ratios) >= 4.5


def test_opened_short_forms_have_no_axe_violations(browser, store):
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser_a11y.test_accessibility import WCAG

    context = browser.new_context(viewport=VIEWPORTS["phone"], bypass_csp=True)  # axe-core is injected
    try:
        page = context.new_page()
        page.goto(store + ARTICLE)
        for summary in page.locator(".article-body details.disclaimer-short summary").all():
            summary.click()
        assert page.locator("details.disclaimer-short:not([open])").count() == 0
        results = Axe().run(page, options=WCAG)
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]] == []
    finally:
        context.close()
