"""Development-only endpoint behind the offline Stripe.js stand-in (static/js/stripe-offline.js).

Routed only when settings.STRIPE_OFFLINE is on, which production settings refuse. It uses the same
payments module as everything else, against localstripe: create the card PaymentMethod, confirm the
PaymentIntent, and complete or fail a 3-D Secure challenge.
"""

from __future__ import annotations

import json

from django.http import JsonResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import stripe_api


def _intent_for(client_secret: str) -> stripe_api.PaymentIntentInfo | None:
    if not isinstance(client_secret, str) or "_secret_" not in client_secret:
        return None
    intent_id = client_secret.split("_secret_")[0]
    try:
        intent = stripe_api.retrieve_payment_intent(intent_id)
    except stripe_api.PaymentError:
        return None
    return intent if intent.client_secret == client_secret else None


def _answer(intent: stripe_api.PaymentIntentInfo, error: str = "", status: int = 200) -> JsonResponse:
    body = {"paymentIntent": {"id": intent.id, "status": intent.status, "amount": intent.amount, "currency": intent.currency}}
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


@csrf_exempt
@require_POST
def confirm(request):
    data = _json(request)
    intent = _intent_for(data.get("client_secret"))
    if intent is None:
        return _unknown_payment()
    try:
        exp_month, exp_year = (int(part) for part in str(data.get("exp", "")).replace(" ", "").split("/"))
        method = stripe_api.create_card_payment_method(
            number=str(data.get("number", "")).replace(" ", ""),
            exp_month=exp_month,
            exp_year=exp_year + 2000 if exp_year < 100 else exp_year,
            cvc=str(data.get("cvc", "")),
            postal_code=str(data.get("postal_code", "")) or None,
        )
        intent = stripe_api.confirm_payment_intent(intent.id, payment_method_id=method)
    except ValueError:
        return _answer(intent, "Your card's expiration date is incomplete.", status=402)
    except stripe_api.PaymentError as error:
        return _answer(stripe_api.retrieve_payment_intent(intent.id), str(error), status=402)
    return _answer(intent)


@csrf_exempt
@require_POST
def authenticate(request):
    data = _json(request)
    intent = _intent_for(data.get("client_secret"))
    if intent is None:
        return _unknown_payment()
    success = bool(data.get("success"))
    try:
        stripe_api.authenticate_3ds(intent.id, client_secret=intent.client_secret, success=success)
    except stripe_api.PaymentError as error:
        return _answer(intent, str(error), status=402)
    intent = stripe_api.retrieve_payment_intent(intent.id)
    if intent.status != "succeeded":
        return _answer(
            intent, "We are unable to authenticate your payment method. Please choose a different payment method and try again.", status=402
        )
    return _answer(intent)


urlpatterns = [
    path("_offline-stripe/confirm/", confirm, name="offline_stripe_confirm"),
    path("_offline-stripe/authenticate/", authenticate, name="offline_stripe_authenticate"),
]
