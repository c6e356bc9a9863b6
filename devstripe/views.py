"""The endpoints behind the offline Stripe.js stand-in (devstripe/static/devstripe/stripe-offline.js).

Routed (devstripe/urls.py) only where the devstripe app is installed, which only the dev and test
settings do. They do what Stripe.js and Stripe's servers do for the checkout page, against
localstripe: make the card PaymentMethod, confirm the PaymentIntent, and complete or fail a 3-D
Secure challenge. They answer in Stripe.js's shape: {"paymentIntent": {...}} and, when the card was
refused, {"error": {"type": "card_error", "message": ...}} with status 402.
"""

from __future__ import annotations

import json

import stripe
from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import cards

AUTHENTICATION_FAILED = (
    "We are unable to authenticate your payment method. Please choose a different payment method and try again."
)


def _intent_for(client_secret: object) -> stripe.PaymentIntent | None:
    if not isinstance(client_secret, str) or "_secret_" not in client_secret:
        return None
    try:
        intent = cards.stripe_client().v1.payment_intents.retrieve(client_secret.split("_secret_")[0])
    except stripe.StripeError:
        return None
    return intent if intent.client_secret == client_secret else None


def _retrieve(intent_id: str) -> stripe.PaymentIntent:
    return cards.stripe_client().v1.payment_intents.retrieve(intent_id)


def _answer(intent: stripe.PaymentIntent, error: str = "", status: int = 200) -> JsonResponse:
    body: dict = {"paymentIntent": {"id": intent.id, "status": intent.status, "amount": intent.amount, "currency": intent.currency}}
    if error:
        body["error"] = {"type": "card_error", "message": error}
    return JsonResponse(body, status=status)


def _json(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _unknown_payment() -> JsonResponse:
    return JsonResponse({"error": {"type": "invalid_request_error", "message": "Unknown payment."}}, status=400)


def _message(error: stripe.StripeError) -> str:
    return error.user_message or "The payment service refused the request."


@csrf_exempt
@require_POST
def confirm(request):
    data = _json(request)
    intent = _intent_for(data.get("client_secret"))
    if intent is None:
        return _unknown_payment()
    try:
        exp_month, exp_year = (int(part) for part in str(data.get("exp", "")).replace(" ", "").split("/"))
        method = cards.create_card_payment_method(
            number=str(data.get("number", "")).replace(" ", ""),
            exp_month=exp_month,
            exp_year=exp_year + 2000 if exp_year < 100 else exp_year,
            cvc=str(data.get("cvc", "")),
            postal_code=str(data.get("postal_code", "")) or None,
        )
        intent = cards.confirm_payment_intent(intent.id, payment_method_id=method, return_url=data.get("return_url") or None)
    except ValueError:
        return _answer(intent, "Your card's expiration date is incomplete.", status=402)
    except stripe.StripeError as error:
        return _answer(_retrieve(intent.id), _message(error), status=402)
    return _answer(intent)


@csrf_exempt
@require_POST
def authenticate(request):
    data = _json(request)
    intent = _intent_for(data.get("client_secret"))
    if intent is None:
        return _unknown_payment()
    try:
        cards.authenticate_3ds(intent.id, client_secret=intent.client_secret, success=bool(data.get("success")))
    except stripe.StripeError as error:
        return _answer(intent, _message(error), status=402)
    intent = _retrieve(intent.id)
    if intent.status != "succeeded":
        return _answer(intent, AUTHENTICATION_FAILED, status=402)
    return _answer(intent)
