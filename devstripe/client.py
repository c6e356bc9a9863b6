"""`LocalStripeHTTPClient`: the stripe library's HTTP client for development and tests.

Named by the STRIPE_HTTP_CLIENT setting ("devstripe.client.LocalStripeHTTPClient"; dev and test
settings only, production refuses it), it receives the requests the shop builds for the real Stripe
and sends them to localstripe 1.15 at STRIPE_API_BASE instead of https://api.stripe.com (the setting
is read on every request, so `override_settings` works; an empty one is ImproperlyConfigured, so
nothing here ever reaches the real Stripe). On the way it fills localstripe's gaps, so that the
shop's one code path gets the answers Stripe would give:

- Idempotency-Key (localstripe ignores it): a POST /v1/payment_intents or /v1/refunds with the header
  stores the key, and a digest of the parameters, in the new object's metadata ("idempotency_key",
  "idempotency_digest"). Under a process-wide lock the existing objects are searched first: the same
  key returns the object made the first time; with other parameters it answers Stripe's 400
  idempotency_error. Two processes racing are not covered (the shop locks the order row anyway).
- Parameters localstripe rejects with 400 "Unexpected ...": receipt_email and description on a new
  PaymentIntent, return_url on confirm, reason on a refund and cancellation_reason on a cancel are
  dropped (nothing emulates them).
- Lists of PaymentIntents and refunds: localstripe answers `created` filters with 400 or 500, a
  refund list for an intent without a charge with 500, and lists oldest first. Every page is fetched
  and the list is answered Stripe's way: filtered by created (=, [gt], [gte], [lt], [lte]) and, for
  refunds, payment_intent; newest first; paged by limit (default 10) and starting_after.
- Confirming with a card: `confirm` with payment_method answers 500 "Not implemented" and a finished
  intent can still be updated. So the intent's status is checked first (Stripe's 400
  payment_intent_unexpected_state unless it needs a payment method or confirmation), the card is
  attached to a new customer (where test card 4000 0000 0000 0002 declines: Stripe's 402 card_error,
  the intent stays usable for another card), set on the intent, and the intent is confirmed.

Everything else goes through unchanged. Answers made here are Stripe's JSON error bodies, so the
stripe library raises its own exceptions (IdempotencyError, InvalidRequestError, CardError), and an
unreachable localstripe is stripe's APIConnectionError. Retries are off: localstripe runs on this
machine, and waiting would only slow down the tests of an unreachable Stripe.

localstripe routes used (stripe-python form-encodes `a[b]=c` / `a[0]=c`, which localstripe
unflattens; it ignores the Stripe-Version header, accepts any `sk_...` key as Bearer auth, honours
`expand[]`):
  POST /v1/payment_intents            amount, currency, payment_method_types, metadata
  GET  /v1/payment_intents[/<id>]     limit, starting_after only
  POST /v1/payment_intents/<id>       payment_method (how the card is set before confirming)
  POST /v1/payment_intents/<id>/confirm               no parameters at all
  POST /v1/payment_intents/<id>/_authenticate         client_secret, success (3-D Secure; devstripe.cards)
  POST /v1/payment_intents/<id>/cancel                no parameters
  POST /v1/payment_methods            type=card, card[...], billing_details (devstripe.cards)
  POST /v1/customers, POST /v1/payment_methods/<id>/attach   customer
  POST /v1/refunds                    payment_intent, amount, metadata
  GET  /v1/refunds                    limit, starting_after
Other localstripe behaviour worth knowing: charge-time declines (4000 0000 0000 0341) leave a failed
charge that is never cleared, so such an intent cannot be confirmed again; refunds larger than the
charge are accepted (callers check the refundable balance); `latest_charge` is a whole charge object
where Stripe sends an id.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections.abc import Mapping
from typing import Any, NoReturn
from urllib.parse import parse_qsl, quote, urlencode, urlsplit

import stripe
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

Pairs = list[tuple[str, str]]
Response = tuple[str, int, Mapping[str, str]]

IDEMPOTENCY_KEY = "idempotency_key"
IDEMPOTENCY_DIGEST = "idempotency_digest"

_COLLECTION = re.compile(r"/v1/(payment_intents|refunds)")
_CONFIRM = re.compile(r"/v1/payment_intents/([^/]+)/confirm")
_CANCEL = re.compile(r"/v1/payment_intents/([^/]+)/cancel")
_DROPPED = {
    "payment_intents": {"receipt_email", "description"},
    "refunds": {"reason"},
    "confirm": {"return_url"},
    "cancel": {"cancellation_reason"},
}
_LOCAL_FILTERS = {"payment_intents": (), "refunds": ("payment_intent",)}
_COMPARE = {"eq": int.__eq__, "gt": int.__gt__, "gte": int.__ge__, "lt": int.__lt__, "lte": int.__le__}
_CONFIRMABLE = ("requires_payment_method", "requires_confirmation")
_PAGE = 100  # localstripe's pages are as long as asked; Stripe's limit is at most 100

_idempotency_lock = threading.Lock()


class _Answer(Exception):
    """Stops handling a request: `response` is what the stripe library gets."""

    def __init__(self, response: Response) -> None:
        super().__init__(response[1])
        self.response = response


def _json_response(body: Any, status: int = 200) -> Response:
    return json.dumps(body), status, {"content-type": "application/json"}


def _stripe_error(status: int, message: str, *, type_: str = "invalid_request_error", code: str = "", param: str = "") -> NoReturn:
    error = {"type": type_, "message": message, **({"code": code} if code else {}), **({"param": param} if param else {})}
    raise _Answer(_json_response({"error": error}, status))


def _name(key: str) -> str:
    """The top-level parameter of a form field: "metadata" for "metadata[order_number]"."""
    return key.split("[", 1)[0]


def _id(value: Any) -> str:
    return value if isinstance(value, str) else str((value or {}).get("id") or "")


def _header(headers: Mapping[str, str] | None, name: str) -> str:
    return next((value for key, value in (headers or {}).items() if key.lower() == name.lower()), "")


class LocalStripeHTTPClient(stripe.HTTPClient):
    """Sends Stripe API requests to localstripe (see the module docstring for what it changes).

    `api_base` defaults to settings.STRIPE_API_BASE, read per request; `transport` (stripe's default
    HTTP client unless given) does the actual HTTP.
    """

    name = "devstripe"

    def __init__(self, api_base: str | None = None, transport: stripe.HTTPClient | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._api_base = api_base
        self._transport = transport or stripe.new_default_http_client()

    # stripe.HTTPClient's interface

    def request(self, method: str, url: str, headers: Mapping[str, str] | None, post_data: Any = None, **_: Any) -> Response:
        parts = urlsplit(url)
        path, query = parts.path, parse_qsl(parts.query, keep_blank_values=True)
        if isinstance(post_data, bytes):
            post_data = post_data.decode("utf-8")
        body = parse_qsl(post_data or "", keep_blank_values=True)
        headers = dict(headers or {})
        try:
            collection = _COLLECTION.fullmatch(path)
            confirm = _CONFIRM.fullmatch(path)
            if method == "post" and collection:
                return self._create(collection.group(1), headers, body)
            if method == "get" and collection:
                return self._list(collection.group(1), headers, query)
            if method == "post" and confirm:
                return self._confirm(confirm.group(1), headers, body)
            if method == "post" and _CANCEL.fullmatch(path):
                body = [(k, v) for k, v in body if _name(k) not in _DROPPED["cancel"]]
            return self._send(method, path, query, body if method == "post" else None, headers)
        except _Answer as answer:
            return answer.response

    def request_stream(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise NotImplementedError("devstripe does not stream: localstripe has nothing to stream.")

    def close(self) -> None:
        self._transport.close()

    def _should_retry(self, *args: Any, **kwargs: Any) -> bool:
        return False

    # Plumbing

    def _base(self) -> str:
        base = self._api_base if self._api_base is not None else getattr(settings, "STRIPE_API_BASE", "")
        if not base:
            raise ImproperlyConfigured("devstripe's LocalStripeHTTPClient needs STRIPE_API_BASE: the address of localstripe.")
        return base.rstrip("/")

    def _send(self, method: str, path: str, query: Pairs, body: Pairs | None, headers: Mapping[str, str]) -> Response:
        """One request to localstripe, answered as it comes (stripe's APIConnectionError if unreachable)."""
        url = self._base() + path + (f"?{urlencode(query)}" if query else "")
        content, status, rheaders = self._transport.request(method, url, headers, urlencode(body) if body is not None else None)
        if isinstance(content, bytes):
            content = content.decode("utf-8")
        return content, status, rheaders

    def _call(self, method: str, path: str, headers: Mapping[str, str], params: Pairs | None = None) -> dict[str, Any]:
        """A request made on the caller's behalf: its JSON, or its error passed on to the caller."""
        sub_headers = {k: v for k, v in headers.items() if k.lower() in ("authorization", "stripe-version", "user-agent")}
        if method == "post":
            sub_headers["Content-Type"] = "application/x-www-form-urlencoded"
        if method == "post":
            response = self._send(method, path, [], params or [], sub_headers)
        else:
            response = self._send(method, path, params or [], None, sub_headers)
        if not 200 <= response[1] < 300:
            raise _Answer(response)
        return json.loads(response[0])

    def _all(self, resource: str, headers: Mapping[str, str], params: Pairs | None = None) -> list[dict[str, Any]]:
        """Every object of a resource, in localstripe's order (oldest first)."""
        found: list[dict[str, Any]] = []
        while True:
            after = [("starting_after", found[-1]["id"])] if found else []
            page = self._call("get", f"/v1/{resource}", headers, [*(params or []), ("limit", str(_PAGE)), *after])
            found += page["data"]
            if not page.get("has_more") or not page["data"]:
                return found

    # What localstripe lacks

    def _create(self, resource: str, headers: Mapping[str, str], body: Pairs) -> Response:
        key = _header(headers, "Idempotency-Key")
        digest = hashlib.sha256(json.dumps(sorted(body)).encode()).hexdigest()[:32]
        supported = [(k, v) for k, v in body if _name(k) not in _DROPPED[resource]]
        if not key:
            return self._send("post", f"/v1/{resource}", [], supported, headers)
        supported += [(f"metadata[{IDEMPOTENCY_KEY}]", key), (f"metadata[{IDEMPOTENCY_DIGEST}]", digest)]
        with _idempotency_lock:
            for existing in self._all(resource, headers):
                metadata = existing.get("metadata") or {}
                if metadata.get(IDEMPOTENCY_KEY) != key:
                    continue
                if metadata.get(IDEMPOTENCY_DIGEST) != digest:
                    _stripe_error(
                        400,
                        "Keys for idempotent requests can only be used with the same parameters they were first used "
                        f"with. Try using a key other than '{key}' if you meant to execute a different request.",
                        type_="idempotency_error",
                    )
                return _json_response(existing)
            return self._send("post", f"/v1/{resource}", [], supported, headers)

    def _list(self, resource: str, headers: Mapping[str, str], query: Pairs) -> Response:
        limit, starting_after = 10, ""
        created: list[tuple[str, int]] = []
        local: Pairs = []
        forwarded: Pairs = []
        for key, value in query:
            if key == "limit":
                if not (value.isdigit() and 1 <= int(value) <= 100):
                    _stripe_error(400, "Invalid limit: must be an integer between 1 and 100.", param="limit")
                limit = int(value)
            elif key == "starting_after":
                starting_after = value
            elif _name(key) == "created":
                op = key.removeprefix("created").strip("[]") or "eq"
                if op not in _COMPARE or not value.lstrip("-").isdigit():
                    _stripe_error(400, f"Invalid {key}: {value!r}.", param=key)
                created.append((op, int(value)))
            elif key in _LOCAL_FILTERS[resource]:
                local.append((key, value))
            else:
                forwarded.append((key, value))
        items = [
            item
            for item in reversed(self._all(resource, headers, forwarded))  # newest first, also within a second
            if all(_COMPARE[op](int(item.get("created") or 0), bound) for op, bound in created)
            and all(_id(item.get(key)) == value for key, value in local)
        ]
        items.sort(key=lambda item: int(item.get("created") or 0), reverse=True)
        start = 0
        if starting_after:
            start = next((i + 1 for i, item in enumerate(items) if item["id"] == starting_after), -1)
            if start < 0:
                _stripe_error(404, f"No such object in this list: '{starting_after}'", code="resource_missing", param="starting_after")
        page = items[start : start + limit]
        return _json_response({"object": "list", "url": f"/v1/{resource}", "has_more": start + limit < len(items), "data": page})

    def _confirm(self, intent_id: str, headers: Mapping[str, str], body: Pairs) -> Response:
        body = [(k, v) for k, v in body if _name(k) not in _DROPPED["confirm"]]
        method = next((v for k, v in body if k == "payment_method"), "")
        rest = [(k, v) for k, v in body if k != "payment_method"]
        path = f"/v1/payment_intents/{quote(intent_id, safe='')}"
        if not method:
            return self._send("post", f"{path}/confirm", [], rest, headers)
        status = self._call("get", path, headers)["status"]
        if status not in _CONFIRMABLE:
            _stripe_error(
                400,
                f"You cannot confirm this PaymentIntent because it has a status of {status}. Only a PaymentIntent "
                f"with one of the following statuses may be confirmed: {', '.join(_CONFIRMABLE)}.",
                code="payment_intent_unexpected_state",
            )
        customer = self._call("post", "/v1/customers", headers)["id"]
        self._call("post", f"/v1/payment_methods/{quote(method, safe='')}/attach", headers, [("customer", customer)])
        self._call("post", path, headers, [("payment_method", method)])
        return self._send("post", f"{path}/confirm", [], rest, headers)
