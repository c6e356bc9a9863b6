"""What Stripe says about an order's payment, applied to the order: paid, failed, refunded, disputed.

The webhook (shop/payments/webhooks.py) and the return page (checkout.sync_payment) call these. Each
locks the order row, so the same news arriving twice, or from two servers at once, is applied once;
every status change goes through Order.transition(), so a move the state machine does not allow
raises TransitionNotAllowed and changes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from .. import pricing
from ..catalogue.models import Stock
from .emails import send_order_confirmation
from .models import Order, Refund


def find_order_for_intent(intent_id: str, order_number: str | None = None) -> Order | None:
    order = Order.objects.filter(payment_intent_id=intent_id).first() if intent_id else None
    if order is None and order_number:
        order = Order.objects.filter(number=order_number).first()
    return order


def mark_paid(*, order_id: int, payment_intent_id: str, amount: int, currency: str) -> bool:
    """Record Stripe's word that the order is paid. Idempotent; returns True only the first time.

    The amount and currency must match the order; otherwise the order is flagged for staff, not paid.
    A cancelled (expired) order takes its stock again, or is flagged if the stock is gone. A refund
    Stripe reported before the payment is applied right after it (paid, then refunded).
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.paid_at is not None:
            return False
        if order.payment_intent_id and order.payment_intent_id != payment_intent_id:
            _flag(order, f"Payment {payment_intent_id} does not belong to this order.")
            return False
        if amount != order.total_cents or currency.lower() != order.currency:
            _flag(
                order,
                f"Stripe reported {amount} {currency.upper()} but the order total is "
                f"{order.total_cents} {order.currency.upper()}: not marked paid.",
            )
            return False
        changes: dict[str, Any] = {
            "payment_intent_id": payment_intent_id,
            "paid_at": timezone.now(),
            "amount_paid_cents": amount,
            "last_payment_error": "",
        }
        if order.status == Order.Status.CANCELLED:  # its stock went back when it expired
            if Stock.objects.take_all(order.stock_items()):
                changes["stock_reserved"] = True
            else:
                changes["needs_attention"] = "Paid after it expired, and the stock is gone: refund or restock."
        order.transition(
            Order.Status.PAID, changes=changes, data={"amount": pricing.format_money(amount), "payment_intent": payment_intent_id}
        )
        if order.amount_refunded_cents:  # a refund event arrived before the payment event
            order.transition(
                order.status_after_refunds(order.amount_refunded_cents),
                data={"amount": pricing.format_money(order.amount_refunded_cents), "source": "Stripe"},
            )
        transaction.on_commit(lambda: send_order_confirmation.enqueue(order.pk))
        return True


def record_payment_failure(*, order_id: int, message: str) -> None:
    Order.objects.filter(pk=order_id, paid_at__isnull=True).update(last_payment_error=message[:500])


def record_refund(*, order_id: int, amount_refunded: int) -> None:
    """Stripe's total refunded for the order's charge; only ever grows, so late or repeated events are harmless."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.paid_at is None:
            # Refund seen before the payment event: keep the figure, mark_paid applies it.
            if amount_refunded > order.amount_refunded_cents:
                order.amount_paid_cents = max(order.amount_paid_cents, amount_refunded)
                order.amount_refunded_cents = amount_refunded
                order.save(update_fields=["amount_paid_cents", "amount_refunded_cents"])
            return
        new = pricing.newly_refunded(amount_refunded, paid=order.amount_paid_cents, refunded=order.amount_refunded_cents)
        if not new:
            return
        refunded = pricing.after_refund(new, paid=order.amount_paid_cents, refunded=order.amount_refunded_cents)
        order.transition(
            order.status_after_refunds(refunded),
            changes={"amount_refunded_cents": refunded},
            data={"amount": pricing.format_money(new), "source": "Stripe"},
        )
        Refund.objects.create(order=order, amount_cents=new, reason="Refunded in Stripe")


def flag_dispute(*, order_id: int, reason: str) -> None:
    """The card holder disputed the payment: the order becomes disputed and needs a person.

    An order that cannot be disputed (not paid as far as we know, or already refunded) raises
    TransitionNotAllowed, changing nothing; the webhook then calls flag_for_staff.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        order.transition(
            Order.Status.DISPUTED,
            changes={"needs_attention": dispute_note(reason)},
            data={"reason": reason},
        )


def dispute_note(reason: str) -> str:
    return f"Dispute opened by the card holder ({reason or 'no reason given'})."


def flag_for_staff(*, order_id: int, message: str, log_action: str, data: dict[str, Any]) -> None:
    """Put the order on the admin's "needs attention" list, and `log_action` in its timeline, for news
    from Stripe its status cannot follow; the status stays as it is."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        _flag(order, message)
        log(order, log_action, data=data)


def _flag(order: Order, message: str) -> None:
    order.needs_attention = message[:500]
    order.save(update_fields=["needs_attention"])

