"""A shopper buys, in headless Chromium at 1280 px and 390 px, against the live server and localstripe.

A shopper adds ClinicRed™ from the article's product card, checks out and pays with the offline
Stripe.js stand-in: a good card, a declined card then a good one, 3-D Secure completed and failed,
and paying twice at once (a double click on "Pay now", and two submits that get past the button's guard).
The cart rejects bad quantities with a message and changes nothing. Once the order is placed, its
details and shipping method are locked, so a retry never charges a total other than the one shown.
Every test also fails on any console error, any 5xx, any exception in the live server (webhooks
included) and any sideways scroll (see conftest.py). Buying with the keyboard alone is in
test_accessibility.py.
"""

from __future__ import annotations

import re
import time
from urllib.parse import parse_qs, urlparse

import pytest
from django.core import mail
from playwright.sync_api import Page, expect

from shop.cart import line_limit
from shop.models import Order, Product, ShippingMethod, Stock, StripeEvent
from shop.payments import stripe_api
from shop.pricing import format_money

ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"
CARD_OK = "4242 4242 4242 4242"
CARD_DECLINED = "4000 0000 0000 0002"
CARD_3DS = "4000 0027 6000 3184"
ORDER_URL = re.compile(r"/orders/[A-Za-z0-9_-]{20,64}/\?payment_intent=")
PAID_TIMEOUT = 15_000  # ms; the return page records the payment itself, so this is normally instant
# Like Stripe.js, the offline stand-in's calls answer a refused card or a failed 3-D Secure with a 402.
CONFIRM = "/_offline-stripe/confirm/"
AUTHENTICATE = "/_offline-stripe/authenticate/"


# Polling the database (the live server and localstripe's webhooks run outside the test's control).


def wait_until(predicate, what: str, timeout: float = 10.0):
    """Poll `predicate` until it returns something truthy (returned), or fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(0.1)


def confirmation_mails(order: Order) -> list:
    return [m for m in mail.outbox if m.subject == f"Your ClinicRed order {order.number} is confirmed"]


def intents_for(order: Order) -> list[stripe_api.PaymentIntentInfo]:
    """Every PaymentIntent localstripe holds for the order (localstripe is shared by the session)."""
    return [pi for pi in stripe_api.list_payment_intents(created_gte=0) if pi.order_number == order.number]


def assert_paid_once(order: Order, email: str) -> None:
    """Paid through the webhook as well, and exactly one confirmation e-mail.

    The return page already recorded the payment; once localstripe's payment_intent.succeeded has been
    handled too, no other path can send the confirmation, so the count is final.
    """
    wait_until(
        lambda: StripeEvent.objects.filter(order=order, type="payment_intent.succeeded").exists(),
        f"the payment_intent.succeeded webhook for order {order.number}",
    )
    wait_until(lambda: confirmation_mails(order), f"the confirmation e-mail for order {order.number}")
    mails = confirmation_mails(order)
    assert len(mails) == 1, [m.subject for m in mails]
    assert mails[0].to == [email]


# Shopper actions.


def add_clinicred_from_article(page: Page) -> None:
    page.goto(ARTICLE)
    page.get_by_role("button", name=re.compile(r"Add to cart\W+ClinicRed™$")).click()
    expect(page.locator("[data-cart-count]")).to_have_text("1")


def go_to_checkout(page: Page) -> None:
    if urlparse(page.url).path != "/cart/":
        page.locator("a.cart-link").click()
    expect(page.get_by_label("Quantity of ClinicRed™")).to_have_value("1")
    page.get_by_role("link", name="Go to checkout").click()
    expect(page.get_by_role("button", name="Pay now")).to_be_enabled()
    page.wait_for_load_state("load")  # the page's scripts have run: a click on Pay now is theirs, not a plain form post


def fill_details(page: Page, email: str = "shopper@example.com") -> None:
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Full name").fill("Test Shopper")
    page.get_by_label("Address", exact=True).fill("1 Main St")
    page.get_by_label("City").fill("Springfield")
    page.get_by_label("State").select_option("IL")
    page.get_by_label("ZIP code", exact=True).fill("62701")


def enter_card(page: Page, number: str) -> None:
    page.get_by_label("Card number").fill(number)
    page.get_by_label("Expiration date").fill("12 / 34")
    page.get_by_label("Security code").fill("123")
    page.get_by_label("ZIP", exact=True).fill("62701")  # the card's billing ZIP ("ZIP code" is the shipping address's)


def pay(page: Page) -> None:
    page.get_by_role("button", name="Pay now").click()


def put_clinicred_in_cart(page: Page) -> None:
    """What the product card's form sends, without rendering the article (its first render in each
    test makes the image renditions and takes seconds; the card itself is covered by the first test)."""
    product = Product.objects.get(slug="clinicred")
    response = page.request.post("/cart/add/", form={"product": str(product.pk), "quantity": "1", "next": "/cart/"})
    assert response.ok, response.status
    page.goto("/cart/")


def checkout_with(page: Page, card: str, email: str = "shopper@example.com") -> None:
    put_clinicred_in_cart(page)
    go_to_checkout(page)
    fill_details(page, email)
    enter_card(page, card)


def expect_paid(page: Page) -> tuple[str, str]:
    """Wait for the order page to say Paid; return the order token and PaymentIntent id from its URL."""
    page.wait_for_url(ORDER_URL, timeout=PAID_TIMEOUT)
    expect(page.locator("[data-order-status]")).to_have_text("Paid", timeout=PAID_TIMEOUT)
    url = urlparse(page.url)
    token = url.path.rstrip("/").split("/")[-1]
    return token, parse_qs(url.query)["payment_intent"][0]


def expect_alert(page: Page, text) -> None:
    alert = page.get_by_role("alert")
    expect(alert).to_have_text(text)
    expect(alert).to_be_focused()
    expect(page.get_by_role("button", name="Pay now")).to_be_enabled()


# 1. The happy path.


def test_buy_from_the_article_card_paid_by_return_page_and_webhook(page: Page):
    product = Product.objects.get(slug="clinicred")
    stock_before = Stock.objects.get(product=product).on_hand
    expected_total = product.price_cents + ShippingMethod.objects.get(name="Standard").cost_for(product.price_cents)

    add_clinicred_from_article(page)
    go_to_checkout(page)
    expect(page.locator("#order-total")).to_have_text(format_money(expected_total))
    fill_details(page, "buyer@example.com")
    enter_card(page, CARD_OK)
    pay(page)
    token, intent_id = expect_paid(page)
    expect(page.locator("[data-cart-count]")).to_have_text("0")  # the cart is emptied once paid

    order = Order.objects.get(token=token)
    assert order.payment_status == Order.PaymentStatus.PAID and order.paid_at is not None
    assert order.payment_intent_id == intent_id
    assert order.total_cents == expected_total == 19595  # $195.95, standard shipping free
    assert order.amount_paid_cents == order.total_cents
    assert order.email == "buyer@example.com"
    assert [(line.sku, line.quantity) for line in order.lines.all()] == [(product.sku, 1)]
    intent = stripe_api.retrieve_payment_intent(intent_id)
    assert (intent.status, intent.amount, intent.order_number) == ("succeeded", expected_total, order.number)
    assert Stock.objects.get(product=product).on_hand == stock_before - 1
    assert_paid_once(order, "buyer@example.com")


# 2. A declined card, then a good one on the same page.


def test_declined_card_then_a_good_card_pays_the_same_order(page: Page, walk):
    walk.expect_client_error(402, "POST", CONFIRM)
    checkout_with(page, CARD_DECLINED)
    pay(page)
    expect_alert(page, "Your card was declined.")
    order = Order.objects.get()
    assert order.payment_status == Order.PaymentStatus.PENDING and order.paid_at is None
    first_intent = order.payment_intent_id
    assert first_intent

    enter_card(page, CARD_OK)
    pay(page)
    token, intent_id = expect_paid(page)

    assert Order.objects.count() == 1
    order.refresh_from_db()
    assert order.token == token and order.payment_status == Order.PaymentStatus.PAID
    assert order.payment_intent_id == intent_id == first_intent
    assert order.amount_paid_cents == order.total_cents
    assert [pi.id for pi in intents_for(order)] == [first_intent]


def test_shipping_method_is_locked_once_the_order_is_placed(page: Page, walk):
    walk.expect_client_error(402, "POST", CONFIRM)
    checkout_with(page, CARD_DECLINED)
    pay(page)
    expect_alert(page, "Your card was declined.")
    expect(page.locator("#order-reserved")).to_be_visible()
    expect(page.get_by_label("Full name")).not_to_be_editable()  # the details are locked ...
    assert page.get_by_label(re.compile(r"^Express")).is_disabled()  # ... and so should the shipping method be


# 3. 3-D Secure.


def test_three_d_secure_completed(page: Page):
    checkout_with(page, CARD_3DS)
    pay(page)
    dialog = page.get_by_role("dialog", name="3-D Secure authentication (test)")
    dialog.get_by_role("button", name="Complete authentication").click()
    token, intent_id = expect_paid(page)

    order = Order.objects.get()
    assert order.token == token and order.payment_status == Order.PaymentStatus.PAID
    assert order.payment_intent_id == intent_id
    assert order.amount_paid_cents == order.total_cents


def test_three_d_secure_failed_then_a_good_card_pays_the_same_order(page: Page, walk):
    walk.expect_client_error(402, "POST", AUTHENTICATE)
    checkout_with(page, CARD_3DS)
    pay(page)
    dialog = page.get_by_role("dialog", name="3-D Secure authentication (test)")
    dialog.get_by_role("button", name="Fail authentication").click()
    expect(dialog).to_have_count(0)
    expect_alert(page, re.compile(r"unable to authenticate your payment method", re.I))
    order = Order.objects.get()
    assert order.payment_status == Order.PaymentStatus.PENDING and order.paid_at is None
    first_intent = order.payment_intent_id

    enter_card(page, CARD_OK)
    pay(page)
    token, intent_id = expect_paid(page)

    assert Order.objects.count() == 1
    order.refresh_from_db()
    assert order.token == token and order.payment_status == Order.PaymentStatus.PAID
    assert order.payment_intent_id == intent_id == first_intent
    assert [pi.id for pi in intents_for(order)] == [first_intent]


# 4. Bad quantities in the cart.


def test_cart_rejects_bad_quantities_with_a_message_and_changes_nothing(page: Page, walk):
    # The cart page's script sends each change as it is made; the server refuses with a 400 and why.
    walk.expect_client_error(400, "POST", "/cart/update/")
    product = Product.objects.get(slug="clinicred")
    limit = line_limit(product)
    page.goto(product.get_absolute_url())
    page.get_by_label("Quantity", exact=True).fill("2")
    page.get_by_role("button", name=re.compile(r"Add to cart\W+ClinicRed™$")).click()
    expect(page.locator("[data-cart-count]")).to_have_text("2")
    Stock.objects.filter(product=product).update(on_hand=3)
    page.goto("/cart/")

    quantity = page.get_by_label("Quantity of ClinicRed™")
    expect(page.get_by_role("button", name="Update quantity of ClinicRed™")).to_be_hidden()  # changes apply on their own
    updates: list[str] = []
    page.on("request", lambda r: updates.append(r.url) if r.method == "POST" and urlparse(r.url).path == "/cart/update/" else None)
    navigations: list[str] = []
    page.on("framenavigated", lambda frame: navigations.append(frame.url) if frame == page.main_frame else None)

    def submit(value: str) -> None:
        sent = len(updates)
        with page.expect_response(lambda r: urlparse(r.url).path == "/cart/update/"):
            quantity.fill(value)
            quantity.press("Enter")
        assert len(updates) == sent + 1  # one change, one request

    def cart_is_unchanged() -> None:
        expect(quantity).to_have_value("2")
        expect(page.locator("[data-cart-count]")).to_have_text("2")
        expect(page.locator("[data-cart-subtotal]")).to_have_text(format_money(2 * product.price_cents))

    # What a shopper meets first: the browser's own check (min 1, max per order, whole numbers)
    # keeps the change from being sent and says why at the field.
    for bad in ["0", "-1", "1.5", str(limit + 1)]:
        quantity.fill(bad)
        quantity.press("Enter")
        assert quantity.evaluate("el => !el.validity.valid && el.validationMessage.length > 0"), bad
    quantity.fill("2")
    quantity.blur()
    cart_is_unchanged()
    assert updates == []

    # More than is in stock passes the browser's check; the server says so.
    submit("4")
    expect(page.locator(".messages .message-error")).to_have_text("Only 3 of ClinicRed™ left in stock.")
    cart_is_unchanged()

    # Without the browser's check (a script, an old browser) the server says why and changes nothing.
    cases = [
        ("0", "Quantity must be at least 1."),
        ("-1", "Quantity must be at least 1."),
        ("1.5", "Quantity must be a whole number."),
        (str(limit + 1), f"You can order at most {limit} of ClinicRed™ at a time."),
    ]
    for bad, message in cases:
        quantity.evaluate("el => { el.form.noValidate = true; }")
        submit(bad)
        expect(page.locator(".messages .message-error")).to_have_text(message)
        cart_is_unchanged()
    assert len(updates) == 1 + len(cases)

    # A good quantity still goes through, and the page never reloaded.
    submit("3")
    expect(page.locator(".messages")).to_have_text("Updated the quantity of ClinicRed™.")
    expect(quantity).to_have_value("3")
    expect(page.locator("[data-cart-count]")).to_have_text("3")
    assert navigations == []


# 5. Paying twice at once.


@pytest.mark.parametrize("how", ["dblclick", "two submits"])
def test_paying_twice_at_once_places_one_order_and_one_payment(page: Page, walk, how: str):
    if how == "two submits":
        # The second confirmation may reach a PaymentIntent the first has already paid: Stripe refuses it.
        walk.expect_client_error(402, "POST", CONFIRM)
    checkout_with(page, CARD_OK, "twice@example.com")
    placed: list[str] = []
    page.on("request", lambda r: placed.append(r.url) if r.method == "POST" and urlparse(r.url).path == "/checkout/" else None)
    if how == "dblclick":
        page.get_by_role("button", name="Pay now").dblclick()
    else:
        # The button is disabled while paying, so a double click sends one request. Two submits in the
        # same instant bypass that guard and reach the server twice with the same checkout key.
        page.locator("#checkout-form").evaluate("form => { form.requestSubmit(); form.requestSubmit(); }")
    token, intent_id = expect_paid(page)

    assert len(placed) == (1 if how == "dblclick" else 2), placed
    order = Order.objects.get()
    assert order.token == token and order.payment_status == Order.PaymentStatus.PAID
    assert order.payment_intent_id == intent_id
    assert order.amount_paid_cents == order.total_cents
    assert [pi.id for pi in intents_for(order)] == [intent_id]
    assert_paid_once(order, "twice@example.com")
