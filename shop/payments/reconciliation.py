"""Compare Stripe's payments and refunds with our orders and record every difference for staff.

Each run is recorded (`ReconciliationRun`): when it started and finished, how many Stripe payments and
orders it compared, how many mismatches it found, or why it failed. The mismatches it found replace
those of the previous completed run; a failed run leaves them as they were (still the last known), and
the dashboard says which run they come from. `summary()` is what the dashboard panel shows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ..orders.models import Order
from ..pricing import format_money
from . import stripe_api
from .models import Mismatch, ReconciliationRun

# A daily job that has not completed for this long is overdue; the dashboard says so.
OVERDUE_AFTER = timedelta(hours=26)


def run_reconciliation(*, days: int = 3, now=None) -> ReconciliationRun:
    """Compare Stripe and the orders of the last `days`, record the run and replace the stored mismatches.

    If Stripe cannot be reached (or anything else goes wrong) the run is recorded with its error and
    the exception propagates, so a scheduler sees the failure; the stored mismatches stay as they were.
    """
    now = now or timezone.now()
    run = ReconciliationRun.objects.create(started_at=now, days=days)
    try:
        found, payments, orders = _compare(days=days, now=now)
    except Exception as error:
        ReconciliationRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), error=failure_reason(error)[:500])
        raise
    with transaction.atomic():
        for mismatch in found:
            mismatch.run = run
        Mismatch.objects.all().delete()
        Mismatch.objects.bulk_create(found)
        run.finished_at = timezone.now()
        run.payments_compared, run.orders_compared, run.mismatches_found = payments, orders, len(found)
        run.save(update_fields=["finished_at", "payments_compared", "orders_compared", "mismatches_found"])
    return run


def failure_reason(error: Exception) -> str:
    """Why a run failed, in the words the dashboard and the command show."""
    if isinstance(error, stripe_api.PaymentError):
        return f"Stripe could not be reached: {error}"
    return f"{type(error).__name__}: {error}"


def reconcile(*, days: int = 3, now=None) -> list[Mismatch]:
    """Run a reconciliation (recorded, see run_reconciliation) and return the mismatches it found."""
    return list(run_reconciliation(days=days, now=now).mismatches.all())


def _compare(*, days: int, now) -> tuple[list[Mismatch], int, int]:
    """The differences between Stripe and the orders of the last `days`, and how many Stripe payments
    and orders were compared."""
    since = now - timedelta(days=days)
    intents = {pi.id: pi for pi in stripe_api.list_payment_intents(created_gte=int(since.timestamp()))}
    refunded = defaultdict(int)
    for refund in stripe_api.list_refunds():
        if refund.status in ("succeeded", "pending") and refund.payment_intent_id:
            refunded[refund.payment_intent_id] += refund.amount
    orders = {o.payment_intent_id: o for o in Order.objects.filter(payment_intent_id__in=list(intents))}
    compared_orders = {o.pk for o in orders.values()}
    found: list[Mismatch] = []

    for pi in intents.values():
        order = orders.get(pi.id)
        if order is None and pi.order_number:
            order = Order.objects.filter(number=pi.order_number).first()
        if order is not None:
            compared_orders.add(order.pk)
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
        compared_orders.add(order.pk)
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
        compared_orders.add(order.pk)
        found.append(Mismatch(kind=Mismatch.Kind.ORDER_WITHOUT_PAYMENT, order=order, detail=f"Order {order.number} is paid but has no Stripe payment."))
    return found, len(intents), len(compared_orders)


@dataclass(frozen=True)
class Summary:
    """What the dashboard says about reconciliation: the latest run, the latest completed run (whose
    mismatches are stored) and whether the daily job is overdue."""

    latest: ReconciliationRun | None
    completed: ReconciliationRun | None
    mismatches: list[Mismatch]
    overdue: bool


def summary(*, now=None, limit: int = 50) -> Summary:
    now = now or timezone.now()
    latest = ReconciliationRun.objects.first()
    completed = ReconciliationRun.objects.completed().first()
    mismatches = list(Mismatch.objects.select_related("order")[:limit]) if completed else []
    overdue = latest is not None and (completed is None or completed.finished_at < now - OVERDUE_AFTER)
    return Summary(latest=latest, completed=completed, mismatches=mismatches, overdue=overdue)
