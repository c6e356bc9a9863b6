"""Stripe webhooks at /stripe/webhook/: the signature is verified, each event id is handled once, and
the event is applied to its order by shop/orders/payment_events.py. Every payment attempt Stripe reports
(payment_intent.succeeded, payment_intent.payment_failed: declined, 3-D Secure failed) is recorded in
the order's timeline.

News the order's status cannot follow is refused by the order state machine (TransitionNotAllowed)
and nothing of it is applied. A dispute on an order that is not (yet) paid or is already refunded is
expected (events arrive late and out of order): it is logged and the order is flagged for staff. Any
other refused move is logged as an error and answered 409, so Stripe reports it and retries.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseBadRequest
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..orders import payment_events
from ..orders.models import TransitionNotAllowed
from . import stripe_api
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
    except TransitionNotAllowed as refused:
        log.error("Stripe event %s (%s) refused, nothing applied: %s", event.id, event.type, refused)
        return HttpResponse(f"Refused: {refused}", status=409)
    return HttpResponse("OK")


def handle_event(event_type: str, obj: dict):
    """Apply one event to its order; returns the order, or None for events we do not use."""
    if event_type in ("payment_intent.succeeded", "payment_intent.payment_failed"):
        order = payment_events.find_order_for_intent(obj["id"], (obj.get("metadata") or {}).get("order_number"))
        if order is None:
            return None
        if event_type == "payment_intent.succeeded":
            payment_events.mark_paid(
                order_id=order.pk,
                payment_intent_id=obj["id"],
                amount=stripe_api.whole_cents(obj["amount"]),
                currency=str(obj["currency"]),
            )
        else:
            error = obj.get("last_payment_error") or {}
            payment_events.record_payment_failure(
                order_id=order.pk,
                message=str(error.get("message") or "The payment failed."),
                code=str(error.get("code") or ""),
                decline_code=str(error.get("decline_code") or ""),
                payment_intent_id=str(obj["id"]),
            )
        return order
    if event_type == "charge.refunded":
        order = payment_events.find_order_for_intent(
            obj.get("payment_intent") or "", (obj.get("metadata") or {}).get("order_number")
        )
        if order is None:
            return None
        payment_events.record_refund(order_id=order.pk, amount_refunded=stripe_api.whole_cents(obj["amount_refunded"]))
        return order
    if event_type == "charge.dispute.created":
        order = payment_events.find_order_for_intent(obj.get("payment_intent") or "")
        if order is None:
            return None
        reason = str(obj.get("reason") or "")
        try:
            payment_events.flag_dispute(order_id=order.pk, reason=reason)
        except TransitionNotAllowed as refused:
            log.warning("Dispute %s not applied to the order's status: %s", obj.get("id"), refused)
            payment_events.flag_for_staff(
                order_id=order.pk,
                message=f"{payment_events.dispute_note(reason)} Status left as it was: {refused}",
                log_action="shop.order.disputed",
                data={"reason": reason, "status_unchanged": str(refused)},
            )
        return order
    return None
