"""The payments module against a real localstripe, through devstripe's HTTP client (no mocks).

See tests/stripe_server.py for localstripe, tests/devstripe/ for what devstripe adds to it, and
tests/shop/test_stripe_requests.py for the exact requests this module sends.
"""

from __future__ import annotations

import json
import time
import uuid

import pytest
from django.test import override_settings

from devstripe import cards
from devstripe.webhooks import register_webhook
from shop.payments import stripe_api
from tests.stripe_server import WEBHOOK_SECRET, free_port, sign_payload

GOOD = "4242424242424242"

pytestmark = pytest.mark.usefixtures("stripe_offline")


def card(number: str = GOOD) -> str:
    return cards.create_card_payment_method(number=number, exp_month=12, exp_year=2034, cvc="123", postal_code="10001")


def new_intent(amount: int = 19595, key: str | None = None, order_number: str = "CR-API", **extra) -> stripe_api.PaymentIntentInfo:
    return stripe_api.create_payment_intent(
        amount=amount, currency="usd", order_number=order_number, idempotency_key=key or f"test-{uuid.uuid4()}", **extra
    )


def paid_intent(amount: int = 10000) -> stripe_api.PaymentIntentInfo:
    intent = new_intent(amount)
    assert cards.confirm_payment_intent(intent.id, payment_method_id=card(GOOD)).status == "succeeded"
    return stripe_api.retrieve_payment_intent(intent.id)


# PaymentIntents


def test_intent_round_trip():
    intent = new_intent(12345, order_number="CR-ROUND")
    again = stripe_api.retrieve_payment_intent(intent.id)
    assert again == intent
    assert (again.amount, again.currency, again.order_number, again.status) == (12345, "usd", "CR-ROUND", "requires_payment_method")
    assert intent.client_secret.startswith(intent.id + "_secret_")
    assert (again.last_error, again.charge_id) == ("", "")
    assert abs(intent.created - time.time()) < 60


def test_same_idempotency_key_returns_the_same_intent():
    key = f"order-{uuid.uuid4()}-payment-intent"
    first = new_intent(5000, key=key)
    assert new_intent(5000, key=key).id == first.id
    assert new_intent(5000).id != first.id
    assert [pi.id for pi in stripe_api.list_payment_intents(created_gte=first.created)].count(first.id) == 1


def test_same_idempotency_key_with_other_parameters_is_refused():
    key = f"order-{uuid.uuid4()}-payment-intent"
    new_intent(5000, key=key)
    with pytest.raises(stripe_api.PaymentError) as error:
        new_intent(6000, key=key)
    assert error.value.code == "idempotency_error"


def test_unknown_intent_is_a_payment_error():
    with pytest.raises(stripe_api.PaymentError):
        stripe_api.retrieve_payment_intent("pi_doesnotexist")


def test_unreachable_service_is_a_payment_error():
    with override_settings(STRIPE_API_BASE=f"http://127.0.0.1:{free_port()}"):
        with pytest.raises(stripe_api.PaymentError, match="could not be reached") as error:
            stripe_api.retrieve_payment_intent("pi_whatever")
    assert error.value.code == "connection_error"


def test_missing_secret_key_is_a_payment_error():
    with override_settings(STRIPE_SECRET_KEY=""):
        with pytest.raises(stripe_api.PaymentError) as error:
            new_intent()
    assert error.value.code == "not_configured"


def test_a_paid_intent_shows_its_charge():
    intent = paid_intent(4200)
    assert (intent.status, intent.amount, intent.last_error) == ("succeeded", 4200, "")
    assert intent.charge_id.startswith("ch_")


def test_receipt_email_is_accepted():
    intent = new_intent(1500, receipt_email="shopper@example.com")
    assert stripe_api.retrieve_payment_intent(intent.id).amount == 1500


# Refunds and listings


def test_partial_refund_is_idempotent_and_listed():
    intent = paid_intent(10000)
    key = f"refund-{uuid.uuid4()}"
    first = stripe_api.refund(payment_intent_id=intent.id, amount=2500, idempotency_key=key)
    assert (first.amount, first.currency, first.status, first.payment_intent_id) == (2500, "usd", "succeeded", intent.id)
    assert first.charge_id == stripe_api.retrieve_payment_intent(intent.id).charge_id
    assert stripe_api.refund(payment_intent_id=intent.id, amount=2500, idempotency_key=key) == first
    second = stripe_api.refund(payment_intent_id=intent.id, amount=1000, idempotency_key=f"refund-{uuid.uuid4()}")

    assert sorted(r.amount for r in stripe_api.list_refunds(payment_intent_id=intent.id)) == [1000, 2500]
    recent = stripe_api.list_refunds(created_gte=first.created)
    assert {first.id, second.id} <= {r.id for r in recent}
    assert stripe_api.list_refunds(created_gte=int(time.time()) + 3600) == []
    with pytest.raises(stripe_api.PaymentError) as error:
        stripe_api.refund(payment_intent_id=intent.id, amount=999, idempotency_key=key)
    assert error.value.code == "idempotency_error"


def test_refunding_an_unpaid_intent_is_a_payment_error():
    intent = new_intent()
    with pytest.raises(stripe_api.PaymentError):
        stripe_api.refund(payment_intent_id=intent.id, amount=100, idempotency_key=f"refund-{uuid.uuid4()}")
    assert stripe_api.list_refunds(payment_intent_id=intent.id) == []


def test_list_payment_intents_filters_by_creation_time_newest_first():
    intent = paid_intent(4321)
    later = new_intent(1234)
    intents = stripe_api.list_payment_intents(created_gte=intent.created)
    listed = {pi.id: pi for pi in intents}
    assert listed[intent.id].status == "succeeded" and listed[intent.id].amount == 4321
    assert [pi.id for pi in intents].index(later.id) < [pi.id for pi in intents].index(intent.id)
    assert [pi.created for pi in intents] == sorted((pi.created for pi in intents), reverse=True)
    assert all(pi.created >= intent.created for pi in intents)
    assert stripe_api.list_payment_intents(created_gte=int(time.time()) + 3600) == []


def test_listing_pages_through_more_than_one_page():
    start = int(time.time())
    made = {new_intent(100 + n).id for n in range(105)}  # localstripe pages 100 at a time
    assert made <= {pi.id for pi in stripe_api.list_payment_intents(created_gte=start)}


# Webhooks


def event_body(**fields) -> bytes:
    event = {"id": "evt_1", "object": "event", "type": "payment_intent.succeeded", "data": {"object": {"id": "pi_1"}}}
    return json.dumps({**event, **fields}).encode()


def test_parse_webhook_accepts_a_signed_event():
    body = event_body()
    event = stripe_api.parse_webhook(body, sign_payload(body, WEBHOOK_SECRET))
    assert event == stripe_api.WebhookEvent(id="evt_1", type="payment_intent.succeeded", object={"id": "pi_1"})


def test_parse_webhook_accepts_any_of_several_signatures():
    body = event_body()
    good = sign_payload(body, WEBHOOK_SECRET, timestamp=int(time.time()))
    other = sign_payload(body, "whsec_old", timestamp=int(time.time()))
    header = other + "," + good.split(",")[1]  # t=..,v1=<old>,v1=<current>, as during secret rotation
    assert stripe_api.parse_webhook(body, header).id == "evt_1"


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "garbage",
        "t=notanumber,v1=abc",
        sign_payload(event_body(), "whsec_wrong"),
        sign_payload(event_body(), WEBHOOK_SECRET, timestamp=int(time.time()) - 3600),  # replayed
        sign_payload(event_body(id="evt_other"), WEBHOOK_SECRET),  # for another body
    ],
    # signatures hold the time they were made: name them, so every xdist worker collects the same tests
    ids=["none", "empty", "garbage", "bad-timestamp", "wrong-secret", "replayed", "another-body"],
)
def test_parse_webhook_rejects_bad_signatures(header):
    with pytest.raises(stripe_api.WebhookSignatureError):
        stripe_api.parse_webhook(event_body(), header)


def test_parse_webhook_refuses_everything_without_a_secret():
    body = event_body()
    with override_settings(STRIPE_WEBHOOK_SECRET=""):
        with pytest.raises(stripe_api.WebhookSignatureError):
            stripe_api.parse_webhook(body, sign_payload(body, ""))


@pytest.mark.parametrize(
    "body",
    [
        b"",
        b"not json",
        b"[]",
        b'"evt_1"',
        b'{"id": "evt_1"}',
        b'{"id": "evt_1", "type": "x", "data": []}',
        b'{"id": 1, "type": 2, "data": {"object": {}}}',
        b'{"id": "evt_1", "type": "x", "data": {"object": []}}',
        b"\xff\xfe",
    ],
)
def test_parse_webhook_rejects_signed_bodies_that_are_not_events(body):
    with pytest.raises(stripe_api.WebhookPayloadError):
        stripe_api.parse_webhook(body, sign_payload(body, WEBHOOK_SECRET))


def test_localstripe_sends_signed_webhooks_that_parse_webhook_accepts(webhook_receiver):
    hook_id = f"test-stripe-api-{uuid.uuid4().hex[:8]}"
    register_webhook(
        webhook_id=hook_id, url=webhook_receiver.url, secret=WEBHOOK_SECRET, events=["payment_intent.succeeded"]
    )
    try:
        intent = paid_intent(4000)
        deliveries = webhook_receiver.events("payment_intent.succeeded", object_id=intent.id)
    finally:
        register_webhook(webhook_id=hook_id, url=webhook_receiver.url, secret=WEBHOOK_SECRET, events=[])
    assert len(deliveries) == 1
    headers, body = deliveries[0]
    event = stripe_api.parse_webhook(body, headers["Stripe-Signature"])
    assert (event.type, event.object["id"], event.object["status"], event.object["amount"]) == (
        "payment_intent.succeeded", intent.id, "succeeded", 4000,
    )
    assert event.object["metadata"]["order_number"] == "CR-API"
    assert {json.loads(b)["type"] for _, b in webhook_receiver.received} == {"payment_intent.succeeded"}  # filtered
    with override_settings(STRIPE_WEBHOOK_SECRET="whsec_other"):
        with pytest.raises(stripe_api.WebhookSignatureError):
            stripe_api.parse_webhook(body, headers["Stripe-Signature"])


# One code path (the import boundaries are import-linter contracts: tests/test_architecture.py)


def test_shop_has_one_stripe_code_path():
    from pathlib import Path

    shop = list((Path(__file__).resolve().parents[2] / "shop").rglob("*.py"))
    assert shop
    for path in shop:
        text = path.read_text()
        assert "is_offline" not in text and "STRIPE_API_BASE" not in text and "STRIPE_OFFLINE" not in text, path
