"""Stock holds as the shopper meets them, in headless Chromium at 1280 px and 390 px.

The payment step says until when the items are held (in the shopper's own time); checking out again
from the same browser with another cart releases the first order's hold; and a shopper whose address
already holds as much as it may is told so on the checkout page, with nothing held.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from playwright.sync_api import Page, expect

from shop.models import Order, Product, ShippingMethod, Stock
from shop.orders.checkout import Customer, Holder, place_order

from .test_shopper_buys import CARD_DECLINED, CONFIRM, checkout_with, enter_card, expect_alert, fill_details, go_to_checkout, pay


def local_hh_mm(page: Page, when: datetime) -> str:
    zone = page.evaluate("Intl.DateTimeFormat().resolvedOptions().timeZone")
    return when.astimezone(ZoneInfo(zone)).strftime("%H:%M")


def test_the_payment_step_shows_the_hold_and_a_second_checkout_releases_the_first(page: Page, walk):
    walk.expect_client_error(402, "POST", CONFIRM)
    product = Product.objects.get(slug="clinicred")
    stock_before = Stock.objects.get(product=product).on_hand
    checkout_with(page, CARD_DECLINED)
    pay(page)
    expect_alert(page, "Your card was declined.")
    first = Order.objects.get()
    held = page.locator("#order-reserved")
    expect(held).to_contain_text(f"Your items are held for you until {local_hh_mm(page, first.expires_at)} (15 minutes).")

    # Back to the cart, one more unit, checkout again: the first order lets its unit go.
    page.goto("/cart/")
    page.get_by_label("Quantity of ClinicRed™").fill("2")
    page.get_by_label("Quantity of ClinicRed™").press("Tab")  # the cart applies it on its own
    expect(page.locator("[data-cart-count]")).to_have_text("2")
    page.get_by_role("link", name="Go to checkout").click()
    fill_details(page)
    enter_card(page, CARD_DECLINED)
    pay(page)
    expect_alert(page, "Your card was declined.")
    second = Order.objects.exclude(pk=first.pk).get()
    expect(held).to_contain_text(f"Order {second.number} is reserved for you. Your items are held for you until")

    first.refresh_from_db()
    assert first.is_cancelled and not first.stock_reserved
    assert second.lines.get().quantity == 2
    assert Stock.objects.get(product=product).on_hand == stock_before - 2

    page.goto(second.get_absolute_url())
    expect(page.locator("[data-hold]")).to_have_text(
        f"Your items are held for you until {local_hh_mm(page, second.expires_at)} (15 minutes)."
    )


def test_a_shopper_over_the_hold_limit_is_told_and_nothing_is_held(page: Page, walk, settings):
    walk.expect_client_error(409, "POST", "/checkout/")
    product = Product.objects.get(slug="clinicred")
    Stock.objects.filter(product=product).update(on_hand=20)
    for n in range(settings.SHOP_HOLDS_PER_CLIENT):  # earlier unpaid orders from this address (the live server's)
        place_order(
            items={str(product.pk): 1},
            customer=Customer(f"earlier{n}@example.com", "Test Shopper", "1 Main St", "", "Springfield", "IL", "62701"),
            shipping_method_id=ShippingMethod.objects.get(name="Standard").pk,
            checkout_key=f"earlier-{n}",
            holder=Holder.of(session_key=f"earlier-session-{n}", ip="127.0.0.1"),
        )
    page.goto("/cart/")
    page.request.post("/cart/add/", form={"product": str(product.pk), "quantity": "1"})
    page.goto("/cart/")
    go_to_checkout(page)
    fill_details(page)
    enter_card(page, CARD_DECLINED)  # never reaches the card: the order is refused first
    pay(page)
    expect_alert(page, re.compile(r"Too many items are already held for you in unpaid orders"))
    expect(page.locator("#order-reserved")).to_be_hidden()
    assert Order.objects.count() == settings.SHOP_HOLDS_PER_CLIENT
    assert Stock.objects.get(product=product).on_hand == 20 - settings.SHOP_HOLDS_PER_CLIENT
