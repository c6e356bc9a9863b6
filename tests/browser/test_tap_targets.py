"""Tap targets are at least 24 x 24 px (WCAG 2.2, 2.5.8 Target Size): citation markers and back-links
in the article, the review form's radio buttons on a product page, and the cart's controls, measured by
their boxes in Chromium at 390 px (and 1280 px)."""

from __future__ import annotations

import re

from playwright.sync_api import Page

ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"
MIN = 24

MEASURE = """(selector) => [...document.querySelectorAll(selector)]
  .filter((el) => el.getClientRects().length > 0 && !el.closest('.hp-field, .visually-hidden'))
  .map((el) => { const r = el.getBoundingClientRect();
                 return [el.outerHTML.slice(0, 80), Math.round(r.width * 10) / 10, Math.round(r.height * 10) / 10]; })"""


def too_small(page: Page, selector: str) -> tuple[int, list]:
    found = page.evaluate(MEASURE, selector)
    return len(found), [(html, w, h) for html, w, h in found if w < MIN or h < MIN]


def test_tap_targets_are_at_least_24_px(page: Page):
    pages = {
        ARTICLE: [".cite", ".backlinks a", "main summary", "main button", ".nav a"],
        "/shop/clinicred/": [".radio input", ".breadcrumb a", "main button", "main input:not([type=hidden])", "main textarea", ".histogram-row", ".review-sort a", ".pagination a"],
    }
    problems = {}
    for path, selectors in pages.items():
        page.goto(path)
        for selector in selectors:
            count, small = too_small(page, selector)
            assert count > 0, f"nothing matched {selector} on {path}"
            if small:
                problems[f"{path} {selector}"] = small
    page.get_by_role("button", name=re.compile(r"Add to cart\W+ClinicRed™$")).click()
    page.locator(".cart-added").wait_for()
    page.goto("/cart/")
    for selector in ["main button", "main input:not([type=hidden])", "main a"]:
        count, small = too_small(page, selector)
        assert count > 0, f"nothing matched {selector} on the cart"
        if small:
            problems[f"/cart/ {selector}"] = small
    assert problems == {}
