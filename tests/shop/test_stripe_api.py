"""The payments module against a real localstripe."""

import pytest

from shop import stripe_api

pytestmark = pytest.mark.usefixtures("stripe_offline")


def card(number):
    return stripe_api.create_card_payment_method(number=number, exp_month=12, exp_year=2034, cvc="123", postal_code="10001")


def new_intent(amount=19595, key=None):
    return stripe_api.create_payment_intent(amount=amount, currency="usd", order_number="CR-API", idempotency_key=key or f"k-{amount}-{id(object())}")


def test_intent_round_trip():
    intent = new_intent(12345)
    again = stripe_api.retrieve_payment_intent(intent.id)
    assert (again.amount, again.currency, again.order_number, again.status) == (12345, "usd", "CR-API", "requires_payment_method")
    assert intent.client_secret.startswith(intent.id + "_secret_")


def test_good_card_succeeds():
    intent = new_intent()
    assert stripe_api.confirm_payment_intent(intent.id, payment_method_id=card("4242424242424242")).status == "succeeded"


def test_declined_card_then_good_card_on_the_same_intent():
    intent = new_intent()
    with pytest.raises(stripe_api.PaymentError, match="declined"):
        card("4000000000000002")
    assert stripe_api.retrieve_payment_intent(intent.id).status == "requires_payment_method"
    assert stripe_api.confirm_payment_intent(intent.id, payment_method_id=card("4242424242424242")).status == "succeeded"


@pytest.mark.parametrize("success, status", [(True, "succeeded"), (False, "requires_payment_method")])
def test_three_d_secure(success, status):
    intent = new_intent()
    assert stripe_api.confirm_payment_intent(intent.id, payment_method_id=card("4000002760003184")).status == "requires_action"
    result = stripe_api.authenticate_3ds(intent.id, client_secret=intent.client_secret, success=success)
    assert result.status == status
    if not success:
        assert "authentication" in result.last_error


def test_partial_refund_and_listing():
    intent = new_intent(10000)
    stripe_api.confirm_payment_intent(intent.id, payment_method_id=card("4242424242424242"))
    refund = stripe_api.refund(payment_intent_id=intent.id, amount=2500, idempotency_key=f"refund-{intent.id}")
    assert (refund.amount, refund.status, refund.payment_intent_id) == (2500, "succeeded", intent.id)
    assert [r.amount for r in stripe_api.list_refunds(payment_intent_id=intent.id)] == [2500]
    assert intent.id in [pi.id for pi in stripe_api.list_payment_intents(created_gte=intent.created)]


def test_unknown_intent_is_a_payment_error():
    with pytest.raises(stripe_api.PaymentError):
        stripe_api.retrieve_payment_intent("pi_doesnotexist")


def test_sign_and_parse_webhook(settings):
    body = b'{"id": "evt_1", "type": "payment_intent.succeeded", "data": {"object": {"id": "pi_1"}}}'
    event = stripe_api.parse_webhook(body, stripe_api.sign_payload(body, settings.STRIPE_WEBHOOK_SECRET))
    assert (event.id, event.type, event.object) == ("evt_1", "payment_intent.succeeded", {"id": "pi_1"})
    with pytest.raises(stripe_api.WebhookSignatureError):
        stripe_api.parse_webhook(body, stripe_api.sign_payload(body, settings.STRIPE_WEBHOOK_SECRET, timestamp=1))
    with pytest.raises(stripe_api.WebhookSignatureError):
        stripe_api.parse_webhook(body, None)


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
