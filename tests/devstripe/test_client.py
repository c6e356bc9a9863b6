"""devstripe's HTTP client fills localstripe's gaps with Stripe's own answers (real localstripe, no mocks)."""

from __future__ import annotations

import time
import uuid

import pytest
import stripe
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from devstripe import cards
from devstripe.client import LocalStripeHTTPClient
from tests.stripe_server import SECRET_KEY, free_port

pytestmark = pytest.mark.usefixtures("stripe_offline")


@pytest.fixture
def client() -> stripe.StripeClient:
    """Configured as the shop configures its client (retries on), with devstripe's HTTP client."""
    return stripe.StripeClient(SECRET_KEY, http_client=LocalStripeHTTPClient(), max_network_retries=2)


def create(client, amount=1000, key=None, **extra) -> stripe.PaymentIntent:
    params = {"amount": amount, "currency": "usd", "payment_method_types": ["card"], "metadata": {"order_number": "CR-DEV"}, **extra}
    return client.v1.payment_intents.create(params=params, options={"idempotency_key": key or f"dev-{uuid.uuid4()}"})


def paid(client, amount=1000) -> stripe.PaymentIntent:
    intent = create(client, amount)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    return cards.confirm_payment_intent(intent.id, payment_method_id=method)


def test_idempotency_key_returns_the_first_object_and_refuses_other_parameters(client):
    key = f"dev-{uuid.uuid4()}"
    first = create(client, 2000, key)
    assert create(client, 2000, key).id == first.id
    assert first.metadata["order_number"] == "CR-DEV"
    with pytest.raises(stripe.IdempotencyError) as error:
        create(client, 2001, key)
    assert key in error.value.user_message and error.value.http_status == 400

    intent = paid(client, 3000)
    refund_key = f"refund-{uuid.uuid4()}"
    refund = client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 500}, options={"idempotency_key": refund_key})
    again = client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 500}, options={"idempotency_key": refund_key})
    assert again.id == refund.id
    with pytest.raises(stripe.IdempotencyError):
        client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 600}, options={"idempotency_key": refund_key})


def test_parameters_localstripe_rejects_are_dropped(client):
    intent = create(client, receipt_email="shopper@example.com", description="Order CR-DEV")
    assert intent.status == "requires_payment_method"
    refund = client.v1.refunds.create(params={"payment_intent": paid(client).id, "amount": 100, "reason": "requested_by_customer"})
    assert refund.amount == 100


def test_created_filters_newest_first(client):
    before = create(client)
    time.sleep(1.1)  # localstripe's `created` counts seconds
    after = [create(client), create(client)]

    def listed(**created) -> list[str]:
        return [pi.id for pi in client.v1.payment_intents.list(params={"limit": 100, "created": created}).auto_paging_iter()]

    newer = listed(gte=after[0].created)
    assert newer[:2] == [after[1].id, after[0].id] and before.id not in newer
    assert before.id in listed(lte=before.created) and after[0].id not in listed(lte=before.created)
    assert before.id not in listed(gt=before.created) and after[0].id in listed(gt=before.created)
    assert before.id in listed(lt=after[0].created) and after[0].id not in listed(lt=after[0].created)
    exact = client.v1.payment_intents.list(params={"limit": 100, "created": before.created})
    assert before.id in [pi.id for pi in exact.auto_paging_iter()]
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.payment_intents.list(params={"created": {"since": 1}})


def test_lists_page_by_limit_and_starting_after(client):
    start = int(time.time())
    made = [create(client, 100 + n).id for n in range(5)]
    first = client.v1.payment_intents.list(params={"limit": 2, "created": {"gte": start}})
    assert [pi.id for pi in first.data] == made[:-3:-1] and first.has_more
    everything = [pi.id for pi in first.auto_paging_iter()]
    assert everything[:5] == made[::-1] and len(everything) == len(set(everything))
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.payment_intents.list(params={"limit": 101})
    with pytest.raises(stripe.InvalidRequestError):
        client.v1.payment_intents.list(params={"starting_after": "pi_unknown"})


def test_refunds_by_payment_intent_even_without_a_charge(client):
    unpaid = create(client)
    assert list(client.v1.refunds.list(params={"payment_intent": unpaid.id}).auto_paging_iter()) == []
    intent = paid(client, 2000)
    made = client.v1.refunds.create(params={"payment_intent": intent.id, "amount": 700})
    listed = client.v1.refunds.list(params={"payment_intent": intent.id, "created": {"gte": made.created}})
    assert [r.id for r in listed.data] == [made.id]


def test_confirming_with_a_card_and_its_errors(client):
    intent = create(client)
    declined = cards.create_card_payment_method(number="4000000000000002", exp_month=12, exp_year=2034, cvc="123")
    with pytest.raises(stripe.CardError) as error:
        client.v1.payment_intents.confirm(intent.id, params={"payment_method": declined, "return_url": "http://127.0.0.1/"})
    assert error.value.code == "card_declined" and error.value.http_status == 402
    good = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    assert client.v1.payment_intents.confirm(intent.id, params={"payment_method": good}).status == "succeeded"
    with pytest.raises(stripe.InvalidRequestError) as error:
        client.v1.payment_intents.confirm(intent.id, params={"payment_method": good})
    assert error.value.code == "payment_intent_unexpected_state"


def test_unreachable_localstripe_is_stripes_connection_error_without_retries(client):
    with override_settings(STRIPE_API_BASE=f"http://127.0.0.1:{free_port()}"):
        started = time.monotonic()
        with pytest.raises(stripe.APIConnectionError):
            client.v1.payment_intents.retrieve("pi_whatever")
    assert time.monotonic() - started < 0.5  # stripe would wait 0.5 s or more before a retry


def test_an_explicit_address_wins_and_none_is_refused(stripe_offline):
    with override_settings(STRIPE_API_BASE="http://127.0.0.1:9"):  # nothing listens there
        explicit = stripe.StripeClient(SECRET_KEY, http_client=LocalStripeHTTPClient(api_base=stripe_offline))
        assert create(explicit).status == "requires_payment_method"
    with override_settings(STRIPE_API_BASE=""), pytest.raises(ImproperlyConfigured):
        stripe.StripeClient(SECRET_KEY, http_client=LocalStripeHTTPClient()).v1.payment_intents.retrieve("pi_x")
