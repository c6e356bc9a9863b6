"""Stock holds nobody can hoard, and a checkout key that works only in the session that was given it.

The attack (issue 14): five sessions from one address each put five units in the cart and post
checkout; 15 requests held all 25 units for half an hour, again and again. Now a session holds one
unpaid order, an address or an e-mail address at most SHOP_HOLDS_PER_CLIENT orders and
SHOP_HOLD_UNITS_PER_CLIENT units, checkout posts are rate limited per address, and holds last 15
minutes. Real views through Django's test client, PostgreSQL and localstripe.
"""

from __future__ import annotations

import threading
from datetime import timedelta
from datetime import timezone as dt_timezone

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from devstripe import cards
from shop.models import Order, Product, ShippingMethod, Stock
from shop.orders.checkout import Customer, ForeignCheckoutKey, HoldLimitReached, Holder, place_order

pytestmark = pytest.mark.usefixtures("stripe_offline")

ATTACKER_IP = "203.0.113.66"
SHOPPER_IP = "198.51.100.7"


@pytest.fixture
def clinicred(demo):
    product = Product.objects.get(slug="clinicred")
    Stock.objects.filter(product=product).update(on_hand=25)
    return product


def on_hand(product) -> int:
    return Stock.objects.get(product=product).on_hand


def visitor(ip: str) -> Client:
    return Client(REMOTE_ADDR=ip)


def fill_cart(client: Client, product, quantity: int) -> None:
    response = client.post("/cart/add/", {"product": product.pk, "quantity": str(quantity)})
    assert response.status_code == 302


def checkout_data(client: Client, email: str = "shopper@example.com") -> dict:
    page = client.get("/checkout/")
    assert page.status_code == 200
    return {
        "email": email,
        "full_name": "Test Shopper",
        "address_line1": "1 Main Street",
        "city": "Springfield",
        "region": "IL",
        "postal_code": "62701",
        "shipping_method": ShippingMethod.objects.get(name="Standard").pk,
        "checkout_key": page.context["form"].initial["checkout_key"],
    }


def place(client: Client, data: dict, *, json: bool = True):
    if json:
        return client.post("/checkout/", data, HTTP_ACCEPT="application/json")
    return client.post("/checkout/", data)


def held_units(**filters) -> int:
    return sum(line.quantity for order in Order.objects.holding_stock().filter(**filters) for line in order.lines.all())


# The attack, replayed; then an honest buyer.


def test_five_sessions_from_one_address_cannot_hold_all_the_stock_and_an_honest_buyer_still_buys(clinicred):
    assert clinicred.max_per_order >= 5
    answers = []
    for n in range(5):
        attacker = visitor(ATTACKER_IP)
        fill_cart(attacker, clinicred, 5)
        answers.append(place(attacker, checkout_data(attacker, f"attacker{n}@example.com")))

    assert [a.status_code for a in answers] == [200, 200, 409, 409, 409]
    assert "Too many items are already held for you" in answers[2].json()["errors"]["__all__"][0]
    assert held_units(held_by_ip=ATTACKER_IP) == 10 == settings.SHOP_HOLD_UNITS_PER_CLIENT
    assert on_hand(clinicred) == 15

    # A burst of posts from the same address: after SHOP_CHECKOUT_RATE_LIMIT posts in the window, a 429.
    attacker = visitor(ATTACKER_IP)
    fill_cart(attacker, clinicred, 1)
    data = checkout_data(attacker, "burst@example.com")
    burst = [place(attacker, data).status_code for _ in range(10)]
    assert burst.count(429) == 5 + 10 - settings.SHOP_CHECKOUT_RATE_LIMIT
    refused = place(attacker, data)
    assert refused.status_code == 429
    assert "Please wait 10 minutes and try again." in refused.json()["errors"]["__all__"][0]
    assert Order.objects.holding_stock().filter(held_by_ip=ATTACKER_IP).count() <= settings.SHOP_HOLDS_PER_CLIENT
    assert held_units(held_by_ip=ATTACKER_IP) <= 10

    # Someone else, from another address, buys and pays.
    shopper = visitor(SHOPPER_IP)
    fill_cart(shopper, clinicred, 2)
    placed = place(shopper, checkout_data(shopper, "buyer@example.com"))
    assert placed.status_code == 200
    order = Order.objects.get(number=placed.json()["order"])
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(order.payment_intent_id, payment_method_id=method)
    page = shopper.get(f"/orders/{order.token}/?payment_intent={order.payment_intent_id}")
    assert "Paid" in page.content.decode()
    order.refresh_from_db()
    assert order.is_paid


def test_a_refused_checkout_shows_the_reason_on_the_checkout_page_and_holds_nothing(clinicred):
    for quantity in (5, 4):
        attacker = visitor(ATTACKER_IP)
        fill_cart(attacker, clinicred, quantity)
        assert place(attacker, checkout_data(attacker, f"holder{quantity}@example.com")).status_code == 200
    other = visitor(ATTACKER_IP)
    fill_cart(other, clinicred, 2)  # 9 held + 2 > 10
    data = checkout_data(other, "two@example.com")

    response = place(other, data, json=False)

    assert response.status_code == 409
    html = response.content.decode()
    assert "Too many items are already held for you in unpaid orders" in html
    assert 'id="checkout-form"' in html and data["checkout_key"] in html  # the same page, ready to try again
    assert Order.objects.count() == 2 and on_hand(clinicred) == 16


# One hold per session.


def test_a_new_checkout_in_the_same_session_releases_the_previous_hold(clinicred):
    shopper = visitor(SHOPPER_IP)
    fill_cart(shopper, clinicred, 3)
    first = Order.objects.get(number=place(shopper, checkout_data(shopper)).json()["order"])
    assert on_hand(clinicred) == 22
    fill_cart(shopper, clinicred, 1)  # now 4 in the cart: a new checkout key, a new order

    second = Order.objects.get(number=place(shopper, checkout_data(shopper)).json()["order"])

    first.refresh_from_db()
    assert first.is_cancelled and not first.stock_reserved
    assert [o.pk for o in Order.objects.holding_stock()] == [second.pk]
    assert on_hand(clinicred) == 21


def test_a_double_post_in_the_same_session_still_places_one_order(clinicred):
    shopper = visitor(SHOPPER_IP)
    fill_cart(shopper, clinicred, 1)
    data = checkout_data(shopper)
    first, second = place(shopper, data).json(), place(shopper, data).json()
    assert first["order"] == second["order"] and first["client_secret"] == second["client_secret"]
    assert Order.objects.count() == 1 and on_hand(clinicred) == 24


# Per e-mail address, whatever the address.


@pytest.mark.parametrize("quantities, refused_at", [([1, 1, 1, 1], 3), ([4, 4, 4], 2)])
def test_one_email_from_many_addresses_is_held_to_the_same_limits(clinicred, quantities, refused_at):
    statuses = []
    for n, quantity in enumerate(quantities):
        client = visitor(f"192.0.2.{n + 10}")
        fill_cart(client, clinicred, quantity)
        statuses.append(place(client, checkout_data(client, "Hoarder@Example.com" if n % 2 else "hoarder@example.com")).status_code)
    assert statuses == [200] * refused_at + [409] * (len(quantities) - refused_at)
    assert on_hand(clinicred) == 25 - sum(quantities[:refused_at])


def test_a_hold_that_ran_out_no_longer_counts(clinicred):
    for _ in range(3):
        client = visitor(SHOPPER_IP)
        fill_cart(client, clinicred, 1)
        assert place(client, checkout_data(client)).status_code == 200
    shopper = visitor(SHOPPER_IP)
    fill_cart(shopper, clinicred, 1)
    data = checkout_data(shopper)
    assert place(shopper, data).status_code == 409
    oldest = Order.objects.order_by("pk").first()
    Order.objects.filter(pk=oldest.pk).update(expires_at=oldest.created_at)  # not yet cancelled by expire_orders
    assert place(shopper, data).status_code == 200


# Holds are short and the shopper is told.


def test_the_order_page_says_how_long_the_items_are_held(clinicred):
    shopper = visitor(SHOPPER_IP)
    fill_cart(shopper, clinicred, 1)
    placed = place(shopper, checkout_data(shopper)).json()
    order = Order.objects.get(number=placed["order"])
    assert settings.SHOP_ORDER_EXPIRY_MINUTES == 15
    assert order.expires_at - order.created_at == timedelta(minutes=15)
    assert placed["hold_minutes"] == 15 and placed["held_until"] == order.expires_at.isoformat()
    html = shopper.get(order.get_absolute_url()).content.decode()
    held_until = order.expires_at.astimezone(dt_timezone.utc)  # a valid <time datetime>: UTC, whole seconds
    assert f"Your items are held for you until <time datetime=\"{held_until:%Y-%m-%dT%H:%M:%SZ}\" data-local-time>" in html
    assert f"{order.expires_at:%H:%M} UTC</time> (15 minutes)" in html

    Order.objects.filter(pk=order.pk).update(expires_at=order.created_at)  # the hold ran out
    assert "held for you" not in shopper.get(order.get_absolute_url()).content.decode()


# The checkout key is bound to its session.


def test_a_leaked_checkout_key_gives_another_session_no_order(clinicred):
    shopper = visitor(SHOPPER_IP)
    fill_cart(shopper, clinicred, 1)
    data = checkout_data(shopper)
    placed = place(shopper, data).json()
    order = Order.objects.get(number=placed["order"])

    attacker = visitor(ATTACKER_IP)
    fill_cart(attacker, clinicred, 1)  # the same cart, so even the fingerprint matches
    checkout_data(attacker)
    stolen = {**data, "email": "attacker@example.com"}
    stranger = visitor(ATTACKER_IP)  # no session, no cart: sent back to the (empty) cart
    answers = [
        (place(attacker, stolen), 409),
        (place(attacker, stolen, json=False), 409),
        (place(stranger, stolen), 409),
        (stranger.post("/checkout/", stolen, follow=True), 200),
    ]
    for response, status in answers:
        assert response.status_code == status
        body = response.content.decode()
        for secret in (order.number, order.token, placed["client_secret"], order.payment_intent_id):
            assert secret not in body
    assert "check out again" in body
    assert list(Order.objects.values_list("pk", flat=True)) == [order.pk]

    # Even called directly, place_order hands the order only to the session that placed it.
    with pytest.raises(ForeignCheckoutKey):
        place_order(
            items={str(clinicred.pk): 1},
            customer=Customer("attacker@example.com", "A", "1 Main", "", "Springfield", "IL", "62701"),
            shipping_method_id=order.shipping_method_id,
            checkout_key=order.checkout_key,
            holder=Holder.of(session_key="another-session", ip=ATTACKER_IP),
        )


def test_a_checkout_page_from_before_the_cart_changed_is_refused_with_a_fresh_key(clinicred):
    shopper = visitor(SHOPPER_IP)
    fill_cart(shopper, clinicred, 1)
    data = checkout_data(shopper)
    fill_cart(shopper, clinicred, 1)  # another tab added one more
    response = place(shopper, data, json=False)
    assert response.status_code == 409
    assert "Your cart changed" in response.content.decode()
    fresh = response.context["form"]["checkout_key"].value()
    assert fresh != data["checkout_key"]
    placed = place(shopper, {**data, "checkout_key": fresh})
    assert placed.status_code == 200
    assert Order.objects.get().lines.get().quantity == 2


def test_addresses_of_one_ipv6_network_count_as_one_client(clinicred):
    statuses = []
    for n in range(4):
        client = visitor(f"2001:db8:1:2::{n + 1:x}")
        fill_cart(client, clinicred, 1)
        statuses.append(place(client, checkout_data(client, f"v6-{n}@example.com")).status_code)
    assert statuses == [200, 200, 200, 409]
    assert set(Order.objects.values_list("held_by_ip", flat=True)) == {"2001:db8:1:2::"}
    other = visitor("2001:db8:1:3::1")  # the next /64: someone else
    fill_cart(other, clinicred, 1)
    assert place(other, checkout_data(other, "neighbour@example.com")).status_code == 200


def test_the_checkout_rate_limit_is_per_address(clinicred):
    attacker = visitor(ATTACKER_IP)
    fill_cart(attacker, clinicred, 1)
    data = {**checkout_data(attacker), "email": "not-an-email"}
    assert [place(attacker, data).status_code for _ in range(11)] == [400] * 10 + [429]
    html = place(attacker, data, json=False)
    assert html.status_code == 429 and "Please wait 10 minutes and try again." in html.content.decode()
    shopper = visitor(SHOPPER_IP)
    fill_cart(shopper, clinicred, 1)
    assert place(shopper, checkout_data(shopper)).status_code == 200


# Two checkouts of one client at the same moment do not both slip under the limit.


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("same_session", [False, True])
def test_concurrent_checkouts_of_one_client_stay_within_the_limits(demo_rows, same_session):
    from tests import demo_snapshot

    assert connection.vendor == "postgresql", "run the suite on PostgreSQL"
    demo_snapshot.replace_with_demo()
    product = Product.objects.get(slug="clinicred")
    Stock.objects.filter(product=product).update(on_hand=25)
    standard = ShippingMethod.objects.get(name="Standard")
    customer = Customer("shopper@example.com", "Test Shopper", "1 Main Street", "", "Springfield", "IL", "62701")
    runs = 8
    barrier, results = threading.Barrier(runs), []

    def checkout(n: int) -> None:
        from django.db import connection as thread_connection

        holder = Holder.of(session_key="one-session" if same_session else f"session-{n}", ip=ATTACKER_IP)
        barrier.wait()
        try:
            place_order(items={str(product.pk): 1}, customer=customer, shipping_method_id=standard.pk, checkout_key=f"race-{n}", holder=holder)
            results.append("placed")
        except HoldLimitReached:
            results.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=checkout, args=(n,)) for n in range(runs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    holding = Order.objects.holding_stock().filter(held_by_ip=ATTACKER_IP)
    if same_session:  # each new checkout released the one before: one hold at the end
        assert results == ["placed"] * runs
        assert holding.count() == 1 and Stock.objects.get(product=product).on_hand == 24
    else:
        assert sorted(results) == ["placed"] * 3 + ["refused"] * (runs - 3)
        assert holding.count() == 3 and Stock.objects.get(product=product).on_hand == 22
