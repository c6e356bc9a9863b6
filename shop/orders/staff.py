"""What staff do to an order from the admin (fulfil, refund, cancel, add a note), and the expiry job that
cancels unpaid orders the same way. Each action locks the order row, changes the status only through
Order.transition() and is recorded in the order's timeline with who did it."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .. import pricing
from ..catalogue.models import Stock
from ..payments import stripe_api
from .emails import send_shipping_email
from .models import Order, Refund, Shipment, TransitionNotAllowed


class OrderActionError(Exception):
    """A staff action cannot be done; the message says why and nothing changed."""


def fulfil(*, order_id: int, carrier: str, tracking_number: str, user) -> Shipment:
    """Mark a paid order shipped and e-mail the customer the tracking link."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        order.transition(
            Order.Status.FULFILLED, user=user, data={"carrier": carrier, "tracking_number": tracking_number}
        )
        shipment = Shipment.objects.create(order=order, carrier=carrier, tracking_number=tracking_number)
        transaction.on_commit(lambda: send_shipping_email.enqueue(order.pk))
        return shipment


def refund(*, order_id: int, amount: int, restock: bool, user, reason: str = "") -> Refund:
    """Refund part or all of what was paid, through Stripe. Nothing changes if Stripe refuses.

    The order row is locked for the whole action, so two people cannot refund the same money twice.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.paid_at is None or not order.payment_intent_id:
            raise OrderActionError("Only a paid order can be refunded.")
        if amount < 1:
            raise OrderActionError("Enter an amount of at least $0.01.")
        if amount > order.refundable_cents:
            raise OrderActionError(
                f"At most {pricing.format_money(order.refundable_cents)} can be refunded "
                f"({pricing.format_money(order.amount_paid_cents)} paid, "
                f"{pricing.format_money(order.amount_refunded_cents)} already refunded)."
            )
        if restock and order.refunds.filter(restocked=True).exists():
            raise OrderActionError("The items of this order were already put back in stock.")
        refunded = pricing.after_refund(amount, paid=order.amount_paid_cents, refunded=order.amount_refunded_cents)
        target = order.status_after_refunds(refunded)
        order.check_transition(target)  # before Stripe is asked
        result = stripe_api.refund(
            payment_intent_id=order.payment_intent_id,
            amount=amount,
            idempotency_key=f"order-{order.number}-refund-after-{order.amount_refunded_cents}-{amount}",
        )
        order.transition(
            target,
            user=user,
            changes={"amount_refunded_cents": refunded},
            data={"amount": pricing.format_money(amount), "restocked": restock, "reason": reason},
        )
        record = Refund.objects.create(
            order=order, stripe_refund_id=result.id, amount_cents=amount, restocked=restock, reason=reason, created_by=user
        )
        if restock:
            Stock.objects.put_back(order.stock_items())
        return record


def cancel_unpaid(order_id: int, *, user=None) -> None:
    """Cancel an unpaid order and give its stock back (user None: it expired).

    An order that is not pending payment (paid meanwhile, already cancelled) raises TransitionNotAllowed.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        order.transition(
            Order.Status.CANCELLED,
            user=user,
            changes={"cancelled_at": timezone.now()},
            data={"reason": "by staff" if user else "not paid in time"},
        )
        release_stock(order)


def release_stock(order: Order) -> None:
    """Give an order's reserved units back to stock (once)."""
    if Order.objects.filter(pk=order.pk, stock_reserved=True).update(stock_reserved=False):
        Stock.objects.put_back(order.stock_items())


def expire_unpaid_orders(now=None) -> int:
    """Cancel every unpaid order past its expiry time and release its stock. Returns how many."""
    now = now or timezone.now()
    due = Order.objects.filter(status=Order.Status.PENDING_PAYMENT, expires_at__lte=now).values_list("pk", flat=True)
    cancelled = 0
    for pk in list(due):
        try:
            cancel_unpaid(pk)
        except TransitionNotAllowed:
            continue  # paid (or cancelled by staff) since the query: nothing to expire
        cancelled += 1
    return cancelled


def add_note(*, order_id: int, text: str, user) -> None:
    order = Order.objects.get(pk=order_id)
    log(order, "shop.order.note", user=user, data={"note": text})
