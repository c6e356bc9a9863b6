"""The exact requests production sends to Stripe, call by call, recorded by an HTTP client of our own.

shop.payments.stripe_api has one code path; STRIPE_HTTP_CLIENT only chooses the stripe.HTTPClient that
carries its requests. Here it is RecordingHTTPClient, which keeps each request (method, URL,
headers, body) and answers with canned Stripe JSON, so nothing leaves the process and what is
checked is what api.stripe.com would receive. Every function of shop.payments.stripe_api that calls Stripe
is covered (test_every_stripe_call_is_covered keeps it so).
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
import stripe
from django.test import override_settings

from shop.payments import stripe_api

SECRET_KEY = "sk_test_recorded_requests"


@dataclass
class Recorded:
    method: str
    url: str
    headers: dict[str, str]
    body: str | None

    @property
    def path(self) -> str:
        return urlsplit(self.url).path

    @property
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(urlsplit(self.url).query, keep_blank_values=True)

    @property
    def form(self) -> list[tuple[str, str]]:
        return parse_qsl(self.body or "", keep_blank_values=True)


class RecordingHTTPClient(stripe.HTTPClient):
    """Records every request and answers with the next canned (status, JSON) from `answers`."""

    name = "recording"
    requests: list[Recorded] = []  # noqa: RUF012  (shared: shop.payments.stripe_api makes and caches the instance)
    answers: list[tuple[int, Any]] = []  # noqa: RUF012

    def request(self, method: str, url: str, headers: Mapping[str, str] | None, post_data: Any = None, **_: Any):
        body = post_data.decode() if isinstance(post_data, bytes) else post_data
        RecordingHTTPClient.requests.append(Recorded(method, url, dict(headers or {}), body))
        status, answer = RecordingHTTPClient.answers.pop(0)
        return json.dumps(answer), status, {"request-id": f"req_{len(RecordingHTTPClient.requests)}"}

    def close(self) -> None:
        pass


@pytest.fixture
def recorder() -> Iterator[type[RecordingHTTPClient]]:
    RecordingHTTPClient.requests.clear()
    RecordingHTTPClient.answers.clear()
    with override_settings(
        STRIPE_HTTP_CLIENT=f"{__name__}.RecordingHTTPClient", STRIPE_SECRET_KEY=SECRET_KEY, STRIPE_API_BASE=""
    ):
        yield RecordingHTTPClient
    assert RecordingHTTPClient.answers == [], "a canned answer was not asked for"


def intent_json(intent_id: str = "pi_1", **fields: Any) -> dict[str, Any]:
    return {
        "id": intent_id, "object": "payment_intent", "amount": 22090, "currency": "usd", "status": "requires_payment_method",
        "client_secret": f"{intent_id}_secret_abc", "metadata": {"order_number": "CR-1001"}, "last_payment_error": None,
        "latest_charge": None, "created": 1_800_000_000, **fields,
    }


def refund_json(refund_id: str = "re_1", **fields: Any) -> dict[str, Any]:
    return {
        "id": refund_id, "object": "refund", "amount": 500, "currency": "usd", "status": "succeeded",
        "payment_intent": "pi_1", "charge": "ch_1", "created": 1_800_000_100, **fields,
    }


def page(url: str, *items: dict[str, Any], has_more: bool = False) -> dict[str, Any]:
    return {"object": "list", "url": url, "has_more": has_more, "data": list(items)}


def assert_sent_like_production(request: Recorded, method: str, path: str) -> None:
    """What every request carries: Stripe's address, our key, stripe's pinned API version."""
    assert (request.method, request.url.split("?")[0]) == (method, f"https://api.stripe.com{path}")
    assert request.headers["Authorization"] == f"Bearer {SECRET_KEY}"
    assert request.headers["Stripe-Version"] == stripe.api_version
    assert request.headers["Stripe-Version"].count("-") == 2 and "." in request.headers["Stripe-Version"]  # e.g. 2026-10-28.endive
    if method == "post":
        assert request.headers["Content-Type"] == "application/x-www-form-urlencoded"
    else:
        assert request.body is None and "Idempotency-Key" not in request.headers


def test_create_payment_intent(recorder):
    recorder.answers += [(200, intent_json())]
    intent = stripe_api.create_payment_intent(
        amount=22090, currency="USD", order_number="CR-1001", idempotency_key="order-CR-1001-payment-intent"
    )
    (request,) = recorder.requests
    assert_sent_like_production(request, "post", "/v1/payment_intents")
    assert request.headers["Idempotency-Key"] == "order-CR-1001-payment-intent"
    assert request.form == [
        ("amount", "22090"), ("currency", "usd"), ("payment_method_types[0]", "card"), ("metadata[order_number]", "CR-1001"),
    ]
    assert request.query == []
    assert (intent.id, intent.client_secret, intent.amount, intent.order_number) == ("pi_1", "pi_1_secret_abc", 22090, "CR-1001")


def test_create_payment_intent_with_a_receipt_email(recorder):
    recorder.answers += [(200, intent_json())]
    stripe_api.create_payment_intent(
        amount=22090, currency="usd", order_number="CR-1001", idempotency_key="k-1", receipt_email="shopper@example.com"
    )
    (request,) = recorder.requests
    assert_sent_like_production(request, "post", "/v1/payment_intents")
    assert request.headers["Idempotency-Key"] == "k-1"
    assert ("receipt_email", "shopper@example.com") in request.form


def test_retrieve_payment_intent(recorder):
    recorder.answers += [(200, intent_json("pi_2", status="succeeded", latest_charge="ch_9"))]
    intent = stripe_api.retrieve_payment_intent("pi_2")
    (request,) = recorder.requests
    assert_sent_like_production(request, "get", "/v1/payment_intents/pi_2")
    assert request.query == []
    assert (intent.status, intent.charge_id) == ("succeeded", "ch_9")


def test_list_payment_intents_for_reconciliation(recorder):
    recorder.answers += [
        (200, page("/v1/payment_intents", intent_json("pi_3"), intent_json("pi_2"), has_more=True)),
        (200, page("/v1/payment_intents", intent_json("pi_1"))),
    ]
    intents = stripe_api.list_payment_intents(created_gte=1_799_740_800)
    first, second = recorder.requests
    for request in (first, second):
        assert_sent_like_production(request, "get", "/v1/payment_intents")
    assert first.query == [("limit", "100"), ("created[gte]", "1799740800")]
    assert sorted(second.query) == [("created[gte]", "1799740800"), ("limit", "100"), ("starting_after", "pi_2")]
    assert [pi.id for pi in intents] == ["pi_3", "pi_2", "pi_1"]


def test_refund(recorder):
    recorder.answers += [(200, refund_json())]
    result = stripe_api.refund(payment_intent_id="pi_1", amount=500, idempotency_key="order-CR-1001-refund-after-0-500")
    (request,) = recorder.requests
    assert_sent_like_production(request, "post", "/v1/refunds")
    assert request.headers["Idempotency-Key"] == "order-CR-1001-refund-after-0-500"
    assert request.form == [("payment_intent", "pi_1"), ("amount", "500")]
    assert (result.id, result.amount, result.payment_intent_id, result.charge_id) == ("re_1", 500, "pi_1", "ch_1")


@pytest.mark.parametrize(
    "kwargs, query",
    [
        ({}, [("limit", "100")]),  # reconciliation's call
        ({"created_gte": 1_799_740_800}, [("limit", "100"), ("created[gte]", "1799740800")]),
        ({"payment_intent_id": "pi_1"}, [("limit", "100"), ("payment_intent", "pi_1")]),
    ],
)
def test_list_refunds(recorder, kwargs, query):
    recorder.answers += [(200, page("/v1/refunds", refund_json()))]
    refunds = stripe_api.list_refunds(**kwargs)
    (request,) = recorder.requests
    assert_sent_like_production(request, "get", "/v1/refunds")
    assert request.query == query
    assert [r.id for r in refunds] == ["re_1"]


def test_a_card_error_keeps_stripes_message_and_codes(recorder):
    error = {"type": "card_error", "code": "card_declined", "decline_code": "insufficient_funds", "message": "Your card has insufficient funds."}
    recorder.answers += [(402, {"error": error})]
    with pytest.raises(stripe_api.PaymentError) as raised:
        stripe_api.retrieve_payment_intent("pi_1")
    assert (str(raised.value), raised.value.code) == ("Your card has insufficient funds.", "card_declined")
    assert len(recorder.requests) == 1  # a 402 is not retried


def test_a_reused_idempotency_key_is_a_payment_error(recorder):
    error = {"type": "idempotency_error", "message": "Keys for idempotent requests can only be used with the same parameters."}
    recorder.answers += [(400, {"error": error})]
    with pytest.raises(stripe_api.PaymentError) as raised:
        stripe_api.refund(payment_intent_id="pi_1", amount=501, idempotency_key="k-2")
    assert raised.value.code == "idempotency_error"


def test_a_server_error_is_retried_with_the_same_idempotency_key(recorder, monkeypatch):
    monkeypatch.setattr(RecordingHTTPClient, "_sleep_time_seconds", lambda self, num_retries: 0)
    recorder.answers += [(500, {"error": {"type": "api_error", "message": "Try again."}}), (200, intent_json())]
    stripe_api.create_payment_intent(amount=22090, currency="usd", order_number="CR-1001", idempotency_key="k-3")
    first, second = recorder.requests
    assert first.headers["Idempotency-Key"] == second.headers["Idempotency-Key"] == "k-3"
    assert first.form == second.form


def test_cancel_payment_intent(recorder):
    recorder.answers += [(200, intent_json("pi_4", status="canceled"))]
    intent = stripe_api.cancel_payment_intent("pi_4", idempotency_key="cancel-CR-1004")
    (request,) = recorder.requests
    assert_sent_like_production(request, "post", "/v1/payment_intents/pi_4/cancel")
    assert request.form == [("cancellation_reason", "abandoned")]
    assert request.headers["Idempotency-Key"] == "cancel-CR-1004"
    assert intent.status == "canceled"


def test_every_stripe_call_is_covered():
    """Each function of shop.payments.stripe_api that talks to Stripe has a test in this module."""
    calls = {
        name
        for name, function in inspect.getmembers(stripe_api, inspect.isfunction)
        if function.__module__ == stripe_api.__name__ and not name.startswith("_") and "_client()" in inspect.getsource(function)
    }
    assert calls == {
        "create_payment_intent", "retrieve_payment_intent", "cancel_payment_intent", "list_payment_intents", "refund",
        "list_refunds",
    }
    source = inspect.getsource(inspect.getmodule(test_every_stripe_call_is_covered))
    assert all(f"stripe_api.{name}(" in source for name in calls)
