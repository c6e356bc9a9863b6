"""Compare Stripe's payments and refunds with our orders and record every difference for staff."""

from __future__ import annotations

from collections import defaultdict
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..orders.models import Order
from ..pricing import format_money
from . import stripe_api
from .models import Mismatch


def reconcile(*, days: int = 3, now=None) -> list[Mismatch]:
    """Replace the stored mismatches with what Stripe and the orders of the last `days` show now."""
    now = now or timezone.now()
    since = now - timedelta(days=days)
    intents = {pi.id: pi for pi in stripe_api.list_payment_intents(created_gte=int(since.timestamp()))}
    refunded = defaultdict(int)
    for refund in stripe_api.list_refunds():
        if refund.status in ("succeeded", "pending") and refund.payment_intent_id:
            refunded[refund.payment_intent_id] += refund.amount
    orders = {o.payment_intent_id: o for o in Order.objects.filter(payment_intent_id__in=list(intents))}
    found: list[Mismatch] = []

    for pi in intents.values():
        order = orders.get(pi.id)
        if order is None and pi.order_number:
            order = Order.objects.filter(number=pi.order_number).first()
        if pi.status != "succeeded":
            continue
        if order is None or order.paid_at is None:
            found.append(Mismatch(
                kind=Mismatch.Kind.PAYMENT_WITHOUT_ORDER, order=order, payment_intent_id=pi.id,
                detail=f"Stripe took {format_money(pi.amount)} ({pi.id}) but "
                + (f"order {order.number} is {order.get_payment_status_display().lower()}{' and cancelled' if order.is_cancelled else ''}." if order else "no order has this payment."),
            ))
            continue
        if pi.amount != order.total_cents or pi.amount != order.amount_paid_cents:
            found.append(Mismatch(
                kind=Mismatch.Kind.AMOUNT_DIFFERS, order=order, payment_intent_id=pi.id,
                detail=f"Stripe: {format_money(pi.amount)}; order {order.number}: total {format_money(order.total_cents)}, paid {format_money(order.amount_paid_cents)}.",
            ))
        if refunded[pi.id] > order.amount_refunded_cents:
            found.append(Mismatch(
                kind=Mismatch.Kind.REFUND_NOT_RECORDED, order=order, payment_intent_id=pi.id,
                detail=f"Stripe refunded {format_money(refunded[pi.id])}; order {order.number} shows {format_money(order.amount_refunded_cents)}.",
            ))

    for order in Order.objects.filter(paid_at__gte=since).exclude(payment_intent_id=""):
        pi = intents.get(order.payment_intent_id)
        if pi is None:
            try:
                pi = stripe_api.retrieve_payment_intent(order.payment_intent_id)
            except stripe_api.PaymentError:
                pi = None
        if pi is None or pi.status != "succeeded":
            found.append(Mismatch(
                kind=Mismatch.Kind.ORDER_WITHOUT_PAYMENT, order=order, payment_intent_id=order.payment_intent_id,
                detail=f"Order {order.number} is paid here, but Stripe shows {pi.status if pi else 'no such payment'}.",
            ))
    for order in Order.objects.filter(paid_at__gte=since, payment_intent_id=""):
        found.append(Mismatch(kind=Mismatch.Kind.ORDER_WITHOUT_PAYMENT, order=order, detail=f"Order {order.number} is paid but has no Stripe payment."))

    with transaction.atomic():
        Mismatch.objects.all().delete()
        Mismatch.objects.bulk_create(found)
    return found
