"""Stripe webhooks at /stripe/webhook/: signature, one handling per event id, dispatch to orders.py."""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import orders, stripe_api
from .models import StripeEvent

log = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request):
    try:
        event = stripe_api.parse_webhook(request.body, request.headers.get("Stripe-Signature"))
    except stripe_api.WebhookSignatureError:
        return HttpResponseBadRequest("Invalid signature.")
    except stripe_api.WebhookPayloadError:
        return HttpResponseBadRequest("Malformed event.")
    try:
        with transaction.atomic():
            record = StripeEvent.objects.create(event_id=event.id, type=event.type)
            order = handle_event(event.type, event.object)
            if order is not None:
                record.order = order
                record.save(update_fields=["order"])
    except IntegrityError:
        return HttpResponse("Already handled.")
    except (KeyError, TypeError, ValueError, AttributeError):
        log.warning("Stripe event %s (%s) has an unexpected shape", event.id, event.type)
        return HttpResponseBadRequest("Malformed event.")
    return HttpResponse("OK")


def handle_event(event_type: str, obj: dict):
    """Apply one event to its order; returns the order, or None for events we do not use."""
    if event_type in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        order = orders.find_order_for_intent(obj["id"], (obj.get("metadata") or {}).get("order_number"))
        if order is None:
            return None
        if event_type == "payment_intent.succeeded":
            orders.mark_paid(
                order_id=order.pk,
                payment_intent_id=obj["id"],
                amount=int(obj["amount"]),
                currency=str(obj["currency"]),
            )
        else:
            error = obj.get("last_payment_error") or {}
            orders.record_payment_failure(order_id=order.pk, message=error.get("message") or "The payment failed.")
        return order
    if event_type == "charge.refunded":
        order = orders.find_order_for_intent(obj.get("payment_intent") or "", (obj.get("metadata") or {}).get("order_number"))
        if order is None:
            return None
        orders.record_refund(order_id=order.pk, amount_refunded=int(obj["amount_refunded"]))
        return order
    if event_type == "charge.dispute.created":
        order = orders.find_order_for_intent(obj.get("payment_intent") or "")
        if order is None:
            return None
        orders.flag_dispute(order_id=order.pk, reason=str(obj.get("reason") or ""))
        return order
    return None
