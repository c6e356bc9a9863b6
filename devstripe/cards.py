"""What Stripe.js does with a shopper's card, done on the server against localstripe.

Used by the offline Stripe.js stand-in's endpoints (devstripe/views.py) and by tests that pay for
an order. Every call goes through LocalStripeHTTPClient, whatever STRIPE_HTTP_CLIENT says, so raw
card numbers only ever reach localstripe. Failures are the stripe library's own exceptions: a
declined or invalid card is stripe.CardError (`user_message` is Stripe's wording, `code` its code).
"""

from __future__ import annotations

import functools
from urllib.parse import quote

import stripe
from django.conf import settings

from .client import LocalStripeHTTPClient

OFFLINE_SECRET_KEY = "sk_test_offline_localstripe"  # localstripe accepts any "sk_..." key; not a secret


@functools.lru_cache(maxsize=4)
def _client_for(api_key: str) -> stripe.StripeClient:
    return stripe.StripeClient(api_key, http_client=LocalStripeHTTPClient())


def stripe_client() -> stripe.StripeClient:
    """A StripeClient talking to localstripe at settings.STRIPE_API_BASE."""
    return _client_for(getattr(settings, "STRIPE_SECRET_KEY", "") or OFFLINE_SECRET_KEY)


def create_card_payment_method(
    *, number: str, exp_month: int, exp_year: int, cvc: str, postal_code: str | None = None
) -> str:
    """A card PaymentMethod made from raw card details; returns its id.

    Obviously invalid details raise stripe.CardError with Stripe.js's messages and codes
    (invalid_number, invalid_expiry_month, invalid_expiry_year, invalid_cvc, invalid_card).
    Declines happen later, when the intent is confirmed.
    """
    number = number.replace(" ", "")
    if not (number.isdigit() and len(number) == 16):  # localstripe only takes 16-digit numbers
        raise stripe.CardError("Your card number is invalid.", "number", "invalid_number")
    if not 1 <= exp_month <= 12:
        raise stripe.CardError("Your card's expiration month is invalid.", "exp_month", "invalid_expiry_month")
    if not (cvc.isdigit() and len(cvc) == 3):
        raise stripe.CardError("Your card's security code is invalid.", "cvc", "invalid_cvc")
    params: dict = {"type": "card", "card": {"number": number, "exp_month": exp_month, "exp_year": exp_year, "cvc": cvc}}
    if postal_code:
        params["billing_details"] = {"address": {"postal_code": postal_code}}
    try:
        return stripe_client().v1.payment_methods.create(params=params).id
    except stripe.InvalidRequestError as exc:
        if exc.code == "invalid_expiry_year":
            raise stripe.CardError("Your card's expiration year is invalid.", "exp_year", "invalid_expiry_year") from exc
        raise stripe.CardError("Your card details are incomplete or invalid.", None, "invalid_card") from exc


def confirm_payment_intent(intent_id: str, *, payment_method_id: str, return_url: str | None = None) -> stripe.PaymentIntent:
    """Confirm the intent with the card, as Stripe.js's confirmPayment does: `succeeded`, or
    `requires_action` for 3-D Secure cards.

    A declined card raises stripe.CardError and leaves the intent `requires_payment_method`, ready
    for another card; a finished intent raises stripe.InvalidRequestError
    (code payment_intent_unexpected_state).
    """
    params = {"payment_method": payment_method_id, **({"return_url": return_url} if return_url else {})}
    return stripe_client().v1.payment_intents.confirm(intent_id, params=params)


def authenticate_3ds(intent_id: str, *, success: bool, client_secret: str | None = None) -> stripe.PaymentIntent:
    """Complete (success=True) or fail localstripe's 3-D Secure challenge of a `requires_action` intent.

    Success charges the card (`succeeded`); failure leaves `requires_payment_method` with the
    authentication failure as last_payment_error. The client secret is looked up when not given.
    An intent without a challenge, or a wrong client secret, raises a stripe.StripeError.
    """
    client = stripe_client()
    if client_secret is None:
        client_secret = client.v1.payment_intents.retrieve(intent_id).client_secret
    response = client.raw_request(
        "post",
        f"/v1/payment_intents/{quote(intent_id, safe='')}/_authenticate",
        client_secret=client_secret,
        success="true" if success else "false",
    )
    return client.deserialize(response, api_mode="V1")
