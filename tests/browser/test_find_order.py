"""A shopper who lost the link to a paid order finds it again, in headless Chromium at 1280 px and 390 px
(and at 320 px on the way): "Find my order" in the footer, e-mail and order number, the same message
whatever was typed; the link from the e-mail opens the order in another browser, and its receipt shows
what was paid, with a Print button. The form's mistakes are summarised at the top. axe-core finds no
violations on these pages.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import violations
from tests.browser.test_tap_targets import too_small
from tests.browser.test_verified_review import paid_order

SENT = "If an order with that number was placed with that e-mail, we've sent its link to that address. It can take a minute."
NARROW = {"width": 320, "height": 700}


def link_mails(order) -> list:
    return [m for m in mail.outbox if m.subject == f"Your link to ClinicRed order {order.number}"]


def at_320(page: Page, walk, where: str) -> None:
    """Check the page at 320 px too, then put the test's own width back."""
    width = page.viewport_size
    page.set_viewport_size(NARROW)
    walk.assert_no_sideways_scroll(f"{where} at 320 px")
    page.set_viewport_size(width)


def test_a_shopper_finds_a_paid_order_by_email_and_number_and_prints_its_receipt(page: Page, second_page: Page, walk, settings, store):
    settings.WAGTAILADMIN_BASE_URL = store  # the e-mailed links lead to the live server
    order = paid_order("finder@example.com")

    page.goto("/")
    page.get_by_role("link", name="Find my order").click()
    expect(page.get_by_role("heading", name="Find my order", level=1)).to_be_visible()
    at_320(page, walk, "the find my order page")

    page.get_by_label("E-mail").fill("Finder@Example.com")
    page.get_by_label("Order number").fill(order.number.lower())
    page.get_by_role("button", name="E-mail me the link").click()
    expect(page.get_by_role("status").filter(has_text=SENT)).to_be_visible()
    at_320(page, walk, "the answer")

    (message,) = link_mails(order)
    assert message.to == ["finder@example.com"]
    link = re.search(r"Your order: (\S+)", message.body).group(1)
    assert link == f"{store}/orders/{order.token}/"

    second_page.goto(link)  # another browser: no session, no cookie, only the e-mailed link
    expect(second_page.get_by_role("heading", name=f"Order {order.number}")).to_be_visible()
    expect(second_page.locator("[data-order-status]")).to_have_text("Paid")
    second_page.get_by_role("link", name="View and print your receipt").click()
    expect(second_page.get_by_role("heading", name="Receipt", level=1)).to_be_visible()
    expect(second_page.locator("[data-receipt-number]")).to_have_text(order.number)
    expect(second_page.locator("[data-receipt-total]")).to_have_text("$195.95")
    expect(second_page.locator("[data-receipt-payment]")).to_have_text("Card")
    print_button = second_page.get_by_role("button", name="Print")
    expect(print_button).to_be_visible()  # shown by the script
    second_page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    print_button.click()
    assert second_page.evaluate("() => window.__printed") == 1

    second_page.emulate_media(media="print")
    expect(second_page.locator(".site-header")).to_be_hidden()
    expect(second_page.locator(".site-footer")).to_be_hidden()
    expect(print_button).to_be_hidden()
    expect(second_page.locator("[data-receipt-total]")).to_be_visible()
    second_page.emulate_media(media="screen")
    walk.page = second_page
    at_320(second_page, walk, "the receipt")
    walk.page = page


def test_a_wrong_guess_reads_the_same_and_mistakes_are_listed(page: Page, walk):
    order = paid_order("finder@example.com")
    mail.outbox.clear()
    page.goto("/shop/orders/find/")

    walk.expect_client_error(400, "POST", "/shop/orders/find/")
    page.get_by_role("button", name="E-mail me the link").click()
    summary = page.get_by_role("group", name="There is a problem")
    expect(summary).to_be_focused()
    summary.get_by_role("link", name="Enter your order number.").click()
    expect(page.get_by_label("Order number")).to_be_focused()
    expect(page.get_by_label("E-mail")).to_have_attribute("aria-invalid", "true")
    at_320(page, walk, "the error summary")

    page.get_by_label("E-mail").fill("finder@example.com")
    page.get_by_label("Order number").fill("CR-22222222")
    page.get_by_role("button", name="E-mail me the link").click()
    expect(page.get_by_role("status").filter(has_text=SENT)).to_be_visible()
    expect(page.get_by_role("group", name="There is a problem")).to_have_count(0)
    assert link_mails(order) == [] and mail.outbox == []


TARGETS = "main a, main button, main input:not([type=hidden]), .footer-link"


def test_find_my_order_and_the_receipt_have_no_axe_violations_and_big_enough_targets(axe_page: Page, walk):
    order = paid_order("finder@example.com")
    walk.expect_client_error(400, "POST", "/shop/orders/find/")
    found = {}
    axe_page.goto("/shop/orders/find/")
    found["find"] = violations(axe_page)
    count, small = too_small(axe_page, TARGETS)
    assert count >= 4 and small == []
    axe_page.get_by_role("button", name="E-mail me the link").click()
    found["find with mistakes"] = violations(axe_page)
    axe_page.get_by_label("E-mail").fill(order.email)
    axe_page.get_by_label("Order number").fill(order.number)
    axe_page.get_by_role("button", name="E-mail me the link").click()
    expect(axe_page.get_by_text(SENT)).to_be_visible()
    found["find, sent"] = violations(axe_page)
    axe_page.goto(f"/orders/{order.token}/receipt/")
    found["receipt"] = violations(axe_page)
    count, small = too_small(axe_page, TARGETS)
    assert count >= 3 and small == []
    assert {where: v for where, v in found.items() if v} == {}
