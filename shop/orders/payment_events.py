"""What Stripe says about an order's payment, applied to the order: paid, failed, refunded, disputed.
Every payment attempt (succeeded, declined, 3-D Secure failed) is an entry in the order's timeline.

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
from .emails import send_order_confirmation, send_refund_email
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
        moves = {"payment_status": Order.PaymentStatus.PAID}
        order.check_transition(**moves)
        if order.is_cancelled:  # its stock went back when it expired: the order opens again
            moves["status"] = Order.Status.OPEN
            if Stock.objects.take_all(order.stock_items(), order=order, reason="Paid after it expired"):
                changes["stock_reserved"] = True
            else:
                changes["needs_attention"] = "Paid after it expired, and the stock is gone: refund or restock."
        order.transition(
            action="shop.order.paid",
            changes=changes,
            data={"amount": pricing.format_money(amount), "payment_intent": payment_intent_id, "attempt": "succeeded"},
            **moves,
        )
        transaction.on_commit(lambda: send_order_confirmation.enqueue(order.pk))
        if order.amount_refunded_cents:  # a refund event arrived before the payment event
            order.transition(
                payment_status=order.payment_status_after_refunds(order.amount_refunded_cents),
                action="shop.order.refunded",
                data={"amount": pricing.format_money(order.amount_refunded_cents), "source": "Stripe"},
            )
            early = Refund.objects.create(order=order, amount_cents=order.amount_refunded_cents, reason="Refunded in Stripe")
            transaction.on_commit(lambda: send_refund_email.enqueue(early.pk))
        return True


# Stripe's codes for a failed attempt, as staff read them in the timeline.
AUTHENTICATION_FAILURE = "payment_intent_authentication_failure"


def describe_failure(code: str, decline_code: str) -> str:
    if code == AUTHENTICATION_FAILURE:
        return "3-D Secure authentication failed"
    if code == "card_declined" or decline_code:
        return f"declined ({decline_code})" if decline_code and decline_code != "generic_decline" else "declined"
    return code.replace("_", " ") if code else "failed"


def record_payment_failure(*, order_id: int, message: str, code: str = "", decline_code: str = "", payment_intent_id: str = "") -> None:
    """A payment attempt failed (declined, 3-D Secure failed, ...): in the timeline, and on an unpaid
    order its payment status becomes failed (the shopper may try again until the order expires)."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        data = {"attempt": describe_failure(code, decline_code), "message": message[:500], "code": code, "decline_code": decline_code,
                "payment_intent": payment_intent_id}
        if order.paid_at is None and order.can_transition(payment_status=Order.PaymentStatus.FAILED):
            order.transition(
                payment_status=Order.PaymentStatus.FAILED,
                action="shop.order.payment_failed",
                changes={"last_payment_error": message[:500]},
                data=data,
            )
        else:  # paid meanwhile (events arrive out of order): the attempt is still part of the story
            log(order, "shop.order.payment_failed", data=data)


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
            payment_status=order.payment_status_after_refunds(refunded),
            action="shop.order.refunded",
            changes={"amount_refunded_cents": refunded},
            data={"amount": pricing.format_money(new), "source": "Stripe"},
        )
        record = Refund.objects.create(order=order, amount_cents=new, reason="Refunded in Stripe")
        transaction.on_commit(lambda: send_refund_email.enqueue(record.pk))


def flag_dispute(*, order_id: int, reason: str) -> None:
    """The card holder disputed the payment: the order becomes disputed and needs a person.

    An order that cannot be disputed (not paid as far as we know, or already refunded) raises
    TransitionNotAllowed, changing nothing; the webhook then calls flag_for_staff.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        order.transition(
            payment_status=Order.PaymentStatus.DISPUTED,
            action="shop.order.disputed",
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

