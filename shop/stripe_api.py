"""The only module that imports `stripe`: small functions returning frozen dataclasses.

Configuration is read from django.conf.settings on every call (so `override_settings` works):
STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_API_BASE. An empty STRIPE_API_BASE means the
real Stripe; anything else (e.g. "http://127.0.0.1:8420") means localstripe 1.15, the stateful fake
used in development and tests ("offline"). Stripe errors become PaymentError (its str() is Stripe's
message, fit for the shopper or staff), webhook problems WebhookSignatureError / WebhookPayloadError.

localstripe routes used. stripe-python 16 form-encodes `a[b]=c` / `a[0]=c`, which localstripe
unflattens; localstripe ignores the Stripe-Version header (2026-10-28.endive), accepts any `sk_...` key
as Bearer auth (`pk_...` only where Stripe.js posts it as `key`), and honours `expand[]`:
  POST /v1/payment_intents            amount, currency, payment_method_types, metadata
  GET  /v1/payment_intents[/<id>]     limit, starting_after only (no `created` filter)
  POST /v1/payment_intents/<id>       payment_method (how the card is set before confirming)
  POST /v1/payment_intents/<id>/confirm               no parameters at all
  POST /v1/payment_intents/<id>/_authenticate         client_secret, success=true|false (3-D Secure)
  POST /v1/payment_methods            type=card, card[number|exp_month|exp_year|cvc], billing_details
  POST /v1/customers, POST /v1/payment_methods/<id>/attach   customer
  POST /v1/refunds                    payment_intent, amount, metadata
  GET  /v1/refunds                    limit, starting_after (also charge, payment_intent; no created)
  POST /_config/webhooks/<id>         form fields url, secret, events[] (no auth; re-POST replaces)

localstripe quirks this module works around:
- Unknown parameters are rejected: 400 "Unexpected receipt_email" (also description, reason,
  return_url...). receipt_email and return_url are therefore sent to the real Stripe only.
- The Idempotency-Key header is ignored: repeating a create makes a second PaymentIntent / Refund.
  Offline, the key is stored in the object's metadata["idempotency_key"] and, under a process-wide
  lock, the existing objects are listed first and a match is returned (a key reused with different
  parameters raises PaymentError(code="idempotency_error"), as Stripe does). This does not protect
  against two processes racing; orders.start_payment additionally locks the order row.
- `confirm` with `payment_method` answers 500 "Not implemented"; the card is set by updating the
  intent first. Updating a finished intent is not refused, so the status is checked beforehand.
- Test card 4000 0000 0000 0002 is declined when it is attached to a customer, not when charged,
  so offline confirmation attaches the card to a new customer first (as Stripe.js would vault it):
  the decline surfaces from confirm_payment_intent and the intent stays `requires_payment_method`,
  usable for a second card. (No payment_intent.payment_failed event is sent for that decline.)
  Charge-time declines (4000 0000 0000 0341) leave a failed charge that localstripe never clears:
  such an intent cannot be confirmed again offline.
- 3-D Secure cards (4000 0027 6000 3184, ...) put the intent in `requires_action`; POST .../_authenticate
  with success=true charges it, success=false makes it `requires_payment_method` with
  last_payment_error "The provided PaymentMethod has failed authentication.".
- `latest_charge` comes back as a whole charge object (Stripe returns an id); both are handled.
- `created` filters are unsupported (400 on payment_intents, 500 on refunds) and listing refunds of
  an intent without a charge is a 500, so offline lists are fetched whole and filtered here.
- Refunds larger than the charge are accepted; callers must check the refundable balance.
- Webhooks (only payment_intent.succeeded / payment_failed, customer.*, ... never refunds or
  disputes) are sent once, about a second after the event, signed `t=<created>,v1=<hmac-sha256>`.
- CORS: every response echoes the request's Origin, but preflight OPTIONS requests get 401, so a
  browser can only make "simple" form POSTs with `key=pk_...`; our pages never call it directly.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import stripe
from django.conf import settings

SIGNATURE_TOLERANCE_SECONDS = 300
"""Webhooks signed longer ago than this are refused (replay protection, Stripe's default)."""

_IDEMPOTENCY_METADATA_KEY = "idempotency_key"
_offline_idempotency_lock = threading.Lock()


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


def _base() -> str:
    return getattr(settings, "STRIPE_API_BASE", "") or ""


def is_offline() -> bool:
    """True when STRIPE_API_BASE points at localstripe instead of the real Stripe."""
    return bool(_base())


def _require_offline(what: str) -> None:
    if not is_offline():
        raise RuntimeError(f"{what} only works against localstripe (set STRIPE_API_BASE).")


@functools.lru_cache(maxsize=8)
def _client_for(api_key: str, base: str) -> stripe.StripeClient:
    if base:
        # Retries would repeat non-idempotent creates on localstripe, which ignores Idempotency-Key.
        return stripe.StripeClient(api_key, base_addresses={"api": base.rstrip("/")}, max_network_retries=0)
    return stripe.StripeClient(api_key, max_network_retries=2)


def _client() -> stripe.StripeClient:
    api_key = getattr(settings, "STRIPE_SECRET_KEY", "") or ""
    if not api_key:
        raise PaymentError("Payments are not available right now.", code="not_configured")
    return _client_for(api_key, _base())


def _error(exc: stripe.StripeError) -> PaymentError:
    """Our exception for a Stripe one, keeping Stripe's user-facing message where it has one."""
    if isinstance(exc, stripe.APIConnectionError):
        return PaymentError("The payment service could not be reached. Please try again.", code="connection_error")
    if isinstance(exc, stripe.RateLimitError):
        return PaymentError("The payment service is busy. Please try again in a moment.", code=exc.code or "rate_limit")
    if isinstance(exc, (stripe.AuthenticationError, stripe.PermissionError)):
        return PaymentError("The payment service refused our credentials.", code=exc.code or "authentication_error")
    message = exc.user_message or "The payment service refused the request."
    return PaymentError(message, code=exc.code, decline_code=getattr(exc, "decline_code", None))


def _as_dict(obj: Any) -> dict[str, Any]:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(obj)


def _id(value: Any) -> str:
    """An object's id whether Stripe sent the id itself or the expanded object."""
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


def _idempotency_error(key: str) -> PaymentError:
    return PaymentError(
        f"Keys for idempotent requests can only be used with the same parameters they were first used with. "
        f"Try using a key other than '{key}' if you meant to execute a different request.",
        code="idempotency_error",
    )


# PaymentIntents


def create_payment_intent(
    *, amount: int, currency: str, order_number: str, idempotency_key: str, receipt_email: str | None = None
) -> PaymentIntentInfo:
    """A card PaymentIntent for exactly `amount` (smallest currency unit) tagged with the order number.

    Repeating the call with the same idempotency key returns the same PaymentIntent, on Stripe through
    the Idempotency-Key header and on localstripe through metadata (see the module docstring).
    `receipt_email` is only sent to the real Stripe.
    """
    params: dict[str, Any] = {
        "amount": amount,
        "currency": currency.lower(),
        "payment_method_types": ["card"],
        "metadata": {"order_number": order_number},
    }
    client = _client()
    try:
        if not is_offline():
            if receipt_email:
                params["receipt_email"] = receipt_email
            return _intent(client.v1.payment_intents.create(params=params, options={"idempotency_key": idempotency_key}))
        params["metadata"][_IDEMPOTENCY_METADATA_KEY] = idempotency_key
        with _offline_idempotency_lock:
            for pi in _all(client.v1.payment_intents.list(params={"limit": 100})):
                if (pi.get("metadata") or {}).get(_IDEMPOTENCY_METADATA_KEY) == idempotency_key:
                    found = _intent(pi)
                    if (found.amount, found.currency, found.order_number) != (amount, currency.lower(), order_number):
                        raise _idempotency_error(idempotency_key)
                    return found
            return _intent(client.v1.payment_intents.create(params=params))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def retrieve_payment_intent(intent_id: str) -> PaymentIntentInfo:
    """The PaymentIntent's current state; an unknown id is a PaymentError."""
    try:
        return _intent(_client().v1.payment_intents.retrieve(intent_id))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def list_payment_intents(*, created_gte: int) -> list[PaymentIntentInfo]:
    """PaymentIntents created at or after the Unix time `created_gte`, newest first."""
    params: dict[str, Any] = {"limit": 100}
    if not is_offline():
        params["created"] = {"gte": created_gte}
    try:
        intents = [_intent(pi) for pi in _all(_client().v1.payment_intents.list(params=params))]
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    return sorted((pi for pi in intents if pi.created >= created_gte), key=lambda pi: pi.created, reverse=True)


# Refunds


def refund(*, payment_intent_id: str, amount: int, idempotency_key: str) -> RefundInfo:
    """Refund `amount` of the intent's charge; the same idempotency key returns the same refund.

    Neither Stripe's partial-refund arithmetic nor localstripe (which accepts any amount) is relied
    upon: callers check the refundable balance first.
    """
    params: dict[str, Any] = {"payment_intent": payment_intent_id, "amount": amount}
    client = _client()
    try:
        if not is_offline():
            return _refund(client.v1.refunds.create(params=params, options={"idempotency_key": idempotency_key}))
        params["metadata"] = {_IDEMPOTENCY_METADATA_KEY: idempotency_key}
        with _offline_idempotency_lock:
            for found in _all(client.v1.refunds.list(params={"limit": 100})):
                if (found.get("metadata") or {}).get(_IDEMPOTENCY_METADATA_KEY) == idempotency_key:
                    info = _refund(found)
                    if (info.payment_intent_id, info.amount) != (payment_intent_id, amount):
                        raise _idempotency_error(idempotency_key)
                    return info
            return _refund(client.v1.refunds.create(params=params))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def list_refunds(*, created_gte: int | None = None, payment_intent_id: str | None = None) -> list[RefundInfo]:
    """Refunds, newest first: all of them, those created at or after `created_gte`, and/or one intent's."""
    params: dict[str, Any] = {"limit": 100}
    if not is_offline():
        if created_gte is not None:
            params["created"] = {"gte": created_gte}
        if payment_intent_id:
            params["payment_intent"] = payment_intent_id
    try:
        refunds = [_refund(r) for r in _all(_client().v1.refunds.list(params=params))]
    except stripe.StripeError as exc:
        raise _error(exc) from exc
    refunds = [
        r
        for r in refunds
        if (created_gte is None or r.created >= created_gte)
        and (not payment_intent_id or r.payment_intent_id == payment_intent_id)
    ]
    return sorted(refunds, key=lambda r: r.created, reverse=True)


# Offline only: used by shop/offline_stripe.py behind the Stripe.js stand-in, against localstripe.


def create_card_payment_method(
    *, number: str, exp_month: int, exp_year: int, cvc: str, postal_code: str | None = None
) -> str:
    """Create a card PaymentMethod from raw card details and return its id (localstripe only).

    Obviously invalid details raise PaymentError with Stripe.js-like messages and codes. Declines
    happen later, in confirm_payment_intent.
    """
    _require_offline("create_card_payment_method")
    number = number.replace(" ", "")
    if not (number.isdigit() and len(number) == 16):  # localstripe only takes 16-digit numbers
        raise PaymentError("Your card number is invalid.", code="invalid_number")
    if not 1 <= exp_month <= 12:
        raise PaymentError("Your card's expiration month is invalid.", code="invalid_expiry_month")
    if not (cvc.isdigit() and len(cvc) == 3):
        raise PaymentError("Your card's security code is invalid.", code="invalid_cvc")
    params: dict[str, Any] = {
        "type": "card",
        "card": {"number": number, "exp_month": exp_month, "exp_year": exp_year, "cvc": cvc},
    }
    if postal_code:
        params["billing_details"] = {"address": {"postal_code": postal_code}}
    try:
        return _client().v1.payment_methods.create(params=params).id
    except stripe.InvalidRequestError as exc:
        if exc.code == "invalid_expiry_year":
            raise PaymentError("Your card's expiration year is invalid.", code="invalid_expiry_year") from exc
        raise PaymentError("Your card details are incomplete or invalid.", code="invalid_card") from exc
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def confirm_payment_intent(intent_id: str, *, payment_method_id: str, return_url: str | None = None) -> PaymentIntentInfo:
    """Confirm the intent with the card: `succeeded`, or `requires_action` for 3-D Secure cards.

    A declined card raises PaymentError with Stripe's message; the intent then stays
    `requires_payment_method` and can be confirmed again with another card. On localstripe the card
    is first attached to a new customer (that is where it declines) and then set on the intent;
    `return_url` is only sent to the real Stripe.
    """
    client = _client()
    try:
        if not is_offline():
            params: dict[str, Any] = {"payment_method": payment_method_id}
            if return_url:
                params["return_url"] = return_url
            return _intent(client.v1.payment_intents.confirm(intent_id, params=params))
        current = _intent(client.v1.payment_intents.retrieve(intent_id))
        if current.status not in ("requires_payment_method", "requires_confirmation"):
            raise PaymentError(
                f"This payment cannot be confirmed because it is {current.status.replace('_', ' ')}.",
                code="payment_intent_unexpected_state",
            )
        customer = client.v1.customers.create()
        client.v1.payment_methods.attach(payment_method_id, params={"customer": customer.id})
        client.v1.payment_intents.update(intent_id, params={"payment_method": payment_method_id})
        return _intent(client.v1.payment_intents.confirm(intent_id))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def authenticate_3ds(intent_id: str, *, success: bool, client_secret: str | None = None) -> PaymentIntentInfo:
    """Complete (success=True) or fail localstripe's 3-D Secure challenge of a `requires_action` intent.

    Success charges the card (`succeeded`); failure leaves `requires_payment_method` with the
    authentication failure as last_error. The client secret is looked up when not given.
    """
    _require_offline("authenticate_3ds")
    client = _client()
    try:
        if client_secret is None:
            client_secret = _intent(client.v1.payment_intents.retrieve(intent_id)).client_secret
        response = client.raw_request(
            "post",
            f"/v1/payment_intents/{urllib.parse.quote(intent_id)}/_authenticate",
            client_secret=client_secret,
            success="true" if success else "false",
        )
        return _intent(client.deserialize(response, api_mode="V1"))
    except stripe.StripeError as exc:
        raise _error(exc) from exc


def register_webhook(*, webhook_id: str, url: str, secret: str, events: list[str] | None = None) -> None:
    """Make localstripe POST signed events to `url` (localstripe only).

    Registering the same `webhook_id` again replaces it. `events=None` means every event type;
    `events=[]` means none (localstripe has no way to delete a registration).
    """
    _require_offline("register_webhook")
    fields = [("url", url), ("secret", secret)]
    if events is not None:
        fields += [("events[]", event) for event in events] or [("events[]", "")]
    request = urllib.request.Request(
        f"{_base().rstrip('/')}/_config/webhooks/{urllib.parse.quote(webhook_id, safe='')}",
        data=urllib.parse.urlencode(fields).encode(),
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10):
            pass
    except urllib.error.HTTPError as exc:
        raise PaymentError(f"localstripe refused the webhook registration ({exc.code}).", code="bad_request") from exc
    except OSError as exc:
        raise PaymentError("The payment service could not be reached. Please try again.", code="connection_error") from exc


# Webhooks


def sign_payload(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A valid Stripe-Signature header value for `payload` (scheme v1: HMAC-SHA256 of "<t>.<body>")."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


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
    return WebhookEvent(id=event_id, type=event_type, object=obj)
