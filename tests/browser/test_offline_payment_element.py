"""The offline card form behaves like Stripe's Payment Element, in headless Chromium at 1280 px and 390 px.

A shopper types a card as on a real Stripe checkout: the number is spaced as it is typed with the
card's brand beside it (Visa, Mastercard, American Express), the expiry takes "1230" for "12 / 30",
mistakes show under the field that has them (Stripe's wording, tied with aria-describedby) on blur or
on submit, never while the first digits go in; the error summary at the top leads to that field. A
full card pays, and no card detail is ever posted to the store. The form uses the site's colours in
light and dark mode, has 24 px tap targets and fits 320 px. 3-D Secure and declined cards are walked
in test_shopper_buys.py.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

from playwright.sync_api import Page, expect

from shop.models import Order

from .test_find_order import at_320
from .test_shopper_buys import expect_paid, fill_details, go_to_checkout, pay, put_clinicred_in_cart
from .test_tap_targets import too_small


def open_checkout(page: Page) -> None:
    put_clinicred_in_cart(page)
    go_to_checkout(page)
    expect(page.get_by_label("Card number")).to_be_editable()


def card_fields(page: Page):
    return (page.get_by_label("Card number"), page.get_by_label("Expiration date"), page.get_by_label("Security code"),
            page.get_by_label("ZIP", exact=True))


def test_the_number_is_spaced_with_its_brand_and_the_expiry_takes_1230(page: Page):
    open_checkout(page)
    number, expiry, cvc, zip_code = card_fields(page)
    for field, autocomplete in [(number, "cc-number"), (expiry, "cc-exp"), (cvc, "cc-csc"), (zip_code, "postal-code")]:
        expect(field).to_have_attribute("inputmode", "numeric")
        expect(field).to_have_attribute("autocomplete", autocomplete)
    expect(page.get_by_label("Country")).to_have_attribute("autocomplete", "country")

    number.press_sequentially("4242424242424242")
    expect(number).to_have_value("4242 4242 4242 4242")
    expect(page.get_by_role("img", name="Visa")).to_be_visible()
    number.press("Backspace")
    number.press("Backspace")
    expect(number).to_have_value("4242 4242 4242 42")

    number.fill("")
    number.press_sequentially("5555555555554444")
    expect(number).to_have_value("5555 5555 5555 4444")
    expect(page.get_by_role("img", name="Mastercard")).to_be_visible()
    expect(page.get_by_role("img", name="Visa")).to_have_count(0)

    number.fill("")
    number.press_sequentially("3782822463100051")  # one digit too many for an Amex: it is not taken
    expect(number).to_have_value("3782 822463 10005")
    expect(page.get_by_role("img", name="American Express")).to_be_visible()
    cvc.press_sequentially("12345")
    expect(cvc).to_have_value("1234")  # an Amex has a 4-digit security code, other cards 3
    number.fill("4242 4242 4242 4242")
    expect(cvc).to_have_value("123")

    expiry.press_sequentially("1230")
    expect(expiry).to_have_value("12 / 30")
    for typed, shown in [("12/30", "12 / 30"), ("1 / 30", "01 / 30"), ("1/30", "01 / 30"), ("13", "01 / 3")]:
        expiry.fill("")
        expiry.press_sequentially(typed)
        expect(expiry).to_have_value(shown)
    expiry.fill("12/2030")  # as a browser's autofill may give it
    expect(expiry).to_have_value("12 / 30")
    expiry.fill("")
    expiry.press_sequentially("4")  # a month that can only be April
    expect(expiry).to_have_value("04 / ")
    expect(page.locator(".offline-stripe-error:visible")).to_have_count(0)


def test_mistakes_show_under_their_field_on_blur_and_submit(page: Page):
    open_checkout(page)
    number, expiry, cvc, zip_code = card_fields(page)

    number.press_sequentially("4242")  # typing the first digits is not a mistake
    expect(number).not_to_have_attribute("aria-invalid", "true")
    expect(page.locator(".offline-stripe-error:visible")).to_have_count(0)
    expiry.click()  # leaving the number unfinished is
    expect(number).to_have_attribute("aria-invalid", "true")
    expect(number).to_have_accessible_description("Your card number is incomplete.")

    expiry.press_sequentially("0120")
    expect(expiry).to_have_value("01 / 20")
    expect(expiry).to_have_accessible_description("Your card's expiration date is in the past.")
    expiry.fill("")
    expiry.press_sequentially("1299")
    cvc.click()
    expect(expiry).to_have_accessible_description("Your card's expiration year is invalid.")
    expiry.fill("1230")
    cvc.press_sequentially("12")
    zip_code.press_sequentially("627")
    number.click()
    expect(cvc).to_have_accessible_description("Your card's security code is incomplete.")
    expect(zip_code).to_have_accessible_description("Your ZIP is incomplete.")

    fill_details(page)
    pay(page)
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary.get_by_role("link")).to_have_text(["Your card number is incomplete."])
    error = page.locator("#offline-card-number-error")
    expect(error).to_have_text("Your card number is incomplete.")
    expect(number).to_have_attribute("aria-invalid", "true")  # the summary leaves the card's own marks alone
    expect(number).to_have_accessible_description("Your card number is incomplete.")
    field_box, error_box = number.bounding_box(), error.bounding_box()
    assert error_box["y"] >= field_box["y"] + field_box["height"] - 1, "the message sits under its field"
    assert Order.objects.count() == 0

    # Fixed one at a time: the summary leads to the field that is wrong now.
    number.fill("4242 4242 4242 4242")
    expect(number).not_to_have_attribute("aria-invalid", "true")
    expiry.fill("01 / 20")
    pay(page)
    expect(summary.get_by_role("link")).to_have_text(["Your card's expiration date is in the past."])
    summary.get_by_role("link").click()
    expect(expiry).to_be_focused()
    expect(page.locator("#offline-card-exp-error")).to_have_text("Your card's expiration date is in the past.")
    expect(cvc).to_have_accessible_description("Your card's security code is incomplete.")
    expect(zip_code).to_have_accessible_description("Your ZIP is incomplete.")

    # Another country has no ZIP, and then asks for none.
    page.get_by_label("Country").select_option("CA")
    expect(zip_code).to_be_hidden()
    assert Order.objects.count() == 0


def test_a_card_typed_digit_by_digit_pays_and_never_reaches_the_store(page: Page):
    posted = []
    page.on("request", lambda r: posted.append(r.post_data or "") if r.method == "POST" and r.url.endswith("/checkout/") else None)
    open_checkout(page)
    fill_details(page)
    number, expiry, cvc, zip_code = card_fields(page)
    number.press_sequentially("4242424242424242")
    expiry.press_sequentially("1230")
    cvc.press_sequentially("123")
    zip_code.press_sequentially("62701")
    expect(page.locator(".offline-stripe-error:visible")).to_have_count(0)
    pay(page)
    expect_paid(page)
    assert Order.objects.get().payment_status == Order.PaymentStatus.PAID
    assert posted and not any("4242" in body for body in posted), "the card went to the store's checkout"


def test_the_card_form_uses_the_site_colours_tap_targets_and_fits_320_px(page: Page, walk):
    open_checkout(page)
    number = page.get_by_label("Card number")
    expect(number).to_be_visible()
    count, small = too_small(page, "#payment-element input, #payment-element select")
    assert count == 5 and small == []
    at_320(page, walk, "the checkout's card form")

    def colours():
        return page.evaluate(
            """() => { const input = document.getElementById('offline-card-number');
                       const root = getComputedStyle(document.documentElement);
                       const probe = document.createElement('i'); document.body.append(probe);
                       probe.style.color = root.getPropertyValue('--color-bg'); const bg = getComputedStyle(probe).color;
                       probe.style.color = root.getPropertyValue('--color-error'); const error = getComputedStyle(probe).color;
                       probe.remove();
                       return [getComputedStyle(input).backgroundColor, bg, getComputedStyle(input).borderTopColor, error]; }"""
        )

    number.fill("4242")
    page.get_by_label("Security code").click()
    for scheme in ("light", "dark"):
        page.emulate_media(color_scheme=scheme)
        background, site_bg, border, site_error = colours()
        assert background == site_bg, (scheme, background, site_bg)
        assert border == site_error, (scheme, border, site_error)
