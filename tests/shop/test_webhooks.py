import random

import pytest
from django.core import mail

from shop.models import Order, Refund, StripeEvent
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
    assert order.payment_status == Order.PaymentStatus.PENDING


@pytest.mark.parametrize("body", [b"", b"not json", b"[]", b'{"id": "evt_1"}', b'{"id": 1, "type": 2, "data": {"object": []}}', b"\xff\xfe"])
def test_malformed_body_is_400(client, db, body):
    from tests.stripe_server import WEBHOOK_SECRET, sign_payload

    assert deliver(client, body, sign_payload(body, WEBHOOK_SECRET)).status_code == 400


def test_event_with_a_bad_object_is_400_and_changes_nothing(client, order):
    body, signature = signed_event("payment_intent.succeeded", {"id": order.payment_intent_id, "amount": "lots"})
    assert deliver(client, body, signature).status_code == 400
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PENDING


@pytest.mark.parametrize("event_id", ["evt_\u0000nul", "evt_" + "x" * 300, "evt with spaces", "evt_\u00e9"])
def test_an_event_id_stripe_would_not_send_is_400_and_changes_nothing(client, order, event_id):
    body, signature = signed_event("payment_intent.succeeded", intent_object(order), event_id=event_id)
    assert deliver(client, body, signature).status_code == 400
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PENDING and not StripeEvent.objects.exists()


@pytest.mark.parametrize("amount", [0.9, 0.0, "0", True])
def test_an_amount_that_is_not_whole_cents_is_400_and_changes_nothing(client, order, amount):
    """4795.9 would become 4795 through int(): an amount is whole cents or the event is refused."""
    wrong = order.total_cents + amount if isinstance(amount, float) else amount
    body, signature = signed_event("payment_intent.succeeded", intent_object(order, amount=wrong))
    assert deliver(client, body, signature).status_code == 400
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PENDING and not StripeEvent.objects.exists()


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
    assert order.payment_status == Order.PaymentStatus.PAID
    assert StripeEvent.objects.filter(event_id="evt_same").count() == 1
    assert len(mail.outbox) == 1


def test_wrong_amount_does_not_mark_paid(client, order):
    body, signature = signed_event("payment_intent.succeeded", intent_object(order, amount=100))
    assert deliver(client, body, signature).status_code == 200
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PENDING and order.needs_attention


def timeline(order):
    from wagtail.models import ModelLogEntry

    return list(ModelLogEntry.objects.for_instance(order).order_by("id"))


def test_payment_failed_keeps_order_open_with_the_message(client, order):
    obj = intent_object(order, status="requires_payment_method", last_payment_error={"message": "Your card was declined."})
    deliver(client, *signed_event("payment_intent.payment_failed", obj))
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.FAILED and order.status == Order.Status.OPEN
    assert order.last_payment_error == "Your card was declined." and order.awaits_payment


def test_every_payment_attempt_is_in_the_timeline(client, order, on_commit):
    """Stripe's shapes: a declined card, a failed 3-D Secure challenge, then success; each once."""
    declined = intent_object(order, status="requires_payment_method", last_payment_error={
        "type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds", "message": "Your card has insufficient funds."})
    three_ds = intent_object(order, status="requires_payment_method", last_payment_error={
        "type": "invalid_request_error", "code": "payment_intent_authentication_failure",
        "message": "The provided PaymentMethod has failed authentication."})
    events = [
        signed_event("payment_intent.payment_failed", declined, event_id="evt_declined"),
        signed_event("payment_intent.payment_failed", three_ds, event_id="evt_3ds"),
        signed_event("payment_intent.succeeded", intent_object(order), event_id="evt_paid"),
    ]
    for body, signature in events + events[:1]:  # the first again: a retry of the same event
        assert on_commit(lambda body=body, signature=signature: deliver(client, body, signature)).status_code == 200
    attempts = [(e.action, e.data.get("attempt")) for e in timeline(order) if e.action.startswith("shop.order.pa")]
    assert attempts == [
        ("shop.order.payment_failed", "declined (insufficient_funds)"),
        ("shop.order.payment_failed", "3-D Secure authentication failed"),
        ("shop.order.paid", "succeeded"),
    ]
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PAID and order.last_payment_error == ""
    page = client.get(order.get_absolute_url()).content.decode()
    assert "failed" not in page.lower()


def test_a_failure_reported_after_the_payment_is_recorded_but_leaves_it_paid(client, order, on_commit):
    on_commit(lambda: deliver(client, *signed_event("payment_intent.succeeded", intent_object(order))))
    failed = intent_object(order, status="requires_payment_method", last_payment_error={"code": "card_declined", "message": "declined"})
    deliver(client, *signed_event("payment_intent.payment_failed", failed))
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PAID and order.last_payment_error == ""
    assert timeline(order)[-1].action == "shop.order.payment_failed"


def test_dispute_flags_the_order(client, order, on_commit):
    on_commit(lambda: deliver(client, *signed_event("payment_intent.succeeded", intent_object(order))))
    deliver(client, *signed_event("charge.dispute.created", {"id": "dp_1", "object": "dispute", "charge": "ch_1", "payment_intent": order.payment_intent_id, "reason": "fraudulent"}))
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.DISPUTED and "fraudulent" in order.needs_attention


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
    assert states[orders[0].number].payment_status == Order.PaymentStatus.PARTIALLY_REFUNDED
    assert states[orders[0].number].amount_refunded_cents == 5000
    assert all(states[o.number].payment_status == Order.PaymentStatus.PAID for o in orders[1:])
    confirmations = [m for m in mail.outbox if "is confirmed" in m.subject]
    refunds = [m for m in mail.outbox if "refund of" in m.subject]
    recorded = Refund.objects.filter(order__number=orders[0].number)
    assert sum(r.amount_cents for r in recorded) == 5000  # one refund, or two if the smaller total came first
    assert len(confirmations) == 4 and len(refunds) == recorded.count()
    assert sorted(m.to[0] for m in confirmations) == ["shopper@example.com"] * 4


def test_full_refund_webhook_marks_refunded(client, order, on_commit):
    on_commit(lambda: deliver(client, *signed_event("payment_intent.succeeded", intent_object(order))))
    deliver(client, *signed_event("charge.refunded", charge_refunded(order, order.total_cents)))
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.REFUNDED and order.amount_refunded_cents == order.total_cents


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
