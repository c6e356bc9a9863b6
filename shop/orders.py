"""One function per use case on orders. Views and webhooks call these; nothing else changes an order."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from wagtail.log_actions import log

from . import freshness, stripe_api
from .models import Order, OrderLine, Product, Refund, Shipment, ShippingMethod, Stock, TransitionNotAllowed
from .pricing import Line, format_money, line_totals

NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CheckoutError(Exception):
    """The order cannot be placed; the message is shown to the shopper and nothing is kept."""


class OrderActionError(Exception):
    """A staff action cannot be done; the message says why and nothing changed."""


@dataclass(frozen=True)
class Customer:
    email: str
    full_name: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    country: str = "US"


def new_order_number() -> str:
    return "CR-" + "".join(secrets.choice(NUMBER_ALPHABET) for _ in range(8))


def place_order(
    *, items: dict[str, int], customer: Customer, shipping_method_id: int, checkout_key: str
) -> Order:
    """Re-price the cart from the database, reserve stock and create the order, all or nothing.

    The same checkout_key always returns the same order, so a double click or a retry places one order.
    """
    existing = Order.objects.filter(checkout_key=checkout_key).first()
    if existing:
        return existing
    if not items:
        raise CheckoutError("Your cart is empty.")
    try:
        with transaction.atomic():
            return _place_order(items, customer, shipping_method_id, checkout_key)
    except IntegrityError:
        existing = Order.objects.filter(checkout_key=checkout_key).first()
        if existing:
            return existing
        raise


def _place_order(items, customer, shipping_method_id, checkout_key) -> Order:
    method = ShippingMethod.objects.filter(pk=shipping_method_id, active=True).first()
    if method is None:
        raise CheckoutError("Please choose a shipping method.")
    quantities = {int(pk): int(qty) for pk, qty in items.items()}
    products = Product.objects.live().in_bulk(sorted(quantities))
    if len(products) != len(quantities):
        raise CheckoutError("An item in your cart is no longer on sale. Please review your cart.")
    # Reserve in a fixed order (by id) so concurrent checkouts never deadlock.
    for pk in sorted(quantities):
        product, quantity = products[pk], quantities[pk]
        if quantity < 1 or quantity > product.max_per_order:
            raise CheckoutError(f"Please check the quantity of {product.name}.")
        reserved = Stock.objects.filter(product_id=pk, on_hand__gte=quantity).update(
            on_hand=F("on_hand") - quantity
        )
        if not reserved:
            raise CheckoutError(f"Sorry, there is not enough {product.name} in stock for your order.")
    lines = [
        Line(products[pk].sku, products[pk].name, products[pk].price_cents, quantities[pk])
        for pk in sorted(quantities)
    ]
    subtotal = line_totals(lines).subtotal
    totals = line_totals(lines, shipping=method.cost_for(subtotal))
    now = timezone.now()
    order = Order.objects.create(
        number=new_order_number(),
        token=secrets.token_urlsafe(32),
        checkout_key=checkout_key,
        shipping_method=method,
        shipping_name=method.name,
        currency=settings.SHOP_CURRENCY,
        subtotal_cents=totals.subtotal,
        shipping_cents=totals.shipping,
        total_cents=totals.total,
        created_at=now,
        expires_at=now + timedelta(minutes=settings.SHOP_ORDER_EXPIRY_MINUTES),
        **customer.__dict__,
    )
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product=products[pk],
            sku=products[pk].sku,
            name=products[pk].name,
            description=products[pk].description,
            unit_price_cents=products[pk].price_cents,
            quantity=quantities[pk],
            line_total_cents=products[pk].price_cents * quantities[pk],
        )
        for pk in sorted(quantities)
    )
    log(order, "shop.order.placed", data={"total": format_money(order.total_cents)})
    freshness.content_changed()  # stock shown on product pages changed
    return order


def start_payment(order: Order) -> stripe_api.PaymentIntentInfo:
    """The order's one PaymentIntent for exactly its total; created once, fetched afterwards.

    The order row stays locked while the intent is created, so concurrent retries wait and reuse it
    (Stripe's idempotency key covers retries of the call itself).
    """
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if not locked.payment_intent_id:
            intent = stripe_api.create_payment_intent(
                amount=locked.total_cents,
                currency=locked.currency,
                order_number=locked.number,
                idempotency_key=f"order-{locked.number}-payment-intent",
            )
            locked.payment_intent_id = intent.id
            locked.save(update_fields=["payment_intent_id"])
            order.payment_intent_id = intent.id
            return intent
    order.payment_intent_id = locked.payment_intent_id
    return stripe_api.retrieve_payment_intent(locked.payment_intent_id)


def find_order_for_intent(intent_id: str, order_number: str | None = None) -> Order | None:
    order = Order.objects.filter(payment_intent_id=intent_id).first() if intent_id else None
    if order is None and order_number:
        order = Order.objects.filter(number=order_number).first()
    return order


def mark_paid(*, order_id: int, payment_intent_id: str, amount: int, currency: str) -> bool:
    """Record Stripe's word that the order is paid. Idempotent; returns True only the first time.

    The amount and currency must match the order; otherwise the order is flagged for staff, not paid.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.paid_at is not None:
            return False
        if order.payment_intent_id and order.payment_intent_id != payment_intent_id:
            order.needs_attention = f"Payment {payment_intent_id} does not belong to this order."
            order.save(update_fields=["needs_attention"])
            return False
        if amount != order.total_cents or currency.lower() != order.currency:
            order.needs_attention = (
                f"Stripe reported {amount} {currency.upper()} but the order total is "
                f"{order.total_cents} {order.currency.upper()}: not marked paid."
            )
            order.save(update_fields=["needs_attention"])
            return False
        if order.status == Order.Status.CANCELLED and not _reserve_again(order):
            order.needs_attention = "Paid after it expired, and the stock is gone: refund or restock."
        order.transition(Order.Status.PAID)
        order.payment_intent_id = payment_intent_id
        order.paid_at = timezone.now()
        order.amount_paid_cents = amount
        order.last_payment_error = ""
        if order.amount_refunded_cents:  # a refund event arrived before the payment event
            order.status = (
                Order.Status.REFUNDED
                if order.amount_refunded_cents >= amount
                else Order.Status.PARTIALLY_REFUNDED
            )
        order.save()
        log(order, "shop.order.paid", data={"amount": format_money(amount), "payment_intent": payment_intent_id})
        from .tasks import send_order_confirmation

        transaction.on_commit(lambda: send_order_confirmation.enqueue(order.pk))
        return True


def _reserve_again(order: Order) -> bool:
    """Take stock again for an order whose reservation was released; all lines or none."""
    try:
        with transaction.atomic():
            for line in order.lines.exclude(product=None).order_by("product_id"):
                if not Stock.objects.filter(product_id=line.product_id, on_hand__gte=line.quantity).update(
                    on_hand=F("on_hand") - line.quantity
                ):
                    raise IntegrityError
    except IntegrityError:
        return False
    order.stock_reserved = True
    freshness.content_changed()
    return True


def sync_payment(order: Order) -> Order:
    """Ask Stripe about the order's PaymentIntent (the return page's path) and record a success."""
    if order.payment_intent_id and order.paid_at is None:
        intent = stripe_api.retrieve_payment_intent(order.payment_intent_id)
        if intent.status == "succeeded":
            mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=intent.amount, currency=intent.currency)
            order.refresh_from_db()
    return order


def record_payment_failure(*, order_id: int, message: str) -> None:
    Order.objects.filter(pk=order_id, paid_at__isnull=True).update(last_payment_error=message[:500])


def record_refund(*, order_id: int, amount_refunded: int) -> None:
    """Stripe's total refunded for the order's charge; only ever grows, so late or repeated events are harmless."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if amount_refunded <= order.amount_refunded_cents:
            return
        if order.paid_at is None:
            # Refund seen before the payment event: keep the figure, the payment event sets the status.
            order.amount_paid_cents = max(order.amount_paid_cents, amount_refunded)
            order.amount_refunded_cents = amount_refunded
            order.save(update_fields=["amount_paid_cents", "amount_refunded_cents"])
            return
        outside = min(amount_refunded, order.amount_paid_cents) - order.amount_refunded_cents
        Refund.objects.create(order=order, amount_cents=outside, reason="Refunded in Stripe")
        log(order, "shop.order.refunded", data={"amount": format_money(outside), "source": "Stripe"})
        order.amount_refunded_cents += outside
        target = (
            Order.Status.REFUNDED
            if order.amount_refunded_cents >= order.amount_paid_cents
            else Order.Status.PARTIALLY_REFUNDED
        )
        if order.can_transition(target):
            order.transition(target)
        order.save()


def flag_dispute(*, order_id: int, reason: str) -> None:
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        order.needs_attention = f"Dispute opened by the card holder ({reason or 'no reason given'})."
        if order.can_transition(Order.Status.DISPUTED):
            order.transition(Order.Status.DISPUTED)
        order.save()
        log(order, "shop.order.disputed", data={"reason": reason})


def release_stock(order: Order) -> None:
    """Give an order's reserved units back to stock (once)."""
    if not Order.objects.filter(pk=order.pk, stock_reserved=True).update(stock_reserved=False):
        return
    for line in order.lines.exclude(product=None).order_by("product_id"):
        Stock.objects.filter(product_id=line.product_id).update(on_hand=F("on_hand") + line.quantity)
    freshness.content_changed()


def cancel_unpaid(order_id: int, *, user=None) -> bool:
    """Cancel an unpaid order and release its stock. Returns False if it was paid or already cancelled."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        if order.status != Order.Status.PENDING_PAYMENT:
            return False
        order.transition(Order.Status.CANCELLED)
        order.cancelled_at = timezone.now()
        order.save(update_fields=["status", "cancelled_at"])
        release_stock(order)
        log(order, "shop.order.cancelled", user=user, data={"reason": "by staff" if user else "not paid in time"})
        return True


def expire_unpaid_orders(now=None) -> int:
    """Cancel every unpaid order past its expiry time and release its stock. Returns how many."""
    now = now or timezone.now()
    due = Order.objects.filter(status=Order.Status.PENDING_PAYMENT, expires_at__lte=now).values_list("pk", flat=True)
    return sum(1 for pk in list(due) if cancel_unpaid(pk))


# Staff actions (the admin's buttons call these; each is recorded in the order's timeline).


def fulfil(*, order_id: int, carrier: str, tracking_number: str, user) -> Shipment:
    """Mark a paid order shipped and e-mail the customer the tracking link."""
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order_id)
        order.transition(Order.Status.FULFILLED)
        order.save(update_fields=["status"])
        shipment = Shipment.objects.create(order=order, carrier=carrier, tracking_number=tracking_number)
        log(order, "shop.order.fulfilled", user=user, data={"carrier": carrier, "tracking_number": tracking_number})
        from .tasks import send_shipping_email

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
                f"At most {format_money(order.refundable_cents)} can be refunded "
                f"({format_money(order.amount_paid_cents)} paid, {format_money(order.amount_refunded_cents)} already refunded)."
            )
        if restock and order.refunds.filter(restocked=True).exists():
            raise OrderActionError("The items of this order were already put back in stock.")
        target = Order.Status.REFUNDED if amount == order.refundable_cents else Order.Status.PARTIALLY_REFUNDED
        order.transition(target)
        result = stripe_api.refund(
            payment_intent_id=order.payment_intent_id,
            amount=amount,
            idempotency_key=f"order-{order.number}-refund-after-{order.amount_refunded_cents}-{amount}",
        )
        order.amount_refunded_cents += amount
        order.save(update_fields=["status", "amount_refunded_cents"])
        record = Refund.objects.create(
            order=order, stripe_refund_id=result.id, amount_cents=amount, restocked=restock, reason=reason, created_by=user
        )
        if restock:
            for line in order.lines.exclude(product=None).order_by("product_id"):
                Stock.objects.filter(product_id=line.product_id).update(on_hand=F("on_hand") + line.quantity)
            freshness.content_changed()
        log(order, "shop.order.refunded", user=user, data={"amount": format_money(amount), "restocked": restock, "reason": reason})
        return record


def add_note(*, order_id: int, text: str, user) -> None:
    order = Order.objects.get(pk=order_id)
    log(order, "shop.order.note", user=user, data={"note": text})
