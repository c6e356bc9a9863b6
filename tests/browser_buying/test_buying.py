"""In headless Chromium: a shopper buys from the article's product card and pays by card (localstripe)."""

import os
import re
import time

import pytest
from django.core import mail
from playwright.sync_api import expect, sync_playwright

from devstripe.webhooks import register_webhook
from shop.models import Order, Stock, StripeEvent
from tests.stripe_server import WEBHOOK_SECRET

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"]
ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"

# Playwright's sync API keeps an event loop running in this thread; the ORM calls here are plain
# synchronous test code, so Django's async-safety guard is switched off for this module.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def store(live_server, stripe_offline):
    """The demo store on a live server, with localstripe sending its signed webhooks to it."""
    from content.demo import load_demo
    from tests.base_data import ensure_base_data

    ensure_base_data()
    load_demo(log=lambda *a: None)
    register_webhook(webhook_id="browser-tests", url=f"{live_server.url}/stripe/webhook/", secret=WEBHOOK_SECRET)
    yield live_server.url
    register_webhook(webhook_id="browser-tests", url=f"{live_server.url}/stripe/webhook/", secret=WEBHOOK_SECRET, events=["none"])


@pytest.fixture
def page(browser, store):
    context = browser.new_context()
    page = context.new_page()
    errors = []
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 500 else None)
    page.base = store
    yield page
    context.close()
    assert errors == [], errors


def fill_checkout(page, card):
    page.get_by_label("E-mail").fill("shopper@example.com")
    page.get_by_label("Full name").fill("Test Shopper")
    page.get_by_label("Address", exact=True).fill("1 Main St")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("State").fill("IL")
    page.get_by_label("ZIP code", exact=True).fill("62701")
    enter_card(page, card)


def enter_card(page, card):
    page.get_by_label("Card number").fill(card)
    page.get_by_label("Expiration date (MM / YY)").fill("12 / 34")
    page.get_by_label("Security code (CVC)").fill("123")


def add_clinicred_from_article(page):
    page.goto(page.base + ARTICLE)
    page.get_by_role("button", name=re.compile(r"Add to cart\W+ClinicRed™$")).click()
    expect(page.locator("[data-cart-count]")).to_have_text("1")
    page.goto(page.base + "/checkout/")


def wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_buy_from_the_article_card_paid_through_the_webhook(page):
    add_clinicred_from_article(page)
    fill_checkout(page, "4242 4242 4242 4242")
    page.get_by_role("button", name="Pay now").click()
    page.wait_for_url(re.compile(r".*/orders/.*"))
    expect(page.locator("[data-order-status]")).to_have_text("Paid", timeout=15000)
    order = Order.objects.get()
    assert order.status == Order.Status.PAID and order.amount_paid_cents == order.total_cents == 19595
    assert wait_for(lambda: StripeEvent.objects.filter(order=order, type="payment_intent.succeeded").exists()), "no webhook"
    assert wait_for(lambda: len([m for m in mail.outbox if order.number in m.subject]) >= 1)
    time.sleep(0.5)
    assert len([m for m in mail.outbox if order.number in m.subject]) == 1
    assert Stock.objects.get(product__slug="clinicred").on_hand == 39


def test_declined_card_then_a_good_one_on_the_same_order(page):
    add_clinicred_from_article(page)
    fill_checkout(page, "4000 0000 0000 0002")
    page.get_by_role("button", name="Pay now").click()
    expect(page.locator("#checkout-alert")).to_have_text(re.compile("Your card was declined"))
    enter_card(page, "4242 4242 4242 4242")
    page.get_by_role("button", name="Pay now").click()
    expect(page.locator("[data-order-status]")).to_have_text("Paid", timeout=15000)
    assert Order.objects.count() == 1
    assert len(set(Order.objects.values_list("payment_intent_id", flat=True))) == 1


def test_three_d_secure_completed(page):
    add_clinicred_from_article(page)
    fill_checkout(page, "4000 0027 6000 3184")
    page.get_by_role("button", name="Pay now").click()
    page.get_by_role("button", name="Complete authentication").click()
    expect(page.locator("[data-order-status]")).to_have_text("Paid", timeout=15000)


def test_three_d_secure_failed_then_another_card(page):
    add_clinicred_from_article(page)
    fill_checkout(page, "4000 0027 6000 3184")
    page.get_by_role("button", name="Pay now").click()
    page.get_by_role("button", name="Fail authentication").click()
    expect(page.locator("#checkout-alert")).to_have_text(re.compile("authenticat", re.I))
    assert Order.objects.get().status == Order.Status.PENDING_PAYMENT
    enter_card(page, "4242 4242 4242 4242")
    page.get_by_role("button", name="Pay now").click()
    expect(page.locator("[data-order-status]")).to_have_text("Paid", timeout=15000)
    assert Order.objects.count() == 1


def test_double_click_on_pay_places_one_order(page):
    add_clinicred_from_article(page)
    fill_checkout(page, "4242 4242 4242 4242")
    page.get_by_role("button", name="Pay now").dblclick()
    expect(page.locator("[data-order-status]")).to_have_text("Paid", timeout=15000)
    assert Order.objects.count() == 1


@pytest.mark.parametrize("quantity, message", [("0", "Quantity must be at least 1."), ("-1", "Quantity must be at least 1."), ("7", "at most 5"), ("3", "Only 2 of ClinicRed™ left in stock.")])
def test_cart_bad_inputs_show_a_message_and_change_nothing(page, quantity, message):
    page.goto(page.base + "/shop/clinicred/")
    page.get_by_role("button", name=re.compile(r"Add to cart")).click()
    Stock.objects.filter(product__slug="clinicred").update(on_hand=2)
    page.goto(page.base + "/cart/")
    field = page.get_by_label("Quantity of ClinicRed™")
    field.evaluate("el => { el.removeAttribute('min'); el.removeAttribute('max'); }")
    field.fill(quantity)
    page.get_by_role("button", name=re.compile("Update quantity of ClinicRed")).click()
    expect(page.locator(".messages")).to_contain_text(message)
    expect(page.get_by_label("Quantity of ClinicRed™")).to_have_value("1")
    expect(page.locator("[data-cart-count]")).to_have_text("1")
