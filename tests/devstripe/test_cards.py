"""What Stripe.js does with a card, done by devstripe against a real localstripe: cards, confirming, 3-D Secure."""

from __future__ import annotations

import uuid

import pytest
import stripe
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from devstripe import cards
from devstripe.webhooks import register_webhook
from tests.stripe_server import WEBHOOK_SECRET

GOOD, DECLINED, THREE_D_SECURE = "4242424242424242", "4000000000000002", "4000002760003184"

pytestmark = pytest.mark.usefixtures("stripe_offline")


def card(number: str) -> str:
    return cards.create_card_payment_method(number=number, exp_month=12, exp_year=2034, cvc="123", postal_code="10001")


def new_intent(amount: int = 19595) -> stripe.PaymentIntent:
    params = {"amount": amount, "currency": "usd", "payment_method_types": ["card"], "metadata": {"order_number": "CR-CARDS"}}
    return cards.stripe_client().v1.payment_intents.create(params=params, options={"idempotency_key": f"cards-{uuid.uuid4()}"})


def status_of(intent_id: str) -> str:
    return cards.stripe_client().v1.payment_intents.retrieve(intent_id).status


def test_good_card_succeeds():
    intent = new_intent()
    result = cards.confirm_payment_intent(intent.id, payment_method_id=card(GOOD), return_url="http://127.0.0.1/orders/x/")
    assert (result.id, result.status, result.amount) == (intent.id, "succeeded", intent.amount)
    assert status_of(intent.id) == "succeeded"


def test_declined_card_then_good_card_on_the_same_intent():
    intent = new_intent()
    with pytest.raises(stripe.CardError) as error:
        cards.confirm_payment_intent(intent.id, payment_method_id=card(DECLINED))
    assert error.value.user_message == "Your card was declined."
    assert error.value.code == "card_declined"
    assert status_of(intent.id) == "requires_payment_method"
    assert cards.confirm_payment_intent(intent.id, payment_method_id=card(GOOD)).status == "succeeded"


def test_a_finished_intent_cannot_be_confirmed_again():
    intent = new_intent()
    cards.confirm_payment_intent(intent.id, payment_method_id=card(GOOD))
    with pytest.raises(stripe.InvalidRequestError) as error:
        cards.confirm_payment_intent(intent.id, payment_method_id=card(GOOD))
    assert error.value.code == "payment_intent_unexpected_state"
    assert "status of succeeded" in error.value.user_message
    assert status_of(intent.id) == "succeeded"


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
    with pytest.raises(stripe.CardError) as error:
        cards.create_card_payment_method(**fields)
    assert error.value.code == code
    assert error.value.user_message.startswith("Your card")


def test_three_d_secure_success():
    intent = new_intent()
    assert cards.confirm_payment_intent(intent.id, payment_method_id=card(THREE_D_SECURE)).status == "requires_action"
    result = cards.authenticate_3ds(intent.id, client_secret=intent.client_secret, success=True)
    assert result.status == "succeeded"
    assert status_of(intent.id) == "succeeded"


def test_three_d_secure_failure_then_another_card():
    intent = new_intent()
    assert cards.confirm_payment_intent(intent.id, payment_method_id=card(THREE_D_SECURE)).status == "requires_action"
    result = cards.authenticate_3ds(intent.id, success=False)  # client secret looked up
    assert result.status == "requires_payment_method"
    assert "failed authentication" in result.last_payment_error.message
    assert cards.confirm_payment_intent(intent.id, payment_method_id=card(GOOD)).status == "succeeded"


def test_authenticating_an_intent_without_a_challenge_is_a_stripe_error():
    intent = new_intent()
    with pytest.raises(stripe.StripeError):
        cards.authenticate_3ds(intent.id, client_secret=intent.client_secret, success=True)
    with pytest.raises(stripe.StripeError):
        cards.authenticate_3ds(intent.id, client_secret="wrong", success=True)


def test_nothing_is_sent_without_a_localstripe_address():
    with override_settings(STRIPE_API_BASE=""):
        with pytest.raises(ImproperlyConfigured):
            card(GOOD)
        with pytest.raises(ImproperlyConfigured):
            cards.authenticate_3ds("pi_x", client_secret="pi_x_secret_y", success=True)
        with pytest.raises(ImproperlyConfigured):
            register_webhook(webhook_id="x", url="http://127.0.0.1:1/", secret=WEBHOOK_SECRET)


def test_register_webhook_rejects_a_bad_url():
    with pytest.raises(stripe.InvalidRequestError):
        register_webhook(webhook_id="bad", url="ftp://example.invalid/", secret=WEBHOOK_SECRET)
