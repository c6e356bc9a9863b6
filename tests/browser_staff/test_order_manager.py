"""In headless Chromium, an order manager signs in, fulfils one order and partly refunds another."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from playwright.sync_api import expect, sync_playwright

from devstripe import cards
from shop.models import Order
from shop.orders.checkout import Customer, place_order, start_payment
from shop.orders.payment_events import mark_paid
from shop.payments import stripe_api

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def paid_order(slug, key, email):
    from shop.models import Product, ShippingMethod

    product = Product.objects.get(slug=slug)
    customer = Customer(email=email, full_name="Test Buyer", address_line1="1 Main St", address_line2="", city="Springfield", region="IL", postal_code="62701")
    order = place_order(items={str(product.pk): 1}, customer=customer, shipping_method_id=ShippingMethod.objects.get(name="Express").pk, checkout_key=key)
    intent = start_payment(order)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    return order


def test_order_manager_fulfils_and_partly_refunds(live_server, stripe_offline, django_user_model):
    from content.demo import load_demo
    from tests.base_data import ensure_base_data

    ensure_base_data()
    load_demo(log=lambda *a: None)
    user = django_user_model.objects.create_user("orders-desk", "desk@example.com", "a-long-test-password")
    user.groups.add(Group.objects.get(name="Order managers"))
    first = paid_order("clinicred", "browser-1", "first.buyer@example.com")
    second = paid_order("clinicred-mobile", "browser-2", "second.buyer@example.com")
    mail.outbox.clear()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(f"{live_server.url}/admin/login/")
        page.get_by_label("Username").fill("orders-desk")
        page.get_by_label("Password").fill("a-long-test-password")
        page.get_by_role("button", name=re.compile("Sign in", re.I)).click()
        expect(page.get_by_text("Paid orders waiting to ship")).to_be_visible()

        page.goto(f"{live_server.url}/admin/orders/")
        page.get_by_role("link", name=first.number).click()
        page.get_by_role("link", name="Mark fulfilled").click()
        page.get_by_label("Carrier").select_option("UPS")
        page.get_by_label("Tracking number").fill("1Z999AA10123456784")
        page.get_by_role("button", name=re.compile("Confirm")).click()
        expect(page.locator("[data-order-status]")).to_have_text("Fulfilled")
        expect(page.locator('[data-log-action="shop.order.fulfilled"]')).to_contain_text("orders-desk")

        page.goto(f"{live_server.url}/admin/orders/")
        page.get_by_role("link", name=second.number).click()
        page.get_by_role("link", name="Refund").click()
        page.get_by_label("Amount (USD)").fill("50.00")
        page.get_by_label("Reason").fill("Scratched case")
        page.get_by_role("button", name=re.compile("Confirm")).click()
        expect(page.locator("[data-order-status]")).to_have_text("Partially refunded")
        expect(page.get_by_text("Scratched case")).to_be_visible()
        browser.close()

    first.refresh_from_db()
    second.refresh_from_db()
    assert first.status == Order.Status.FULFILLED
    assert second.status == Order.Status.PARTIALLY_REFUNDED and second.amount_refunded_cents == 5000
    assert [r.amount for r in stripe_api.list_refunds(payment_intent_id=second.payment_intent_id)] == [5000]
    shipped = [m for m in mail.outbox if m.to == ["first.buyer@example.com"]]
    assert len(shipped) == 1 and "1Z999AA10123456784" in shipped[0].body and "has shipped" in shipped[0].subject
