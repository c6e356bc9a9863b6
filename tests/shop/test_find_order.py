"""Find my order (shop/orders/lookup.py) and the printable receipt (shop/orders/receipt.py), through the
views: a match e-mails the order's link; every other request gets the very same answer and sends
nothing; the limits per address and per e-mail hold, forged X-Forwarded-For or not; the receipt opens
only with the order's secret link, and only once the order is paid."""

from __future__ import annotations

import re
import secrets

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from shop.orders.lookup import EMAIL_LIMIT, IP_LIMIT, matching_order, normalise_number
from shop.orders.models import Order
from shop.orders.payment_events import mark_paid

FIND = reverse("shop:find_order")
SENT = "If an order with that number was placed with that e-mail, we&#x27;ve sent its link to that address."
CSRF_FIELD = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def paid_order(make_order, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://shop.example.com"
    order = make_order()
    assert mark_paid(order_id=order.pk, payment_intent_id=f"pi_find_{order.pk}", amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    mail.outbox.clear()  # nothing from paying (the confirmation waits for a commit that never comes here)
    return order


def ask(email: str, number: str, *, client: Client | None = None, **extra):
    """A shopper's browser: open the page (for its CSRF token), then send the form, as a browser does."""
    client = client or Client(enforce_csrf_checks=True)
    page = client.get(FIND, **extra)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    return client.post(FIND, {"csrfmiddlewaretoken": token, "email": email, "number": number}, **extra)


def comparable(response) -> tuple:
    headers = {k: v for k, v in response.headers.items() if k.lower() not in ("set-cookie", "date", "expires")}  # the clock, not the order
    return response.status_code, headers, CSRF_FIELD.sub(b"TOKEN", response.content)


def test_the_number_is_read_as_a_shopper_types_it():
    assert normalise_number(" cr-7k2m 9qxp ") == "CR-7K2M9QXP"
    assert normalise_number("7k2m9qxp") == "CR-7K2M9QXP"
    assert normalise_number("CR–7K2M9QXP") == "CR-7K2M9QXP"


def test_a_match_sends_exactly_one_email_with_the_orders_link(paid_order):
    response = ask("  Shopper@EXAMPLE.com ", paid_order.number.lower())

    assert response.status_code == 200 and SENT in response.content.decode()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    link = f"https://shop.example.com/orders/{paid_order.token}/"
    assert message.to == ["shopper@example.com"] and paid_order.number in message.subject
    assert link in message.body and f'href="{link}"' in message.alternatives[0][0]
    assert f"{link}receipt/" in message.body
    # The link is the one the confirmation carries, and opens the order in a browser that never saw it.
    assert Client().get(link.removeprefix("https://shop.example.com")).status_code == 200


@pytest.mark.parametrize(
    "email, number",
    [
        ("shopper@example.com", "CR-22222222"),  # wrong number
        ("someone-else@example.com", None),  # the right number with another e-mail
        ("never-ordered@example.org", "CR-ABCDEFGH"),  # nobody with that e-mail ever ordered
    ],
    ids=["wrong-number", "wrong-email", "unknown-email"],
)
def test_a_miss_answers_byte_for_byte_as_a_match_does_and_sends_nothing(paid_order, make_order, email, number):
    make_order()  # another order in the shop, so "no order at all" is not what is tested
    miss = ask(email, number or paid_order.number)
    assert mail.outbox == []

    match = ask(paid_order.email, paid_order.number)
    assert len(mail.outbox) == 1
    assert comparable(miss) == comparable(match)
    assert SENT in miss.content.decode()


def test_the_form_needs_the_csrf_token(paid_order):
    client = Client(enforce_csrf_checks=True)
    response = client.post(FIND, {"email": paid_order.email, "number": paid_order.number})
    assert response.status_code == 403 and mail.outbox == []


def test_mistakes_are_listed_in_an_error_summary_and_under_each_field(demo):
    response = ask("", "")
    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="error-summary"' in html and "There is a problem" in html and "autofocus" in html
    assert '<a href="#id_email">Enter the e-mail address you ordered with.</a>' in html
    assert '<a href="#id_number">Enter your order number.</a>' in html
    assert re.search(r'<input[^>]*aria-describedby="id_email_errors"[^>]*aria-invalid="true"|<input[^>]*aria-invalid="true"[^>]*aria-describedby="id_email_errors"', html)
    assert 'aria-describedby="id_number_hint id_number_errors"' in html

    empty = Client().post(FIND, {})  # nothing at all, not even the fields
    assert empty.status_code == 400 and "There is a problem" in empty.content.decode()

    html = ask("not-an-address", "hello").content.decode()
    assert "Enter an e-mail address such as name@example.com." in html
    assert "Enter the order number as it is in your e-mail, such as CR-7K2M9QXP." in html
    assert mail.outbox == []


def test_the_page_is_private_and_never_page_cached(demo):
    first = Client().get(FIND)
    assert "no-store" in first["Cache-Control"] and "private" in first["Cache-Control"]
    assert "X-Cache" not in first and "X-Cache" not in Client().get(FIND)


def test_too_many_requests_from_one_address_get_429_whatever_they_name(paid_order):
    for n in range(IP_LIMIT):
        assert ask(f"guess{n}@example.org", "CR-22222222").status_code == 200
    refused = ask(paid_order.email, paid_order.number)
    assert refused.status_code == 429
    assert "many times in a short while" in refused.content.decode() and SENT not in refused.content.decode()
    assert mail.outbox == []  # the real order's link is not sent past the limit
    # The refusal reads the same for an order that does not exist.
    assert comparable(ask("nobody@example.org", "CR-33333333")) == comparable(refused)
    # Another address is not held back.
    assert ask(paid_order.email, paid_order.number, REMOTE_ADDR="198.51.100.9").status_code == 200


def test_one_email_address_is_limited_from_any_address(paid_order):
    for n in range(EMAIL_LIMIT):
        assert ask(paid_order.email.upper(), paid_order.number, REMOTE_ADDR=f"198.51.100.{n + 1}").status_code == 200
    refused = ask(paid_order.email, paid_order.number, REMOTE_ADDR="203.0.113.50")
    assert refused.status_code == 429 and "last hour" in refused.content.decode()
    assert len(mail.outbox) == EMAIL_LIMIT


def test_forged_x_forwarded_for_does_not_reset_the_limit_without_proxies(demo):
    for n in range(IP_LIMIT):
        assert ask(f"guess{n}@example.org", "CR-22222222", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}").status_code == 200
    assert ask("guess-last@example.org", "CR-22222222", HTTP_X_FORWARDED_FOR="192.0.2.200").status_code == 429


def test_forged_x_forwarded_for_does_not_reset_the_limit_behind_a_proxy(demo, settings):
    settings.TRUSTED_PROXY_COUNT = 1  # our proxy appends the address it saw; anything left of it is the client's word

    def through_proxy(n: int):
        forwarded = f"192.0.2.{n}, 203.0.113.7"
        return ask(f"guess{n}@example.org", "CR-22222222", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)

    for n in range(IP_LIMIT):
        assert through_proxy(n).status_code == 200
    assert through_proxy(99).status_code == 429
    other_client = ask("guess@example.org", "CR-22222222", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other_client.status_code == 200


def test_matching_ignores_case_and_needs_both(paid_order):
    assert matching_order(email="SHOPPER@example.COM", number=paid_order.number.lower()) == paid_order
    assert matching_order(email="shopper@example.com", number="CR-22222222") is None
    assert matching_order(email="other@example.com", number=paid_order.number) is None
    assert matching_order(email="shopper@example.com", number="' OR 1=1 --") is None


def test_the_find_page_is_linked_from_every_page_and_the_cart(demo):
    for path in ("/cart/", "/shop/clinicred/"):
        assert f'href="{FIND}"' in Client().get(path).content.decode()


# The receipt.


def receipt_url(token: str) -> str:
    return reverse("shop:order_receipt", kwargs={"token": token})


def test_the_receipt_shows_what_the_shopper_paid(paid_order, settings):
    settings.SHOP_STORE_ADDRESS = ["ClinicRed Inc.", "100 Main Street", "Springfield, IL 62701"]
    response = Client().get(receipt_url(paid_order.token))
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert "Receipt" in html and paid_order.number in html
    assert "ClinicRed Inc.<br>100 Main Street<br>Springfield, IL 62701" in html
    assert paid_order.paid_at.strftime("%B %-d, %Y") in html
    assert "ClinicRed" in html and "$195.95" in html and "Total paid" in html
    assert f'data-receipt-total>{"$"}{paid_order.total_cents / 100:,.2f}<' in html
    assert 'data-receipt-payment>Card<' in html and "1 Main Street" in html and "Springfield, IL 62701" in html
    assert 'data-print hidden' in html  # the Print button appears only with the script


def test_the_order_page_links_the_receipt_once_paid(make_order, paid_order):
    assert receipt_url(paid_order.token) in Client().get(paid_order.get_absolute_url()).content.decode()
    unpaid = make_order()
    assert "receipt" not in Client().get(unpaid.get_absolute_url()).content.decode()


def test_an_unpaid_order_has_no_receipt(make_order):
    unpaid = make_order()
    response = Client().get(receipt_url(unpaid.token))
    assert response.status_code == 404 and "not paid" in response.content.decode()
    assert "Total paid" not in response.content.decode()


@pytest.mark.parametrize(
    "guess",
    [
        lambda order: secrets.token_urlsafe(24),  # a well-formed token of no order
        lambda order: order.token[:-1] + ("A" if order.token[-1] != "A" else "B"),  # one character off
        lambda order: order.number,  # the order number, which is on every e-mail and parcel
        lambda order: str(order.pk),
    ],
    ids=["random-token", "altered-token", "order-number", "order-id"],
)
def test_a_receipt_url_without_the_orders_link_is_a_404(paid_order, guess):
    response = Client().get(receipt_url(guess(paid_order)))
    assert response.status_code == 404 and paid_order.number not in response.content.decode()


def test_another_shoppers_session_cannot_reach_a_receipt_it_was_not_given(paid_order, make_order):
    other = make_order(key="someone-else")
    assert mark_paid(order_id=other.pk, payment_intent_id="pi_other", amount=other.total_cents, currency="usd")
    browser = Client()
    browser.get(paid_order.get_absolute_url())  # a session that has seen its own order only
    assert browser.get(receipt_url(paid_order.token)).status_code == 200
    for guess in (other.number, other.number.lower(), f"{paid_order.token[:20]}{other.number}"):
        assert browser.get(receipt_url(guess)).status_code == 404


def test_the_confirmation_email_links_the_receipt(make_order, django_capture_on_commit_callbacks, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://shop.example.com"
    order = make_order()
    with django_capture_on_commit_callbacks(execute=True):
        assert mark_paid(order_id=order.pk, payment_intent_id="pi_conf", amount=order.total_cents, currency="usd")
    (message,) = mail.outbox
    link = f"https://shop.example.com/orders/{order.token}/receipt/"
    assert link in message.body and f'href="{link}"' in message.alternatives[0][0]
    assert Order.objects.get(pk=order.pk).is_paid
