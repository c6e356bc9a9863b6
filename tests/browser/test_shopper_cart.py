"""A shopper fills the cart, in headless Chromium at 1280 px and 390 px (and 320 px for the widths).

Adding says what was added (a banner with the line, View cart and Checkout); in the cart a quantity
applies as soon as it changes and Remove removes, both without a reload, with the free-shipping progress
following; nothing scrolls sideways even at 320 px. Without JavaScript the same forms post and reload
(tests/shop/test_cart.py).
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from shop.models import Product, Stock
from shop.pricing import format_money

ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"


def add_to_cart(page: Page, slug: str, quantity: str) -> Product:
    product = Product.objects.get(slug=slug)
    page.goto(product.get_absolute_url())
    page.get_by_label("Quantity", exact=True).fill(quantity)
    page.get_by_role("button", name=re.compile(rf"Add to cart\W+{re.escape(product.name)}$")).click()
    banner = page.locator(".cart-added")
    expect(banner).to_contain_text(f"Added {product.name} to your cart.")
    expect(banner).to_contain_text(f"Quantity {quantity}")
    expect(banner.locator("img.cart-thumb")).to_be_visible()
    expect(banner.get_by_role("link", name="Checkout")).to_have_attribute("href", "/checkout/")
    return product


def test_shopper_adds_two_products_changes_a_quantity_and_removes_a_line(page: Page, walk):
    walk.expect_client_error(400, "POST", "/cart/update/")
    glasses = add_to_cart(page, "protective-glasses", "1")
    clinicred = add_to_cart(page, "clinicred", "1")
    expect(page.locator("[data-cart-count]")).to_have_text("2")
    page.locator(".cart-added").get_by_role("link", name=re.compile(r"View cart")).click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    page.evaluate("window.sameDocument = true")  # gone if the page reloads
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)

    for product in (glasses, clinicred):
        row = page.locator(".cart-line", has_text=product.name)
        expect(row.locator("img.cart-thumb")).to_be_visible()
    subtotal = page.locator("[data-cart-subtotal]")
    expect(subtotal).to_have_text(format_money(glasses.price_cents + clinicred.price_cents))
    expect(page.get_by_role("button", name=f"Update quantity of {glasses.name}")).to_be_hidden()

    # A quantity applies once typed: the line total, subtotal and header count follow, no reload.
    quantity = page.get_by_label(f"Quantity of {glasses.name}")
    quantity.fill("3")
    quantity.press("Tab")
    expect(subtotal).to_have_text(format_money(3 * glasses.price_cents + clinicred.price_cents))
    expect(page.locator(".cart-line", has_text=glasses.name).locator("[data-line-total]")).to_have_text(format_money(3 * glasses.price_cents))
    expect(page.locator("[data-cart-count]")).to_have_text("4")
    expect(page.locator("[data-cart-status]")).to_have_text(f"Updated the quantity of {glasses.name}.")

    # More than is in stock: the reason, and the cart as it was.
    Stock.objects.filter(product=glasses).update(on_hand=4)
    quantity.fill("5")
    quantity.press("Tab")
    expect(page.locator("[data-cart-status] .message-error")).to_have_text(f"Only 4 of {glasses.name} left in stock.")
    expect(quantity).to_have_value("3")
    expect(subtotal).to_have_text(format_money(3 * glasses.price_cents + clinicred.price_cents))

    # Remove a line: it goes, and the free-shipping progress says what is left to spend.
    page.get_by_role("button", name=f"Remove {clinicred.name}").click()
    expect(page.locator(".cart-line")).to_have_count(1)
    expect(subtotal).to_have_text(format_money(3 * glasses.price_cents))
    expect(page.locator("[data-cart-count]")).to_have_text("3")
    expect(page.locator("[data-free-shipping]")).to_contain_text("You are $30.00 away from free shipping.")
    expect(page.locator(":focus")).to_have_count(1)  # focus is not lost with the removed line

    assert navigations == [] and page.evaluate("window.sameDocument") is True
    walk.assert_no_sideways_scroll("the cart after the changes")

    # What the page showed is what the server holds.
    page.reload()
    expect(page.get_by_label(f"Quantity of {glasses.name}")).to_have_value("3")
    expect(page.locator(".cart-line")).to_have_count(1)


def test_no_page_scrolls_sideways_at_320_px(page: Page, walk):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", ARTICLE, "/shop/", "/shop/clinicred/", "/search/?q=light", "/cart/"]:
        page.goto(path)
        walk.assert_no_sideways_scroll(f"{path} at 320 px")
    add_to_cart(page, "clinicred-mobile", "2")
    walk.assert_no_sideways_scroll("the add-to-cart banner at 320 px")
    add_to_cart(page, "protective-glasses", "1")
    page.goto("/cart/")
    expect(page.locator(".cart-line")).to_have_count(2)
    walk.assert_no_sideways_scroll("the cart at 320 px")
    for selector in ["[data-line-total]", "button:has-text('Remove')", "[data-cart-quantity]"]:
        for box in [el.bounding_box() for el in page.locator(selector).all()]:
            assert box["x"] >= 0 and box["x"] + box["width"] <= 320, (selector, box)
