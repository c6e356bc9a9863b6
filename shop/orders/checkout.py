"""The shopper's path: place the order (re-priced from the database, stock reserved), start its one
Stripe payment, and on the return page ask Stripe whether it succeeded."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log

from .. import pricing
from ..catalogue.models import Product, ShippingMethod, Stock
from ..payments import stripe_api
from .models import Order, OrderLine
from .payment_events import mark_paid

NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CheckoutError(Exception):
    """The order cannot be placed; the message is shown to the shopper and nothing is kept."""


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
    for pk in sorted(quantities):
        if not 1 <= quantities[pk] <= products[pk].max_per_order:
            raise CheckoutError(f"Please check the quantity of {products[pk].name}.")
    lines = {pk: pricing.Line(products[pk].price_cents, quantities[pk]) for pk in sorted(quantities)}
    totals = method.quote(lines.values())
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
    # Reserve in a fixed order (by id) so concurrent checkouts never deadlock; the stock ledger's rows
    # name the order. Not enough stock undoes the order with everything else (place_order's transaction).
    for pk in sorted(quantities):
        if not Stock.objects.take(pk, quantities[pk], order=order, reason="Checkout"):
            raise CheckoutError(f"Sorry, there is not enough {products[pk].name} in stock for your order.")
    OrderLine.objects.bulk_create(
        OrderLine(
            order=order,
            product=products[pk],
            sku=products[pk].sku,
            name=products[pk].name,
            description=products[pk].description,
            unit_price_cents=line.unit_price,
            quantity=line.quantity,
            line_total_cents=line.total,
        )
        for pk, line in lines.items()
    )
    log(order, "shop.order.placed", data={"total": pricing.format_money(order.total_cents)})
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


def sync_payment(order: Order) -> Order:
    """Ask Stripe about the order's PaymentIntent (the return page's path) and record a success."""
    if order.payment_intent_id and order.paid_at is None:
        intent = stripe_api.retrieve_payment_intent(order.payment_intent_id)
        if intent.status == "succeeded":
            mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=intent.amount, currency=intent.currency)
            order.refresh_from_db()
    return order
