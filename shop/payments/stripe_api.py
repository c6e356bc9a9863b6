"""The only shop module that imports `stripe`: small functions returning frozen dataclasses.

One code path for every environment. Configuration is read from django.conf.settings on every call
(so `override_settings` works): STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_HTTP_CLIENT, the
dotted path of a `stripe.HTTPClient` subclass that carries the requests. Empty (production) means
stripe's default client, to https://api.stripe.com; the dev and test settings name devstripe's,
which sends the same requests to localstripe and fills its gaps (devstripe/client.py). Which
requests go out is fixed by tests/shop/test_stripe_requests.py; each carries stripe's pinned API
version as Stripe-Version, and POSTs the Idempotency-Key given here:
  POST /v1/payment_intents        amount, currency, payment_method_types[0]=card,
                                  metadata[order_number], receipt_email (if given); Idempotency-Key
  GET  /v1/payment_intents/<id>
  GET  /v1/payment_intents        limit=100, created[gte]; further pages add starting_after
  POST /v1/refunds                payment_intent, amount; Idempotency-Key
  GET  /v1/refunds                limit=100, created[gte] and payment_intent (if given)
Stripe lists newest first. stripe retries network errors, 409s and 5xxs twice, with the same key.

Stripe errors become PaymentError (its str() is Stripe's message, fit for the shopper or staff),
webhook problems WebhookSignatureError / WebhookPayloadError.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import stripe
from django.conf import settings
from django.utils.module_loading import import_string

SIGNATURE_TOLERANCE_SECONDS = 300
"""Webhooks signed longer ago than this are refused (replay protection, Stripe's default)."""


class PaymentError(Exception):
    """Stripe refused or could not be reached; str() is a message fit for the shopper or staff."""

    def __init__(self, message: str, code: str | None = None, decline_code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.decline_code = decline_code


class WebhookSignatureError(Exception):
    """The Stripe-Signature header is missing, stale or does not match the payload."""


class WebhookPayloadError(Exception):
    """The (correctly signed) webhook body is not a Stripe event."""


@dataclass(frozen=True)
class PaymentIntentInfo:
    """What we use of a PaymentIntent. Empty strings stand for absent values."""

    id: str
    client_secret: str
    status: str
    amount: int
    currency: str
    order_number: str
    last_error: str
    charge_id: str
    created: int


@dataclass(frozen=True)
class RefundInfo:
    """What we use of a Refund."""

    id: str
    amount: int
    currency: str
    status: str
    payment_intent_id: str
    charge_id: str
    created: int


@dataclass(frozen=True)
class WebhookEvent:
    """A verified Stripe event: its id, type and `data.object`."""

    id: str
    type: str
    object: dict[str, Any]


# Configuration and plumbing


@functools.lru_cache(maxsize=8)
def _client_for(api_key: str, http_client: str) -> stripe.StripeClient:
    return stripe.StripeClient(
        api_key, http_client=import_string(http_client)() if http_client else None, max_network_retries=2
    )


def _client() -> stripe.StripeClient:
    api_key = getattr(settings, "STRIPE_SECRET_KEY", "") or ""
    if not api_key:
        raise PaymentError("Payments are not available right now.", code="not_configured")
    return _client_for(api_key, getattr(settings, "STRIPE_HTTP_CLIENT", "") or "")


def _error(exc: stripe.StripeError) -> PaymentError:
    """Our exception for a Stripe one, keeping Stripe's user-facing message where it has one."""
    if isinstance(exc, stripe.APIConnectionError):
        return PaymentError("The payment service could not be reached. Please try again.", code="connection_error")
    if isinstance(exc, stripe.RateLimitError):
        return PaymentError("The payment service is busy. Please try again in a moment.", code=exc.code or "rate_limit")
    if isinstance(exc, (stripe.AuthenticationError, stripe.PermissionError)):
        return PaymentError("The payment service refused our credentials.", code=exc.code or "authentication_error")
    message = exc.user_message or "The payment service refused the request."
    if isinstance(exc, stripe.IdempotencyError):  # stripe gives it no code
        return PaymentError(message, code="idempotency_error")
    return PaymentError(message, code=exc.code, decline_code=getattr(exc, "decline_code", None))


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _id(value: Any) -> str:
    """An expandable field's id, whether Stripe sent the id itself or the expanded object."""
    if not value:
        return ""
    return value if isinstance(value, str) else str(value.get("id") or "")


def _intent(obj: Any) -> PaymentIntentInfo:
    pi = _as_dict(obj)
    return PaymentIntentInfo(
        id=pi["id"],
        client_secret=pi.get("client_secret") or "",
        status=pi["status"],
        amount=int(pi["amount"]),
        currency=str(pi["currency"]).lower(),
        order_number=(pi.get("metadata") or {}).get("order_number", ""),
        last_error=(pi.get("last_payment_error") or {}).get("message") or "",
        charge_id=_id(pi.get("latest_charge")),
        created=int(pi.get("created") or 0),
    )


def _refund(obj: Any) -> RefundInfo:
    refund = _as_dict(obj)
    return RefundInfo(
        id=refund["id"],
        amount=int(refund["amount"]),
        currency=str(refund["currency"]).lower(),
        status=refund.get("status") or "",
        payment_intent_id=_id(refund.get("payment_intent")),
        charge_id=_id(refund.get("charge")),
        created=int(refund.get("created") or 0),
    )


def _all(pages: Any) -> Iterable[dict[str, Any]]:
    return (_as_dict(item) for item in pages.auto_paging_iter())


# PaymentIntents


def create_payment_intent(
    *, amount: int, currency: str, order_number: str, idempotency_key: str, receipt_email: str | None = None
) -> PaymentIntentInfo:
    """A card PaymentIntent for exactly `amount` (smallest currency unit) tagged with the order number.

    Repeating the call with the same idempotency key returns the same PaymentIntent (the key with
    other parameters is a PaymentError with code "idempotency_error"). Stripe e-mails its receipt to
    `receipt_email` when given.
    """
    params: dict[str, Any] = {
        "amount": amount,
        "currency": currency.lower(),
        "payment_method_types": ["card"],
        "metadata": {"order_number": order_number},
    }
    if receipt_email:
        params["receipt_email"] = receipt_email
    try:
        return _intent(_client().v1.payment_intents.create(params=params, options={"idempotency_key": idempotency_key}))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def retrieve_payment_intent(intent_id: str) -> PaymentIntentInfo:
    """The PaymentIntent's current state; an unknown id is a PaymentError."""
    try:
        return _intent(_client().v1.payment_intents.retrieve(intent_id))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def cancel_payment_intent(intent_id: str, *, idempotency_key: str) -> PaymentIntentInfo:
    """Cancel a PaymentIntent nobody will pay (its order was cancelled): a page left open can no longer
    take the money. One that succeeded meanwhile is a PaymentError (code "payment_intent_unexpected_state")."""
    try:
        return _intent(_client().v1.payment_intents.cancel(
            intent_id, params={"cancellation_reason": "abandoned"}, options={"idempotency_key": idempotency_key}
        ))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def list_payment_intents(*, created_gte: int) -> list[PaymentIntentInfo]:
    """PaymentIntents created at or after the Unix time `created_gte`, newest first."""
    params = {"limit": 100, "created": {"gte": created_gte}}
    try:
        return [_intent(pi) for pi in _all(_client().v1.payment_intents.list(params=params))]
    except stripe.StripeError as exc:
        raise _error(exc) from exc


# Refunds


def refund(*, payment_intent_id: str, amount: int, idempotency_key: str) -> RefundInfo:
    """Refund `amount` of the intent's charge; the same idempotency key returns the same refund.

    Stripe's partial-refund arithmetic is not relied upon (nor localstripe's, which accepts any
    amount): callers check the refundable balance first.
    """
    params = {"payment_intent": payment_intent_id, "amount": amount}
    try:
        return _refund(_client().v1.refunds.create(params=params, options={"idempotency_key": idempotency_key}))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def list_refunds(*, created_gte: int | None = None, payment_intent_id: str | None = None) -> list[RefundInfo]:
    """Refunds, newest first: all of them, those created at or after `created_gte`, and/or one intent's."""
    params: dict[str, Any] = {"limit": 100}
    if created_gte is not None:
        params["created"] = {"gte": created_gte}
    if payment_intent_id:
        params["payment_intent"] = payment_intent_id
    try:
        return [_refund(r) for r in _all(_client().v1.refunds.list(params=params))]
    except stripe.StripeError as exc:
        raise _error(exc) from exc


# Webhooks


EVENT_ID = re.compile(r"[A-Za-z0-9_]{1,255}")
EVENT_TYPE = re.compile(r"[a-z0-9_.]{1,100}")


def whole_cents(value) -> int:
    """An amount from Stripe: a whole number of cents (not a float, a string or a bool); else ValueError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError(f"Not an amount in whole cents: {value!r}")
    return value


def parse_webhook(payload: bytes, sig_header: str | None) -> WebhookEvent:
    """Verify the body against STRIPE_WEBHOOK_SECRET and return the event's id, type and object.

    A missing, wrong or older than SIGNATURE_TOLERANCE_SECONDS signature (or an empty secret setting)
    raises WebhookSignatureError; a signed body that is not a Stripe event raises WebhookPayloadError.
    """
    if not sig_header:
        raise WebhookSignatureError("Missing Stripe-Signature header.")
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WebhookPayloadError("Body is not UTF-8.") from exc
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "") or ""
    try:
        stripe.WebhookSignature.verify_header(text, sig_header, secret, SIGNATURE_TOLERANCE_SECONDS)
    except stripe.SignatureVerificationError as exc:
        raise WebhookSignatureError(str(exc)) from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise WebhookPayloadError("Body is not JSON.") from exc
    if not isinstance(data, Mapping):
        raise WebhookPayloadError("Body is not a Stripe event.")
    event_id, event_type = data.get("id"), data.get("type")
    body = data.get("data")
    obj = body.get("object") if isinstance(body, Mapping) else None
    if not (isinstance(event_id, str) and event_id and isinstance(event_type, str) and event_type and isinstance(obj, dict)):
        raise WebhookPayloadError("Body is not a Stripe event.")
    if not (EVENT_ID.fullmatch(event_id) and EVENT_TYPE.fullmatch(event_type)):  # NUL, spaces, 10 kB ids
        raise WebhookPayloadError("The event's id or type is not one Stripe sends.")
    return WebhookEvent(id=event_id, type=event_type, object=obj)
