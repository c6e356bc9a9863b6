import random

import pytest
from django.core import mail

from shop.models import Order, StripeEvent
from tests.stripe_server import signed_event


URL = "/stripe/webhook/"


def deliver(client, body, signature):
    return client.post(URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


def intent_object(order, **changes):
    obj = {
        "id": order.payment_intent_id or "pi_test_1",
        "object": "payment_intent",
        "amount": order.total_cents,
        "currency": "usd",
        "status": "succeeded",
        "metadata": {"order_number": order.number},
    }
    obj.update(changes)
    return obj


@pytest.fixture
def order(make_order):
    order = make_order()
    Order.objects.filter(pk=order.pk).update(payment_intent_id="pi_test_1")
    order.refresh_from_db()
    return order


@pytest.fixture
def on_commit(django_capture_on_commit_callbacks):
    def run(fn):
        with django_capture_on_commit_callbacks(execute=True):
            return fn()

    return run


def test_missing_or_wrong_signature_is_400(client, order):
    body, signature = signed_event("payment_intent.succeeded", intent_object(order))
    assert client.post(URL, data=body, content_type="application/json").status_code == 400
    assert deliver(client, body, signature.replace("v1=", "v1=0")).status_code == 400
    _, other = signed_event("payment_intent.succeeded", intent_object(order), secret="whsec_wrong")
    assert deliver(client, body, other).status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"id": "evt_1"}', b'{"id": 1, "type": 2, "data": {"object": []}}', b"\xff\xfe"])
def test_malformed_body_is_400(client, db, body):
    from tests.stripe_server import WEBHOOK_SECRET, sign_payload

    assert deliver(client, body, sign_payload(body, WEBHOOK_SECRET)).status_code == 400


def test_event_with_a_bad_object_is_400_and_changes_nothing(client, order):
    body, signature = signed_event("payment_intent.succeeded", {"id": order.payment_intent_id, "amount": "lots"})
    assert deliver(client, body, signature).status_code == 400
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_get_is_405(client, db):
    assert client.get(URL).status_code == 405


def test_unused_event_is_200(client, db):
    body, signature = signed_event("customer.created", {"id": "cus_1"})
    assert deliver(client, body, signature).status_code == 200


def test_succeeded_marks_paid_once_with_one_email(client, order, on_commit):
    body, signature = signed_event("payment_intent.succeeded", intent_object(order), event_id="evt_same")
    for _ in range(3):
        assert on_commit(lambda body=body, signature=signature: deliver(client, body, signature)).status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PAID
    assert StripeEvent.objects.filter(event_id="evt_same").count() == 1
    assert len(mail.outbox) == 1


def test_wrong_amount_does_not_mark_paid(client, order):
    body, signature = signed_event("payment_intent.succeeded", intent_object(order, amount=100))
    assert deliver(client, body, signature).status_code == 200
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT and order.needs_attention


def test_payment_failed_keeps_order_open_with_the_message(client, order):
    obj = intent_object(order, status="requires_payment_method", last_payment_error={"message": "Your card was declined."})
    deliver(client, *signed_event("payment_intent.payment_failed", obj))
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT and order.last_payment_error == "Your card was declined."


def test_dispute_flags_the_order(client, order, on_commit):
    on_commit(lambda: deliver(client, *signed_event("payment_intent.succeeded", intent_object(order))))
    deliver(client, *signed_event("charge.dispute.created", {"id": "dp_1", "object": "dispute", "charge": "ch_1", "payment_intent": order.payment_intent_id, "reason": "fraudulent"}))
    order.refresh_from_db()
    assert order.status == Order.Status.DISPUTED and "fraudulent" in order.needs_attention


def charge_refunded(order, amount):
    return {"id": "ch_1", "object": "charge", "payment_intent": order.payment_intent_id, "amount": order.total_cents, "amount_refunded": amount}


def test_duplicate_late_and_shuffled_events_converge(client, make_order, on_commit):
    """Many orders, events delivered 3 times in random order: the same end state as one clean delivery."""
    random.seed(7)
    orders = []
    for n in range(4):
        o = make_order(key=f"shuffle-{n}")
        Order.objects.filter(pk=o.pk).update(payment_intent_id=f"pi_shuffle_{n}")
        o.refresh_from_db()
        orders.append(o)
    events = []
    for n, o in enumerate(orders):
        events.append(signed_event("payment_intent.payment_failed", intent_object(o, status="requires_payment_method", last_payment_error={"message": "declined"}), event_id=f"evt_fail_{n}"))
        events.append(signed_event("payment_intent.succeeded", intent_object(o), event_id=f"evt_ok_{n}"))
    events.append(signed_event("charge.refunded", charge_refunded(orders[0], 5000), event_id="evt_ref_a"))
    events.append(signed_event("charge.refunded", charge_refunded(orders[0], 2000), event_id="evt_ref_b"))
    deliveries = events * 3
    random.shuffle(deliveries)
    for body, signature in deliveries:
        assert on_commit(lambda body=body, signature=signature: deliver(client, body, signature)).status_code == 200
    states = {o.number: o for o in Order.objects.all()}
    for o in orders:
        assert states[o.number].paid_at is not None
    assert states[orders[0].number].status == Order.Status.PARTIALLY_REFUNDED
    assert states[orders[0].number].amount_refunded_cents == 5000
    assert all(states[o.number].status == Order.Status.PAID for o in orders[1:])
    assert len(mail.outbox) == 4
    assert sorted(m.to[0] for m in mail.outbox) == ["shopper@example.com"] * 4


def test_full_refund_webhook_marks_refunded(client, order, on_commit):
    on_commit(lambda: deliver(client, *signed_event("payment_intent.succeeded", intent_object(order))))
    deliver(client, *signed_event("charge.refunded", charge_refunded(order, order.total_cents)))
    order.refresh_from_db()
    assert order.status == Order.Status.REFUNDED and order.amount_refunded_cents == order.total_cents


def test_localstripe_sends_a_signed_webhook_that_we_accept(stripe_offline, webhook_receiver, db):
    """A real event from localstripe: its signature verifies with our secret."""
    from devstripe import cards
    from devstripe.webhooks import register_webhook
    from shop.payments import stripe_api
    from tests.stripe_server import WEBHOOK_SECRET

    register_webhook(webhook_id="receiver", url=webhook_receiver.url, secret=WEBHOOK_SECRET, events=["payment_intent.succeeded"])
    intent = stripe_api.create_payment_intent(amount=4000, currency="usd", order_number="CR-HOOK", idempotency_key="hook-1")
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    received = webhook_receiver.events("payment_intent.succeeded", object_id=intent.id)
    assert received, "localstripe sent no webhook"
    headers, body = received[0]
    event = stripe_api.parse_webhook(body, headers["Stripe-Signature"])
    assert event.type == "payment_intent.succeeded" and event.object["amount"] == 4000
    register_webhook(webhook_id="receiver", url=webhook_receiver.url, secret="whsec_unused", events=["none"])
