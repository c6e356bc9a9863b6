"""axe-core (WCAG 2.2 A and AA rules) reports no violations on the storefront pages nor on the article
with every short-form disclaimer opened, and a shopper can buy with the keyboard alone; at 1280 px and
at 390 px. axe-core is injected into the page, so these pages bypass the Content-Security-Policy
(`axe_page`); the other checks of conftest.py apply as everywhere.
"""

from __future__ import annotations

import re

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from shop.models import Order

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}}
ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"


def violations(page: Page) -> list:
    results = Axe().run(page, options=WCAG)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def test_storefront_pages_have_no_axe_violations(axe_page: Page):
    page = axe_page
    found = {}
    for path in ["/", ARTICLE, "/shop/", "/shop/clinicred/"]:
        page.goto(path)
        found[path] = violations(page)
    page.get_by_role("button", name=re.compile(r"Add to cart")).first.click()
    expect(page.locator("[data-cart-count]")).to_have_text("1")
    for path in ["/cart/", "/checkout/"]:
        page.goto(path)
        found[path] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_opened_short_forms_have_no_axe_violations(axe_page: Page):
    page = axe_page
    page.goto(ARTICLE)
    for summary in page.locator(".article-body details.disclaimer-short summary").all():
        summary.click()
    assert page.locator("details.disclaimer-short:not([open])").count() == 0
    assert violations(page) == []


def test_keyboard_only_purchase_and_order_page(axe_page: Page):
    page = axe_page
    page.goto("/shop/clinicred/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    add = page.get_by_role("button", name=re.compile(r"Add to cart"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if add.evaluate("el => el === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(page.locator("[data-cart-count]")).to_have_text("1")
    page.goto("/checkout/")
    values = {"E-mail": "keys@example.com", "Full name": "Key Board", "Address": "1 Main St", "City": "Springfield", "State": "IL",
              "ZIP code": "62701", "Card number": "4242424242424242", "Expiration date": "1234",
              "Security code": "123", "ZIP": "62701"}
    typed = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        label = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el && el.labels && el.labels[0] ? el.labels[0].textContent.trim() : (el ? el.textContent.trim() : '') }"
        )
        if label in values and label not in typed:
            page.keyboard.type(values[label])
            typed.add(label)
        if label == "Pay now":
            break
    assert typed == set(values), set(values) - typed
    page.keyboard.press("Enter")
    expect(page.locator("[data-order-status]")).to_have_text("Paid", timeout=15000)
    assert Order.objects.get().email == "keys@example.com"
    assert violations(page) == []
