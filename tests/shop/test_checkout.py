"""Checkout over HTTP against localstripe: one order, one PaymentIntent, the right amount."""

import pytest

from devstripe import cards
from shop.models import Order, Product, ShippingMethod
from shop.payments import stripe_api


pytestmark = pytest.mark.usefixtures("stripe_offline")


@pytest.fixture
def cart(client, demo):
    product = Product.objects.get(slug="clinicred")
    client.post("/cart/add/", {"product": product.pk, "quantity": "1"})
    return product


def checkout_form(client, **extra):
    page = client.get("/checkout/")
    assert page.status_code == 200
    key = page.context["form"].initial["checkout_key"]
    data = {
        "email": "shopper@example.com",
        "full_name": "Test Shopper",
        "address_line1": "1 Main Street",
        "city": "Springfield",
        "region": "IL",
        "postal_code": "62701",
        "shipping_method": ShippingMethod.objects.get(name="Express").pk,
        "checkout_key": key,
    }
    data.update(extra)
    return data


def place(client, data):
    return client.post("/checkout/", data, HTTP_ACCEPT="application/json")


def test_checkout_creates_one_order_and_one_intent_for_the_total(client, cart):
    data = checkout_form(client)
    first = place(client, data).json()
    second = place(client, data).json()
    assert Order.objects.count() == 1
    order = Order.objects.get()
    assert first["client_secret"] == second["client_secret"]
    assert order.total_cents == 19595 + 2495
    intent = stripe_api.retrieve_payment_intent(order.payment_intent_id)
    assert (intent.amount, intent.currency, intent.order_number) == (order.total_cents, "usd", order.number)
    assert first["return_url"].endswith(f"/orders/{order.token}/")


def test_tampered_price_and_quantity_fields_change_nothing(client, cart):
    data = checkout_form(client, price="1", price_cents="1", total="1", amount="1", quantity="50", subtotal_cents="1")
    place(client, data)
    order = Order.objects.get()
    assert order.total_cents == 19595 + 2495 and order.lines.get().quantity == 1
    assert stripe_api.retrieve_payment_intent(order.payment_intent_id).amount == order.total_cents


@pytest.mark.parametrize(
    "field, value, message",
    [("email", "not-an-email", "Enter a valid email address."),
     ("email", "a" * 250 + "@example.com", "at most 254 characters"), ("postal_code", "ABC", "Enter a ZIP code"), ("shipping_method", "99999", "Choose a shipping method from the list."), ("full_name", "", "Enter your full name.")],
)
def test_bad_checkout_input_is_a_clear_400(client, cart, field, value, message):
    response = place(client, checkout_form(client, **{field: value}))
    assert response.status_code == 400
    assert message in str(response.json()["errors"])
    assert not Order.objects.exists()


def test_empty_cart_cannot_check_out(client, demo):
    assert client.get("/checkout/")["Location"] == "/cart/"


def test_paying_through_the_return_page(client, cart):
    place(client, checkout_form(client))
    order = Order.objects.get()
    intent = stripe_api.retrieve_payment_intent(order.payment_intent_id)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    page = client.get(f"/orders/{order.token}/?payment_intent={intent.id}")
    assert "Paid" in page.content.decode()
    assert page["Cache-Control"].startswith("no-store") and page["Referrer-Policy"] == "same-origin"
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PAID
    assert client.session.get("cart") == {}


def test_order_page_for_unknown_token_is_404(client, db):
    assert client.get("/orders/nope/").status_code == 404
    assert client.get("/orders/" + "x" * 43 + "/").status_code == 404


def test_offline_endpoint_refuses_a_wrong_client_secret(client, cart):
    place(client, checkout_form(client))
    order = Order.objects.get()
    response = client.post("/_offline-stripe/confirm/", {"client_secret": order.payment_intent_id + "_secret_wrong", "number": "4242424242424242"}, content_type="application/json")
    assert response.status_code == 400


def production(code: str, **env: str):
    import subprocess
    import sys

    from tests.security.test_headers import production_env

    env = production_env(PATH="/usr/bin:/bin", **env)  # everything production requires, none of it reached
    return subprocess.run([sys.executable, "-c", "import django; django.setup()\n" + code], capture_output=True, text=True, env=env, check=False)


def test_production_has_neither_devstripe_nor_the_offline_endpoints():
    out = production(
        "from django.apps import apps\n"
        "from django.conf import settings\n"
        "from django.urls import resolve\n"
        "match = resolve('/_offline-stripe/confirm/')\n"
        "print('ROUTED' if match.app_name == 'devstripe' else 'NOT ROUTED', apps.is_installed('devstripe'))\n"
        "print(repr(settings.STRIPE_HTTP_CLIENT), settings.STRIPE_JS_URL)"
    )
    assert out.stdout.split() == ["NOT", "ROUTED", "False", "''", "https://js.stripe.com/v3/"], out.stderr


def test_production_refuses_a_stripe_http_client():
    out = production("", STRIPE_HTTP_CLIENT="devstripe.client.LocalStripeHTTPClient")
    assert out.returncode != 0
    assert "ImproperlyConfigured" in out.stderr and "STRIPE_HTTP_CLIENT must be unset (it is 'devstripe.client.LocalStripeHTTPClient')" in out.stderr
