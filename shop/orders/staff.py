"""What staff do to an order from the admin (fulfil, refund by line, cancel, add a note, resend an
e-mail), and the expiry job that cancels unpaid orders the same way. Each action locks the order row,
changes statuses only through Order.transition() and is recorded in the order's timeline with who did
it and the amounts. The admin checks each action's permission (ACTION_PERMISSIONS) before calling."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django_tasks import task
from wagtail.log_actions import log

from .. import pricing
from ..catalogue.models import Stock
from ..payments import stripe_api
from .emails import resend_order_email, send_refund_email, send_shipping_email
from .models import Order, OrderLine, Refund, RefundLine, Shipment, TransitionNotAllowed

logger = logging.getLogger(__name__)

# Each staff action and the permission (app label "shop") it needs.
ACTION_PERMISSIONS = {
    "fulfil": "shop.fulfil_order",
    "refund": "shop.refund_order",
    "cancel": "shop.cancel_order",
    "note": "shop.annotate_order",
    "resend": "shop.resend_order_email",
}
FULFILLABLE = (Order.PaymentStatus.PAID, Order.PaymentStatus.PARTIALLY_REFUNDED)
EMAILS = {"confirmation": "order confirmation", "shipping": "shipping notice"}


class OrderActionError(Exception):
    """A staff action cannot be done; the message says why and nothing changed."""


def _locked(order_id: int) -> Order:
    return Order.objects.select_for_update().get(pk=order_id)


def fulfil(*, order_id: int, carrier: str, tracking_number: str, user) -> Shipment:
    """Mark a paid, open order shipped and e-mail the customer the tracking link."""
    with transaction.atomic():
        order = _locked(order_id)
        if order.is_cancelled or order.payment_status not in FULFILLABLE:
            state = "cancelled" if order.is_cancelled else order.get_payment_status_display().lower()
            raise TransitionNotAllowed(f"Order {order.number} is {state}: it cannot become fulfilled.", order=order, to="fulfilled")
        order.transition(
            fulfilment_status=Order.FulfilmentStatus.FULFILLED,
            action="shop.order.fulfilled",
            user=user,
            data={"carrier": carrier, "tracking_number": tracking_number},
        )
        shipment = Shipment.objects.create(order=order, carrier=carrier, tracking_number=tracking_number)
        transaction.on_commit(lambda: send_shipping_email.enqueue(order.pk))
        return shipment


def refundable_lines(order: Order) -> list[tuple[OrderLine, int]]:
    """Each line of the order with how many of its units are not refunded yet."""
    return [(line, line.quantity - line.refunded_quantity()) for line in order.lines.all()]


def refund(
    *,
    order_id: int,
    quantities: dict[int, int],
    shipping_cents: int = 0,
    extra_cents: int = 0,
    restock: bool,
    user,
    reason: str = "",
) -> Refund:
    """Refund units of lines ({order line id: quantity}), shipping and an extra amount through Stripe;
    the amount is worked out here (pricing.quote_refund) and capped at what is left to refund.

    With `restock`, exactly the refunded units go back to stock, and only if the order still holds its
    units. The order row is locked for the whole action, so two people cannot refund the same units or
    money twice; nothing changes if Stripe refuses. The customer gets the refund e-mail.
    """
    with transaction.atomic():
        order = _locked(order_id)
        if order.paid_at is None or not order.payment_intent_id:
            raise OrderActionError("Only a paid order can be refunded.")
        if not order.refundable_cents:
            raise OrderActionError(f"Nothing is left to refund on order {order.number}.")
        left_by_line = {line.pk: (line, left) for line, left in refundable_lines(order)}
        chosen: list[tuple[OrderLine, int]] = []
        for line_id, quantity in sorted(quantities.items()):
            if not quantity:
                continue
            if line_id not in left_by_line:
                raise OrderActionError("That line is not part of this order.")
            line, left = left_by_line[line_id]
            if not 0 < quantity <= left:
                raise OrderActionError(f"At most {left} of {line.name} can still be refunded.")
            chosen.append((line, quantity))
        shipping_left = pricing.shipping_refundable(shipping=order.shipping_cents, refunded=order.shipping_refunded_cents())
        if not 0 <= shipping_cents <= shipping_left:
            raise OrderActionError(f"At most {pricing.format_money(shipping_left)} of shipping can still be refunded.")
        if extra_cents < 0:
            raise OrderActionError("The extra amount cannot be negative.")
        if restock and not chosen:
            raise OrderActionError("Choose the units to put back in stock.")
        if restock and not order.stock_reserved:
            raise OrderActionError(
                "This order no longer holds its units (it expired and its stock went to other orders): "
                "refund without putting anything back in stock."
            )
        quote = pricing.quote_refund(
            lines=[pricing.Line(line.unit_price_cents, quantity) for line, quantity in chosen],
            shipping=shipping_cents,
            extra=extra_cents,
            paid=order.amount_paid_cents,
            refunded=order.amount_refunded_cents,
        )
        if quote.amount < 1:
            raise OrderActionError("Choose lines, shipping or an amount to refund.")
        refunded = pricing.after_refund(quote.amount, paid=order.amount_paid_cents, refunded=order.amount_refunded_cents)
        target = order.payment_status_after_refunds(refunded)
        order.check_transition(payment_status=target)  # before Stripe is asked
        result = stripe_api.refund(
            payment_intent_id=order.payment_intent_id,
            amount=quote.amount,
            idempotency_key=f"order-{order.number}-refund-after-{order.amount_refunded_cents}-{quote.amount}",
        )
        record = Refund.objects.create(
            order=order,
            stripe_refund_id=result.id,
            amount_cents=quote.amount,
            shipping_cents=shipping_cents,
            extra_cents=extra_cents,
            restocked=restock,
            reason=reason,
            created_by=user,
        )
        RefundLine.objects.bulk_create(
            RefundLine(
                refund=record,
                order_line=line,
                quantity=quantity,
                amount_cents=pricing.line_total(line.unit_price_cents, quantity),
                restocked=restock,
            )
            for line, quantity in chosen
        )
        moves = {"payment_status": target}
        chosen_quantity = {line.pk: quantity for line, quantity in chosen}
        all_units_back = all(left == chosen_quantity.get(pk, 0) for pk, (_line, left) in left_by_line.items())
        if restock and all_units_back and order.fulfilment_status != Order.FulfilmentStatus.UNFULFILLED:
            moves["fulfilment_status"] = Order.FulfilmentStatus.RETURNED
        order.transition(
            action="shop.order.refunded",
            user=user,
            changes={"amount_refunded_cents": refunded},
            data={
                "amount": pricing.format_money(quote.amount),
                "lines": [f"{quantity} × {line.name}" for line, quantity in chosen],
                "shipping": pricing.format_money(shipping_cents),
                "extra": pricing.format_money(extra_cents),
                "capped": quote.capped,
                "restocked": restock,
                "reason": reason,
            },
            **moves,
        )
        if restock:
            Stock.objects.put_back(
                [(line.product_id, quantity) for line, quantity in chosen if line.product_id], order=order, reason="Refund", user=user
            )
        transaction.on_commit(lambda: send_refund_email.enqueue(record.pk))
        return record


def cancel_unpaid(order_id: int, *, user=None, reason: str = "") -> None:
    """Cancel an open, unpaid order and give its stock back (user None: it expired, or `reason`).

    An order that is paid (or cancelled already) raises TransitionNotAllowed, changing nothing.
    """
    with transaction.atomic():
        order = _locked(order_id)
        if not order.awaits_payment:
            state = "cancelled" if order.is_cancelled else order.get_payment_status_display().lower()
            raise TransitionNotAllowed(f"Order {order.number} is {state}: it cannot become cancelled.", order=order, to="cancelled")
        order.transition(
            status=Order.Status.CANCELLED,
            action="shop.order.cancelled",
            user=user,
            changes={"cancelled_at": timezone.now()},
            data={"reason": reason or ("by staff" if user else "not paid in time")},
        )
        release_stock(order)
        if order.payment_intent_id:
            intent_id = order.payment_intent_id
            transaction.on_commit(lambda: cancel_payment.enqueue(intent_id, order.number))


@task()
def cancel_payment(intent_id: str, order_number: str) -> str:
    """Background: cancel a cancelled order's PaymentIntent at Stripe, so a checkout page left open can no
    longer be paid. If it was paid meanwhile, Stripe refuses, and the payment's webhook reopens the order
    (payment_events.mark_paid: it takes its stock again or is flagged); nothing else to do here."""
    try:
        stripe_api.cancel_payment_intent(intent_id, idempotency_key=f"cancel-{order_number}-{intent_id}")
    except stripe_api.PaymentError as error:
        logger.info("PaymentIntent %s of order %s not cancelled: %s", intent_id, order_number, error)
        return "refused"
    return "cancelled"


def release_stock(order: Order) -> None:
    """Give an order's reserved units back to stock (once)."""
    if Order.objects.filter(pk=order.pk, stock_reserved=True).update(stock_reserved=False):
        order.stock_reserved = False
        Stock.objects.put_back(order.stock_items(), order=order, reason="Cancelled")


def expire_unpaid_orders(now=None) -> int:
    """Cancel every open, unpaid order past its expiry time and release its stock. Returns how many."""
    now = now or timezone.now()
    due = Order.objects.filter(
        status=Order.Status.OPEN,
        payment_status__in=[Order.PaymentStatus.PENDING, Order.PaymentStatus.FAILED],
        expires_at__lte=now,
    ).values_list("pk", flat=True)
    cancelled = 0
    for pk in list(due):
        try:
            cancel_unpaid(pk)
        except TransitionNotAllowed:
            continue  # paid (or cancelled by staff) since the query: nothing to expire
        cancelled += 1
    return cancelled


def add_note(*, order_id: int, text: str, user) -> None:
    """A note in the order's timeline, signed by `user`."""
    with transaction.atomic():
        order = _locked(order_id)
        log(order, "shop.order.note", user=user, data={"note": text})


def resend_email(*, order_id: int, email: str, user) -> None:
    """Send the order confirmation or the shipping notice again (`email`: "confirmation" or "shipping")."""
    with transaction.atomic():
        order = _locked(order_id)
        if email == "confirmation" and order.paid_at is None:
            raise OrderActionError("The order is not paid: there is no confirmation to send.")
        if email == "shipping" and not Shipment.objects.filter(order=order).exists():
            raise OrderActionError("The order has not shipped: there is no shipping notice to send.")
        if email not in EMAILS:
            raise OrderActionError("Choose an e-mail to send.")
        log(order, "shop.order.email_resent", user=user, data={"email": EMAILS[email], "to": order.email})
        transaction.on_commit(lambda: resend_order_email.enqueue(order.pk, email))
