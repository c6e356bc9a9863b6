"""An order manager, in headless Chromium at 1280 px and 390 px, signs in, fulfils a paid order of two
lines and refunds one of its lines with restock (through localstripe); the shopper's order page then
shows both statuses, the tracking link and the refund.

Fails on any console error, any 5xx, any exception in the live server (localstripe's webhooks for
these payments included) and any sideways scroll (see conftest.py).
"""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import Page, expect

from devstripe import cards
from shop.models import Order, Product, Refund, ShippingMethod, Stock
from shop.orders.checkout import Customer, place_order, start_payment
from shop.orders.payment_events import mark_paid
from shop.payments import stripe_api

TRACKING = "1Z999AA10123456784"


def paid_order(items: dict[str, int], key: str, email: str) -> Order:
    products = {slug: Product.objects.get(slug=slug) for slug in items}
    customer = Customer(email=email, full_name="Test Buyer", address_line1="1 Main St", address_line2="", city="Springfield",
                        region="IL", postal_code="62701")
    order = place_order(items={str(products[slug].pk): quantity for slug, quantity in items.items()}, customer=customer,
                        shipping_method_id=ShippingMethod.objects.get(name="Express").pk, checkout_key=key)
    intent = start_payment(order)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    return order


def stock_of(slug: str) -> int:
    return Stock.objects.get(product__slug=slug).on_hand


def test_order_manager_fulfils_an_order_and_refunds_one_line_with_restock(page: Page, order_manager):
    order = paid_order({"clinicred": 1, "protective-glasses": 1}, "browser-two-lines", "two.lines@example.com")
    glasses_before = stock_of("protective-glasses")
    clinicred_before = stock_of("clinicred")
    mail.outbox.clear()

    page.goto("/admin/")
    expect(page.get_by_text("Paid orders waiting to ship")).to_be_visible()
    expect(page.get_by_role("link", name=re.compile(re.escape(order.number)))).to_be_visible()

    page.goto("/admin/orders/?payment_status=paid")
    row = page.locator("tr").filter(has_text=order.number)
    expect(row.locator("[data-payment-status]")).to_have_text("Paid")
    expect(row.locator("[data-fulfilment-status]")).to_have_text("Unfulfilled")
    row.get_by_role("link", name=order.number).click()
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)  # no form edits an order

    page.get_by_role("link", name="Mark fulfilled").click()
    page.get_by_label("Carrier").select_option("UPS")
    page.get_by_label("Tracking number").fill(TRACKING)
    page.get_by_role("button", name=re.compile("Confirm")).click()
    expect(page.locator("[data-fulfilment-status]")).to_have_text("Fulfilled")
    expect(page.locator('[data-log-action="shop.order.fulfilled"]')).to_contain_text(order_manager.username)

    page.get_by_role("link", name="Refund").click()
    page.get_by_label(re.compile("^Protective Glasses")).fill("1")
    page.get_by_label("Put the refunded units back in stock").check()
    page.get_by_label("Reason").fill("Scratched lens")
    page.get_by_role("button", name=re.compile("Confirm")).click()
    expect(page.locator("[data-payment-status]")).to_have_text("Partially refunded")
    expect(page.locator("[data-fulfilment-status]")).to_have_text("Fulfilled")
    refunded = page.locator('[data-log-action="shop.order.refunded"]')
    expect(refunded).to_contain_text("$40.00")
    expect(refunded).to_contain_text("1 × Protective Glasses")
    expect(refunded).to_contain_text(order_manager.username)

    page.goto("/admin/orders/")
    row = page.locator("tr").filter(has_text=order.number)
    expect(row.locator("[data-payment-status]")).to_have_text("Partially refunded")
    expect(row.locator("[data-fulfilment-status]")).to_have_text("Fulfilled")

    page.goto(order.get_absolute_url())
    expect(page.locator("[data-payment-status]")).to_have_text("Partially refunded")
    expect(page.locator("[data-fulfilment-status]")).to_have_text("Fulfilled")
    expect(page.get_by_role("link", name="Track your parcel")).to_have_attribute("href", re.compile(re.escape(TRACKING)))
    expect(page.locator("[data-refunds]")).to_contain_text("$40.00 for 1 × Protective Glasses")
    expect(page.get_by_text("We sent the confirmation to two.lines@example.com")).to_be_visible()
    expect(page.get_by_text("A confirmation e-mail is on its way")).to_have_count(0)

    order.refresh_from_db()
    assert (order.payment_status, order.fulfilment_status) == (Order.PaymentStatus.PARTIALLY_REFUNDED, Order.FulfilmentStatus.FULFILLED)
    assert order.amount_refunded_cents == 4000
    assert stock_of("protective-glasses") == glasses_before + 1 and stock_of("clinicred") == clinicred_before
    assert [(line.order_line.sku, line.quantity) for line in Refund.objects.get(order=order).lines.all()] == [
        (order.lines.get(product__slug="protective-glasses").sku, 1)
    ]
    assert [r.amount for r in stripe_api.list_refunds(payment_intent_id=order.payment_intent_id)] == [4000]
    shipped = [m for m in mail.outbox if "has shipped" in m.subject]
    refund_mail = [m for m in mail.outbox if "refund of $40.00" in m.subject]
    assert len(shipped) == 1 and TRACKING in shipped[0].body and shipped[0].to == ["two.lines@example.com"]
    assert len(refund_mail) == 1 and "1 × Protective Glasses" in refund_mail[0].body
