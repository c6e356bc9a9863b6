"""axe-core (WCAG 2.2 A and AA rules) reports no violations on the storefront pages, and a shopper
can buy with the keyboard alone."""

import os
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from shop.models import Order
from tests.browser_buying.test_buying import CHROMIUM_ARGS, store  # noqa: F401  (fixture)

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]}}


@pytest.fixture
def page(store):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        context = browser.new_context(bypass_csp=True)
        page = context.new_page()
        page.base = store
        yield page
        browser.close()


def violations(page):
    results = Axe().run(page, options=WCAG)
    return [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]]


def test_storefront_pages_have_no_axe_violations(page):
    found = {}
    for path in ["/", "/learn/red-light-therapy-for-peripheral-neuropathy/", "/shop/", "/shop/clinicred/"]:
        page.goto(page.base + path)
        found[path] = violations(page)
    page.get_by_role("button", name=re.compile(r"Add to cart")).first.click()
    for path in ["/cart/", "/checkout/"]:
        page.goto(page.base + path)
        found[path] = violations(page)
    assert {path: v for path, v in found.items() if v} == {}


def test_keyboard_only_purchase_and_order_page(page):
    page.goto(page.base + "/shop/clinicred/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    add = page.get_by_role("button", name=re.compile(r"Add to cart"))
    for _ in range(40):
        page.keyboard.press("Tab")
        if add.evaluate("el => el === document.activeElement"):
            break
    page.keyboard.press("Enter")
    expect(page.locator("[data-cart-count]")).to_have_text("1")
    page.goto(page.base + "/checkout/")
    values = {"E-mail": "keys@example.com", "Full name": "Key Board", "Address": "1 Main St", "City": "Springfield", "State": "IL", "ZIP code": "62701",
              "Card number": "4242424242424242", "Expiration date (MM / YY)": "12 / 34", "Security code (CVC)": "123"}
    typed = set()
    for _ in range(60):
        page.keyboard.press("Tab")
        label = page.evaluate("() => { const el = document.activeElement; return el && el.labels && el.labels[0] ? el.labels[0].textContent.trim() : (el ? el.textContent.trim() : '') }")
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
