"""The payments module against a real localstripe (no mocks): see tests/stripe_server.py."""

from __future__ import annotations

import json
import os
import time
import uuid

import pytest
from django.conf import settings

if not settings.configured and not os.environ.get("DJANGO_SETTINGS_MODULE"):
    settings.configure()  # bare settings are enough: the fixtures override every STRIPE_* value

from django.test import override_settings  # noqa: E402

from shop import stripe_api  # noqa: E402
from tests.stripe_server import WEBHOOK_SECRET, free_port  # noqa: E402

GOOD, DECLINED, THREE_D_SECURE = "4242424242424242", "4000000000000002", "4000002760003184"

pytestmark = pytest.mark.usefixtures("stripe_offline")


def card(number: str) -> str:
    return stripe_api.create_card_payment_method(number=number, exp_month=12, exp_year=2034, cvc="123", postal_code="10001")


def new_intent(amount: int = 19595, key: str | None = None, order_number: str = "CR-API") -> stripe_api.PaymentIntentInfo:
    return stripe_api.create_payment_intent(
        amount=amount, currency="usd", order_number=order_number, idempotency_key=key or f"test-{uuid.uuid4()}"
    )


def paid_intent(amount: int = 10000) -> stripe_api.PaymentIntentInfo:
    intent = new_intent(amount)
    assert stripe_api.confirm_payment_intent(intent.id, payment_method_id=card(GOOD)).status == "succeeded"
    return intent


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


# Cards, confirmation, 3-D Secure


def test_good_card_succeeds():
    intent = new_intent()
    result = stripe_api.confirm_payment_intent(intent.id, payment_method_id=card(GOOD))
    assert (result.id, result.status, result.amount) == (intent.id, "succeeded", intent.amount)
    assert result.charge_id.startswith("ch_")
    assert stripe_api.retrieve_payment_intent(intent.id).status == "succeeded"


def test_declined_card_then_good_card_on_the_same_intent():
    intent = new_intent()
    with pytest.raises(stripe_api.PaymentError) as error:
        stripe_api.confirm_payment_intent(intent.id, payment_method_id=card(DECLINED))
    assert str(error.value) == "Your card was declined."
    assert error.value.code == "card_declined"
    assert stripe_api.retrieve_payment_intent(intent.id).status == "requires_payment_method"
    assert stripe_api.confirm_payment_intent(intent.id, payment_method_id=card(GOOD)).status == "succeeded"


def test_a_finished_intent_cannot_be_confirmed_again():
    intent = paid_intent()
    with pytest.raises(stripe_api.PaymentError) as error:
        stripe_api.confirm_payment_intent(intent.id, payment_method_id=card(GOOD))
    assert error.value.code == "payment_intent_unexpected_state"
    assert stripe_api.retrieve_payment_intent(intent.id).status == "succeeded"


@pytest.mark.parametrize(
    "details, code",
    [
        ({"number": "4242"}, "invalid_number"),
        ({"exp_month": 13}, "invalid_expiry_month"),
        ({"cvc": "12"}, "invalid_cvc"),
        ({"exp_year": 2018}, "invalid_expiry_year"),
    ],
)
def test_invalid_card_details(details, code):
    fields = {"number": GOOD, "exp_month": 12, "exp_year": 2034, "cvc": "123", **details}
    with pytest.raises(stripe_api.PaymentError) as error:
        stripe_api.create_card_payment_method(**fields)
    assert error.value.code == code
    assert str(error.value).startswith("Your card")


def test_three_d_secure_success():
    intent = new_intent()
    assert stripe_api.confirm_payment_intent(intent.id, payment_method_id=card(THREE_D_SECURE)).status == "requires_action"
    result = stripe_api.authenticate_3ds(intent.id, client_secret=intent.client_secret, success=True)
    assert result.status == "succeeded"
    assert stripe_api.retrieve_payment_intent(intent.id).status == "succeeded"


def test_three_d_secure_failure_then_another_card():
    intent = new_intent()
    assert stripe_api.confirm_payment_intent(intent.id, payment_method_id=card(THREE_D_SECURE)).status == "requires_action"
    result = stripe_api.authenticate_3ds(intent.id, success=False)  # client secret looked up
    assert result.status == "requires_payment_method"
    assert "failed authentication" in result.last_error
    assert stripe_api.confirm_payment_intent(intent.id, payment_method_id=card(GOOD)).status == "succeeded"


def test_authenticating_an_intent_without_a_challenge_is_a_payment_error():
    intent = new_intent()
    with pytest.raises(stripe_api.PaymentError):
        stripe_api.authenticate_3ds(intent.id, client_secret=intent.client_secret, success=True)
    with pytest.raises(stripe_api.PaymentError):
        stripe_api.authenticate_3ds(intent.id, client_secret="wrong", success=True)


def test_offline_helpers_refuse_to_run_against_the_real_stripe():
    with override_settings(STRIPE_API_BASE=""):
        with pytest.raises(RuntimeError):
            card(GOOD)
        with pytest.raises(RuntimeError):
            stripe_api.authenticate_3ds("pi_x", client_secret="pi_x_secret_y", success=True)
        with pytest.raises(RuntimeError):
            stripe_api.register_webhook(webhook_id="x", url="http://127.0.0.1:1/", secret=WEBHOOK_SECRET)


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


def test_list_payment_intents_filters_by_creation_time():
    intent = paid_intent(4321)
    listed = {pi.id: pi for pi in stripe_api.list_payment_intents(created_gte=intent.created)}
    assert listed[intent.id].status == "succeeded" and listed[intent.id].amount == 4321
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
    event = stripe_api.parse_webhook(body, stripe_api.sign_payload(body, WEBHOOK_SECRET))
    assert event == stripe_api.WebhookEvent(id="evt_1", type="payment_intent.succeeded", object={"id": "pi_1"})


def test_parse_webhook_accepts_any_of_several_signatures():
    body = event_body()
    good = stripe_api.sign_payload(body, WEBHOOK_SECRET, timestamp=int(time.time()))
    other = stripe_api.sign_payload(body, "whsec_old", timestamp=int(time.time()))
    header = other + "," + good.split(",")[1]  # t=..,v1=<old>,v1=<current>, as during secret rotation
    assert stripe_api.parse_webhook(body, header).id == "evt_1"


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "garbage",
        "t=notanumber,v1=abc",
        stripe_api.sign_payload(event_body(), "whsec_wrong"),
        stripe_api.sign_payload(event_body(), WEBHOOK_SECRET, timestamp=int(time.time()) - 3600),  # replayed
        stripe_api.sign_payload(event_body(id="evt_other"), WEBHOOK_SECRET),  # for another body
    ],
)
def test_parse_webhook_rejects_bad_signatures(header):
    with pytest.raises(stripe_api.WebhookSignatureError):
        stripe_api.parse_webhook(event_body(), header)


def test_parse_webhook_refuses_everything_without_a_secret():
    body = event_body()
    with override_settings(STRIPE_WEBHOOK_SECRET=""):
        with pytest.raises(stripe_api.WebhookSignatureError):
            stripe_api.parse_webhook(body, stripe_api.sign_payload(body, ""))


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
        stripe_api.parse_webhook(body, stripe_api.sign_payload(body, WEBHOOK_SECRET))


def test_localstripe_sends_signed_webhooks_that_parse_webhook_accepts(webhook_receiver):
    hook_id = f"test-stripe-api-{uuid.uuid4().hex[:8]}"
    stripe_api.register_webhook(
        webhook_id=hook_id, url=webhook_receiver.url, secret=WEBHOOK_SECRET, events=["payment_intent.succeeded"]
    )
    try:
        intent = paid_intent(4000)
        deliveries = [
            (headers, body)
            for headers, body in webhook_receiver.events("payment_intent.succeeded")
            if json.loads(body)["data"]["object"]["id"] == intent.id
        ]
    finally:
        stripe_api.register_webhook(webhook_id=hook_id, url=webhook_receiver.url, secret=WEBHOOK_SECRET, events=[])
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


def test_register_webhook_rejects_a_bad_url():
    with pytest.raises(stripe_api.PaymentError):
        stripe_api.register_webhook(webhook_id="bad", url="ftp://example.invalid/", secret=WEBHOOK_SECRET)


# Architecture


def test_only_the_payments_module_imports_stripe():
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    offenders = []
    for path in root.glob("*/**/*.py"):
        if any(part in (".venv", "tests", "node_modules") for part in path.parts) or path == root / "shop" / "stripe_api.py":
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            if any(n == "stripe" or n.startswith("stripe.") for n in names):
                offenders.append(str(path.relative_to(root)))
    assert offenders == []
