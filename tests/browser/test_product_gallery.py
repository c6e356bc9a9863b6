"""A shopper looks at ClinicRed's pictures with the keyboard, opens one at full size, reads the
specifications and the delivery estimate beside Add to cart, and (on a phone) buys from the sticky bar,
in headless Chromium at 1280 px and 390 px; no page scrolls sideways (the `walk`)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

NAMES = [
    "Image 1 of 3: ClinicRed™",
    "Image 2 of 3: ClinicRed™: close-up of the front (demo drawing)",
    "Image 3 of 3: ClinicRed™ on a dark background (demo drawing)",
]


def main_image(page: Page):
    return page.locator(".gallery-slide:not([hidden]) img")


def test_shopper_views_the_gallery_by_keyboard_and_opens_a_picture_full_size(page: Page, walk):
    page.goto("/shop/clinicred/")
    gallery = page.locator("[data-gallery]")
    thumbs = [gallery.get_by_role("button", name=name, exact=True) for name in NAMES]
    expect(main_image(page)).to_have_count(1)
    expect(main_image(page)).to_have_attribute("alt", "ClinicRed™")
    first_src = main_image(page).evaluate("img => img.currentSrc")
    expect(thumbs[0]).to_have_attribute("aria-current", "true")

    full = gallery.get_by_role("link", name=re.compile(r"^View full size"))
    full.focus()
    page.keyboard.press("Tab")
    expect(thumbs[0]).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(thumbs[1]).to_be_focused()
    expect(main_image(page)).to_have_attribute("alt", "ClinicRed™")  # moving the focus changes nothing yet
    page.keyboard.press("Enter")
    expect(main_image(page)).to_have_attribute("alt", "ClinicRed™: close-up of the front (demo drawing)")
    expect(thumbs[1]).to_have_attribute("aria-current", "true")
    expect(thumbs[0]).not_to_have_attribute("aria-current", "true")
    expect(gallery.locator("[data-gallery-status]")).to_have_text(
        "Showing image 2 of 3: ClinicRed™: close-up of the front (demo drawing)"
    )
    page.wait_for_function("() => document.querySelector('.gallery-slide:not([hidden]) img').complete")
    second_src = main_image(page).evaluate("img => img.currentSrc")
    assert second_src and second_src != first_src

    page.keyboard.press("ArrowRight")
    expect(thumbs[2]).to_be_focused()
    page.keyboard.press(" ")
    expect(main_image(page)).to_have_attribute("alt", "ClinicRed™ on a dark background (demo drawing)")
    expect(thumbs[2]).to_have_attribute("aria-current", "true")
    page.keyboard.press("ArrowRight")
    expect(thumbs[0]).to_be_focused()  # round to the first
    page.keyboard.press("ArrowLeft")
    expect(thumbs[2]).to_be_focused()

    # "View full size" follows the picture shown and opens its full-size file.
    expect(full).to_have_accessible_name(re.compile(r"^View full size\W+ClinicRed™ on a dark background \(demo drawing\)$"))
    href = full.get_attribute("href")
    assert href == thumbs[2].get_attribute("href") and href.endswith(".png")
    with page.expect_response(lambda response: response.url.endswith(href)) as opened:
        full.click()
    assert opened.value.status == 200 and opened.value.headers["content-type"] == "image/png"
    page.go_back()
    expect(page.get_by_role("heading", level=1)).to_have_text("ClinicRed™")


def test_shopper_reads_specifications_and_the_delivery_estimate_beside_add_to_cart(page: Page, walk):
    page.goto("/shop/clinicred/")
    specs = page.get_by_role("region", name="Specifications")
    expect(specs.get_by_role("row", name=re.compile(r"^Wavelengths"))).to_contain_text("Red 630–660 nm, near-infrared 820–850 nm")
    expect(specs.get_by_role("row", name=re.compile(r"^Warranty"))).to_contain_text("2 years")
    expect(specs.get_by_role("row")).to_have_count(4)

    notes = page.get_by_role("list", name="Delivery and returns")
    expect(notes).to_contain_text(re.compile(r"(Order by 2 pm ET and it ships today|Order now and it ships \w+); arrives \w{3} \d+"))
    expect(notes).to_contain_text("with Standard shipping")
    expect(notes).to_contain_text("30-day returns")
    form = page.locator(".product-info .add-to-cart").bounding_box()
    box = notes.bounding_box()
    assert 0 <= box["y"] - (form["y"] + form["height"]) <= 32, "the delivery estimate sits right under Add to cart"


def test_phone_shopper_adds_to_cart_from_the_sticky_bar(page: Page, walk, viewport):
    page.goto("/shop/clinicred/")
    bar = page.locator("[data-sticky-buy]")
    expect(bar).to_be_hidden()
    page.locator("#reviews-heading").scroll_into_view_if_needed()
    if viewport["width"] > 768:  # wider than 48rem: the form is beside the pictures, no bar
        page.wait_for_timeout(300)
        expect(bar).to_be_hidden()
        return
    expect(bar).to_be_visible()
    expect(bar).to_contain_text("ClinicRed™")
    expect(bar).to_contain_text("$195.95")
    walk.assert_no_sideways_scroll("the product page with the sticky bar")

    # The footer can be scrolled clear of the bar.
    page.keyboard.press("End")
    page.wait_for_function("() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 1")
    footer = page.locator(".site-footer").get_by_role("link", name="Find my order").bounding_box()
    assert footer["y"] + footer["height"] <= bar.bounding_box()["y"], "the bar covers the footer"

    bar.get_by_role("button", name=re.compile(r"Add to cart")).click()
    banner = page.locator(".cart-added")
    expect(banner).to_contain_text("Added ClinicRed™ to your cart.")
    expect(banner).to_contain_text("Quantity 1")
    expect(page.locator("[data-cart-count]").first).to_have_text("1")
    expect(bar).to_be_hidden()  # the page starts at the top again

    # The banner pushed the form below the fold: a jump from above it to past it shows the bar too;
    # scrolling back up to the page's own form takes the bar away.
    page.locator("#reviews-heading").scroll_into_view_if_needed()
    expect(bar).to_be_visible()
    page.locator(".product-info .add-to-cart").scroll_into_view_if_needed()
    expect(bar).to_be_hidden()
