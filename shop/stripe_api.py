"""The only module that imports `stripe`: small functions returning frozen dataclasses.

Online it talks to Stripe; offline (make run without keys, and the tests) the same calls go to
localstripe through STRIPE_API_BASE. Quirks of localstripe 1.15 this module respects:
- it rejects parameters it does not know (so no `receipt_email`, no `automatic_payment_methods`);
- it ignores Idempotency-Key, so callers also guard against double creation (orders.start_payment
  locks the order row while it creates the PaymentIntent);
- `confirm` does not accept `payment_method`: set it with an update first, then confirm;
- test card 4000 0000 0000 0002 is declined when it is attached to a customer (not when charged),
  so the offline confirm attaches the card to a customer first, as Stripe.js would vault it;
- 3-D Secure is completed by POST /v1/payment_intents/<id>/_authenticate with client_secret and success;
- webhooks are registered with POST /_config/webhooks/<id> (url, secret, events[]) and are sent once,
  signed as Stripe does (t=<ts>,v1=<hmac-sha256>), about a second after the event.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import Any

import stripe
from django.conf import settings

SIGNATURE_TOLERANCE_SECONDS = 300


class PaymentError(Exception):
    """Stripe refused or could not be reached; str() is a message fit for the shopper or staff."""

    def __init__(self, message: str, code: str | None = None, decline_code: str | None = None):
        super().__init__(message)
        self.code = code
        self.decline_code = decline_code


class WebhookSignatureError(Exception):
    """The Stripe-Signature header is missing or does not match the payload."""


class WebhookPayloadError(Exception):
    """The webhook body is not a Stripe event."""


@dataclass(frozen=True)
class PaymentIntentInfo:
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
    id: str
    amount: int
    currency: str
    status: str
    payment_intent_id: str
    charge_id: str
    created: int


@dataclass(frozen=True)
class WebhookEvent:
    id: str
    type: str
    object: dict


def _client() -> stripe.StripeClient:
    base = settings.STRIPE_API_BASE or None
    kwargs: dict[str, Any] = {"max_network_retries": 0 if base else 2}
    if base:
        kwargs["base_addresses"] = {"api": base}
    return stripe.StripeClient(settings.STRIPE_SECRET_KEY, **kwargs)


def _error(exc: stripe.StripeError) -> PaymentError:
    if isinstance(exc, stripe.APIConnectionError):
        return PaymentError("The payment service could not be reached. Please try again.")
    message = getattr(exc, "user_message", None) or str(exc) or "The payment service refused the request."
    return PaymentError(message, code=getattr(exc, "code", None), decline_code=getattr(exc, "decline_code", None))


def _id(value) -> str:
    if not value:
        return ""
    return value if isinstance(value, str) else value.get("id", "")


def _intent(obj) -> PaymentIntentInfo:
    pi = obj.to_dict()
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


def _refund(obj) -> RefundInfo:
    refund = obj.to_dict()
    return RefundInfo(
        id=refund["id"],
        amount=int(refund["amount"]),
        currency=str(refund["currency"]).lower(),
        status=refund.get("status") or "",
        payment_intent_id=_id(refund.get("payment_intent")),
        charge_id=_id(refund.get("charge")),
        created=int(refund.get("created") or 0),
    )


def create_payment_intent(
    *, amount: int, currency: str, order_number: str, idempotency_key: str
) -> PaymentIntentInfo:
    """A card PaymentIntent for exactly `amount`; the same idempotency key returns the same intent on Stripe."""
    try:
        pi = _client().v1.payment_intents.create(
            params={
                "amount": amount,
                "currency": currency,
                "payment_method_types": ["card"],
                "metadata": {"order_number": order_number},
            },
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return _intent(pi)


def retrieve_payment_intent(intent_id: str) -> PaymentIntentInfo:
    try:
        return _intent(_client().v1.payment_intents.retrieve(intent_id))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def refund(*, payment_intent_id: str, amount: int, idempotency_key: str) -> RefundInfo:
    """Refund `amount` cents of the intent's charge. Callers check the refundable balance first."""
    try:
        result = _client().v1.refunds.create(
            params={"payment_intent": payment_intent_id, "amount": amount},
            options={"idempotency_key": idempotency_key},
        )
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return _refund(result)


def list_payment_intents(*, created_gte: int) -> list[PaymentIntentInfo]:
    """PaymentIntents created at or after `created_gte` (filtered here too: localstripe ignores filters)."""
    try:
        found = _client().v1.payment_intents.list(params={"limit": 100})
        intents = [_intent(pi) for pi in found.auto_paging_iter()]
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return [pi for pi in intents if pi.created >= created_gte]


def list_refunds(*, payment_intent_id: str | None = None) -> list[RefundInfo]:
    """Refunds of one PaymentIntent, or all recent ones."""
    params: dict[str, Any] = {"limit": 100}
    if payment_intent_id:
        params["payment_intent"] = payment_intent_id
    try:
        found = _client().v1.refunds.list(params=params)
        return [_refund(r) for r in found.auto_paging_iter()]
    except stripe.StripeError as exc:
        raise _error(exc) from exc


# Offline only: used by shop/offline_stripe.py behind the Stripe.js stand-in, against localstripe.


def create_card_payment_method(
    *, number: str, exp_month: int, exp_year: int, cvc: str, postal_code: str | None = None
) -> str:
    """Create a card PaymentMethod and attach it to a new customer (declined cards fail here)."""
    params: dict[str, Any] = {
        "type": "card",
        "card": {"number": number, "exp_month": exp_month, "exp_year": exp_year, "cvc": cvc},
    }
    if postal_code:
        params["billing_details"] = {"address": {"postal_code": postal_code}}
    client = _client()
    try:
        method = client.v1.payment_methods.create(params=params)
        customer = client.v1.customers.create()
        client.v1.payment_methods.attach(method.id, params={"customer": customer.id})
    except stripe.InvalidRequestError as exc:
        raise PaymentError("Your card details are incomplete or invalid.", code="invalid_card") from exc
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return method.id


def confirm_payment_intent(intent_id: str, *, payment_method_id: str) -> PaymentIntentInfo:
    client = _client()
    try:
        client.v1.payment_intents.update(intent_id, params={"payment_method": payment_method_id})
        return _intent(client.v1.payment_intents.confirm(intent_id))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def authenticate_3ds(intent_id: str, *, client_secret: str, success: bool) -> PaymentIntentInfo:
    """Complete (or fail) localstripe's 3-D Secure step."""
    try:
        _client().raw_request(
            "post",
            f"/v1/payment_intents/{intent_id}/_authenticate",
            client_secret=client_secret,
            success="true" if success else "false",
        )
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return retrieve_payment_intent(intent_id)


def register_webhook(*, webhook_id: str, url: str, secret: str, events: list[str] | None = None) -> None:
    """Tell localstripe where to send signed events."""
    fields = [("url", url), ("secret", secret)]
    fields += [(f"events[{i}]", event) for i, event in enumerate(events or [])]
    request = urllib.request.Request(
        f"{settings.STRIPE_API_BASE}/_config/webhooks/{webhook_id}",
        data=urllib.parse.urlencode(fields).encode(),
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=5):
            pass
    except OSError as exc:
        raise PaymentError(f"localstripe refused the webhook registration: {exc}") from exc


# Webhooks


def sign_payload(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A valid Stripe-Signature header value for `payload` (scheme v1, HMAC-SHA256)."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = f"{timestamp}.".encode() + payload
    return f"t={timestamp},v1={hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()}"


def parse_webhook(payload: bytes, sig_header: str | None) -> WebhookEvent:
    """Verify the signature with STRIPE_WEBHOOK_SECRET and return the event's id, type and object."""
    if not sig_header:
        raise WebhookSignatureError("Missing Stripe-Signature header.")
    try:
        stripe.WebhookSignature.verify_header(
            payload.decode("utf-8"), sig_header, settings.STRIPE_WEBHOOK_SECRET, SIGNATURE_TOLERANCE_SECONDS
        )
    except stripe.SignatureVerificationError as exc:
        raise WebhookSignatureError(str(exc)) from exc
    except UnicodeDecodeError as exc:
        raise WebhookPayloadError("Body is not UTF-8.") from exc
    try:
        data = json.loads(payload)
        event_id, event_type, obj = data["id"], data["type"], data["data"]["object"]
    except (ValueError, KeyError, TypeError) as exc:
        raise WebhookPayloadError("Body is not a Stripe event.") from exc
    if not (isinstance(event_id, str) and isinstance(event_type, str) and isinstance(obj, dict)):
        raise WebhookPayloadError("Body is not a Stripe event.")
    return WebhookEvent(id=event_id, type=event_type, object=obj)
