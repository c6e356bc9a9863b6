"""An order manager, in headless Chromium at 1280 px and 390 px, opens a product's stock and records a
delivery while a sale happens: both are in the history, and the figure counts both. A removal of more
units than are on hand is refused with a message. Fails on console errors, 5xx and sideways scroll."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from shop.models import Stock


def test_order_manager_records_a_delivery_while_a_sale_happens(page: Page, walk, order_manager):
    stock = Stock.objects.select_related("product").get(product__slug="clinicred")
    before = stock.on_hand

    page.goto("/admin/snippets/shop/stock/")
    page.get_by_role("link", name=stock.product.name, exact=True).click()
    expect(page.locator("[data-stock-on-hand]")).to_have_text(str(before))
    page.get_by_role("link", name="Adjust stock").click()
    page.get_by_label("Received").check()
    page.get_by_label("Units").fill("20")
    page.get_by_label("Note").fill("Delivery note DN-2044")
    walk.assert_no_sideways_scroll("the adjustment form")

    assert Stock.objects.take_all([(stock.product_id, 3)])  # a shopper buys three while the form is open

    page.get_by_role("button", name="Record adjustment").click()
    expect(page.get_by_text(f"Received recorded for {stock.product.name}: +20, {before - 3 + 20} on hand now.")).to_be_visible()
    expect(page.locator("[data-stock-on-hand]")).to_have_text(str(before - 3 + 20))
    rows = page.locator("tr[data-stock-movement]")
    expect(rows).to_have_count(2)
    received, sold = rows.nth(0), rows.nth(1)  # newest first
    expect(received).to_contain_text("Received")
    expect(received).to_contain_text("Delivery note DN-2044")
    expect(received).to_contain_text(order_manager.username)
    expect(received.locator("[data-change]")).to_have_text("+20")
    expect(received.locator("[data-on-hand-after]")).to_have_text(str(before - 3 + 20))
    expect(sold).to_contain_text("Sold")
    expect(sold.locator("[data-change]")).to_have_text("-3")
    expect(sold.locator("[data-on-hand-after]")).to_have_text(str(before - 3))
    assert Stock.objects.get(pk=stock.pk).on_hand == before - 3 + 20

    # Taking away more than there is: a clear message, nothing changes.
    page.get_by_role("link", name="Adjust stock").click()
    page.get_by_label("Damaged or lost").check()
    page.get_by_label("Units").fill("500")
    page.get_by_label("Note").fill("Water damage")
    walk.expect_client_error(400, "POST", f"/admin/snippets/shop/stock/{stock.pk}/adjust/")
    page.get_by_role("button", name="Record adjustment").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile(rf"Only {before + 17} of .+ on hand: cannot remove 500"))
    assert Stock.objects.get(pk=stock.pk).on_hand == before - 3 + 20
