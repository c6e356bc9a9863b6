"""A shopper uses a discount code, in headless Chromium at 1280 px and 390 px, against the live server and
localstripe: ClinicRed™ in the cart, the details typed, WELCOME10 (the demo's 10% off) applied at checkout
(the page comes back with the details still there and "−$19.60" in the order summary, its total
$176.35), then paid with a good card; the PaymentIntent is for the discounted total and the order page
shows the discount. A code the store does not know is answered under the field, tied to it with
aria-describedby, and nothing changes. On a phone the summary (folded at first) stays open after Apply.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from shop.models import Order
from shop.payments import stripe_api
from tests.browser.test_accessibility import violations
from tests.browser.test_shopper_buys import (
    CARD_OK,
    enter_card,
    expect_paid,
    fill_details,
    go_to_checkout,
    pay,
    put_clinicred_in_cart,
)
from tests.browser.test_tap_targets import too_small

CLINICRED, OFF = 19595, 1960  # 10% of $195.95, rounded half up; standard shipping stays free ($176.35 ≥ $150)


def open_summary(page: Page) -> None:
    """On a phone the order summary starts folded to its total: unfold it to reach the code field."""
    summary = page.locator("#order-summary")
    if not summary.evaluate("details => details.open"):
        summary.locator("summary").click()
    expect(page.get_by_label("Discount code")).to_be_visible()


def test_shopper_applies_welcome10_and_pays_the_discounted_total(page: Page):
    put_clinicred_in_cart(page)
    go_to_checkout(page)
    fill_details(page, "saver@example.com")
    open_summary(page)
    page.get_by_label("Discount code").fill("welcome10")
    page.get_by_role("button", name="Apply").click()

    expect(page.get_by_role("status").filter(has_text="Code WELCOME10 applied")).to_be_visible()
    expect(page.locator("#discount-amount")).to_have_text("\u2212$19.60")
    expect(page.locator("#order-total")).to_have_text("$176.35")
    expect(page.locator(".summary-total")).to_have_text("$176.35")
    expect(page.get_by_label("E-mail")).to_have_value("saver@example.com")  # the details typed came back
    expect(page.get_by_label("ZIP code", exact=True)).to_have_value("62701")
    count, small = too_small(page, "#order-summary button, #order-summary input")
    assert count and not small, small

    enter_card(page, CARD_OK)
    pay(page)
    token, intent_id = expect_paid(page)
    order = Order.objects.get(token=token)
    assert (order.discount_code, order.discount_cents, order.total_cents) == ("WELCOME10", OFF, CLINICRED - OFF)
    intent = stripe_api.retrieve_payment_intent(intent_id)
    assert (intent.status, intent.amount) == ("succeeded", CLINICRED - OFF)
    discount_row = page.locator("[data-order-discount]")
    expect(discount_row).to_contain_text("WELCOME10")
    expect(discount_row).to_contain_text("\u2212$19.60")


def test_a_code_the_store_does_not_know_is_answered_under_the_field(axe_page: Page, walk):
    page = axe_page
    walk.expect_client_error(400, "POST", "/checkout/")
    put_clinicred_in_cart(page)
    go_to_checkout(page)
    open_summary(page)
    page.get_by_label("Discount code").fill("NOT-A-CODE")
    page.get_by_role("button", name="Apply").click()

    field = page.get_by_label("Discount code")
    message = page.locator("#id_discount_code_errors")
    expect(message).to_have_text("We don't recognise that code")
    expect(field).to_have_attribute("aria-describedby", "id_discount_code_errors")
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_value("NOT-A-CODE")
    expect(page.locator("#discount-amount")).to_have_count(0)
    expect(page.locator("#order-total")).to_have_text("$195.95")
    assert violations(page) == []
    assert not Order.objects.exists()
