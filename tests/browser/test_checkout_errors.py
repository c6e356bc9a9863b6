"""A shopper gets checkout wrong and puts it right, in headless Chromium at 1280 px and 390 px.

Paying with every field empty lands on one summary at the top ("There is a problem", focused) that
lists every field to fix, the card included; its links lead into the fields. A ZIP code outside the
chosen state is named under the ZIP field; fixed, the order is paid with 4242 4242 4242 4242. After a
decline the locked details look locked and "go back to the cart" is a link. On a phone the order
summary comes before the Pay button, folded to its total line.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from shop.models import Order

from .conftest import open_page
from .test_shopper_buys import (
    CARD_DECLINED,
    CARD_OK,
    CONFIRM,
    checkout_with,
    enter_card,
    expect_alert,
    expect_paid,
    fill_details,
    go_to_checkout,
    pay,
    put_clinicred_in_cart,
)

EMPTY_FORM_ERRORS = [
    "Enter your e-mail address.",
    "Enter your full name.",
    "Enter your street address.",
    "Enter your city.",
    "Choose your state.",
    "Enter your ZIP code.",
    "Your card number is incomplete.",
]


def test_empty_checkout_lands_on_the_summary_then_a_wrong_zip_is_fixed_and_paid(page: Page, walk):
    walk.expect_client_error(400, "POST", "/checkout/")
    walk.expect_client_error(400, "POST", "/checkout/")
    put_clinicred_in_cart(page)
    go_to_checkout(page)

    pay(page)
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_text(EMPTY_FORM_ERRORS)
    email = page.get_by_label("E-mail")
    expect(email).to_have_attribute("aria-invalid", "true")
    expect(email).to_have_accessible_description("Enter your e-mail address.")
    assert Order.objects.count() == 0

    summary.get_by_role("link", name="Choose your state.").click()
    state = page.get_by_label("State")
    expect(state).to_be_focused()
    assert state.evaluate("el => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight }")

    fill_details(page)
    zip_code = page.get_by_label("ZIP code", exact=True)
    zip_code.fill("10001")
    enter_card(page, CARD_OK)
    pay(page)
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["ZIP code 10001 is not in Illinois."])
    expect(zip_code).to_have_accessible_description("ZIP code 10001 is not in Illinois.")
    expect(email).not_to_have_attribute("aria-invalid", "true")  # what was fixed is no longer marked
    assert Order.objects.count() == 0

    zip_code.fill("62701")
    pay(page)
    expect_paid(page)
    order = Order.objects.get()
    assert (order.region, order.postal_code) == ("IL", "62701")


def test_after_a_decline_the_locked_details_look_locked_and_the_cart_is_a_link(page: Page, walk):
    walk.expect_client_error(402, "POST", CONFIRM)
    checkout_with(page, CARD_DECLINED)
    pay(page)
    expect_alert(page, "Your card was declined.")
    expect(page.locator("#error-summary")).to_be_hidden()
    name, state = page.get_by_label("Full name"), page.get_by_label("State")
    expect(name).not_to_be_editable()
    expect(state).to_be_disabled()
    for field in (name, state):
        assert field.evaluate("el => getComputedStyle(el).cursor") == "not-allowed"
        assert field.evaluate("el => getComputedStyle(el).backgroundColor") != "rgb(255, 255, 255)"
    page.locator("#order-reserved").get_by_role("link", name="go back to the cart").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))


def test_the_order_summary_comes_before_pay_and_folds_on_a_phone(page: Page):
    put_clinicred_in_cart(page)
    go_to_checkout(page)
    details = page.locator("#order-summary")
    line = details.locator("summary")
    expect(line).to_contain_text(re.compile(r"Order summary\s+\$\d+\.\d{2}"))
    pay_button = page.get_by_role("button", name="Pay now")
    phone = page.viewport_size["width"] <= 600
    if phone:
        assert line.bounding_box()["y"] < pay_button.bounding_box()["y"]
        expect(details).not_to_have_attribute("open", "")
        expect(page.locator("#order-total")).to_be_hidden()
        line.click()
        expect(page.locator("#order-total")).to_be_visible()
    else:
        expect(details).to_have_attribute("open", "")
        expect(page.locator("#order-total")).to_be_visible()
    # Changing the shipping method changes the total on the summary line too.
    express = page.get_by_label(re.compile(r"^Express"))
    express.check()
    express_total = express.get_attribute("data-total-display")
    expect(line.locator("[data-order-total]")).to_have_text(express_total)
    expect(page.locator("#order-total")).to_have_text(express_total)
    fill_details(page)
    enter_card(page, CARD_OK)
    pay(page)
    expect_paid(page)


def test_the_checkout_with_its_errors_showing_has_no_axe_violations(axe_page: Page, walk):
    from .test_accessibility import violations

    walk.expect_client_error(400, "POST", "/checkout/")
    page = axe_page
    put_clinicred_in_cart(page)
    go_to_checkout(page)
    pay(page)
    expect(page.locator("#error-summary")).to_be_focused()
    assert violations(page) == []


@pytest.fixture
def page_without_js(request, browser, store, walk, viewport):
    yield from open_page(request, browser, store, walk, viewport, java_script_enabled=False)


def test_without_javascript_the_page_comes_back_with_the_same_summary(page_without_js: Page, walk):
    walk.expect_client_error(400, "POST", "/checkout/")
    page = page_without_js
    put_clinicred_in_cart(page)
    go_to_checkout(page)
    page.get_by_label("State").select_option("NY")
    pay(page)
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(EMPTY_FORM_ERRORS[:4] + ["Enter your ZIP code."])
    expect(page.get_by_label("State")).to_have_value("NY")  # what was chosen is kept
    expect(page.get_by_label("City")).to_have_accessible_description("Enter your city.")
    assert Order.objects.count() == 0
