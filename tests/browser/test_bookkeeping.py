"""An order manager, in headless Chromium at 1280 px and 390 px, reads on the dashboard when
reconciliation last ran and what it found, then downloads the orders CSV for the bookkeeper: one row
per order line. Fails on console errors, 5xx and sideways scroll (see conftest.py)."""

from __future__ import annotations

import csv
import re

from playwright.sync_api import Page, expect

from devstripe import cards
from shop.models import Product, ShippingMethod
from shop.orders.checkout import Customer, place_order, start_payment
from shop.orders.payment_events import mark_paid
from shop.payments.reconciliation import run_reconciliation


def paid_two_line_order():
    items = {str(Product.objects.get(slug="clinicred").pk): 1, str(Product.objects.get(slug="protective-glasses").pk): 2}
    customer = Customer(email="books.buyer@example.com", full_name="Test Buyer", address_line1="1 Main St", address_line2="",
                        city="Springfield", region="IL", postal_code="62701")
    order = place_order(items=items, customer=customer, shipping_method_id=ShippingMethod.objects.get(name="Standard").pk, checkout_key="books-1")
    intent = start_payment(order)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    return order


def test_order_manager_sees_the_last_reconciliation_and_exports_one_row_per_line(page: Page, order_manager):
    page.goto("/admin/")
    panel = page.locator("[data-reconciliation]")
    expect(panel).to_contain_text("Reconciliation has never run")

    order = paid_two_line_order()
    run = run_reconciliation(days=3)
    page.goto("/admin/")
    last_run = panel.locator("[data-reconciliation-last-run]")
    expect(last_run).to_contain_text(f"{run.finished_at:%Y-%m-%d %H:%M}")
    expect(last_run).to_contain_text(f"{run.payments_compared} Stripe payment")
    expect(panel).not_to_contain_text("never run")

    page.goto("/admin/orders/")
    expect(page.get_by_role("link", name=order.number)).to_be_visible()
    page.get_by_role("button", name="Actions", exact=True).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename == "order-lines.csv"
    with open(download.path(), newline="", encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    mine = [row for row in rows if row["Order"] == order.number]
    assert sorted((row["Product"], row["Quantity"]) for row in mine) == sorted((line.name, str(line.quantity)) for line in order.lines.all())
    assert all(re.fullmatch(r"\d+\.\d\d", row["Line total"]) for row in mine)
    assert mine[0]["Order total (cents)"] == str(order.total_cents) and mine[1]["Order total (cents)"] == ""
