"""The shopper's path: place the order (re-priced from the database, stock reserved), start its one
Stripe payment, and on the return page ask Stripe whether it succeeded.

Stock held by unpaid orders is limited per client so that nobody can make a product look sold out:
a session holds one unpaid order (a new checkout releases the previous one), and an IP address or an
e-mail address holds at most SHOP_HOLDS_PER_CLIENT unpaid orders and SHOP_HOLD_UNITS_PER_CLIENT units.
Checkout posts are rate limited per IP address.
"""

from __future__ import annotations

import hashlib
import ipaddress
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac
from wagtail.log_actions import log

from .. import pricing
from ..catalogue.models import Product, ShippingMethod, Stock
from ..payments import stripe_api
from . import discounts
from .models import Order, OrderLine
from .payment_events import mark_paid
from .staff import cancel_unpaid

NUMBER_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class CheckoutError(Exception):
    """The order cannot be placed; the message is shown to the shopper and nothing is kept."""


class HoldLimitReached(CheckoutError):
    """The client already holds as many unpaid orders or units as it may; nothing is held."""


class CheckoutRateLimited(CheckoutError):
    """Too many checkout attempts from one address in the window; nothing is placed."""


class DiscountRefused(CheckoutError):
    """The discount code no longer applies (expired, used up, ...); the message says why, nothing is placed."""


class ForeignCheckoutKey(CheckoutError):
    """The checkout key was issued to another session: its order is not handed out."""


def client_address(ip: str | None) -> str | None:
    """The address that limits count: an IPv4 address, or the /64 network of an IPv6 address (one
    home or one server gets a whole /64, so counting single IPv6 addresses could be dodged at will)."""
    if not ip:
        return None
    address = ipaddress.ip_address(ip)
    if address.version == 4:
        return str(address)
    if address.ipv4_mapped:
        return str(address.ipv4_mapped)
    return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)


@dataclass(frozen=True)
class Holder:
    """Who asks checkout to hold stock: the session (a keyed hash of its key) and the client's address."""

    session: str
    ip: str | None

    @classmethod
    def of(cls, *, session_key: str, ip: str | None) -> Holder:
        session = salted_hmac("shop.checkout.holder", session_key, algorithm="sha256").hexdigest()
        return cls(session=session, ip=client_address(ip))


def count_in_window(key: str, *, window_seconds: int) -> int:
    """Count one hit on `key` in the shared cache; returns the hits so far in the window that the first
    one opened. The store's rate limits (checkout, find my order) all count through this."""
    cache.add(key, 0, timeout=window_seconds)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window_seconds)
        return 1


def _count_attempt(kind: str, ip: str | None, *, limit: int, tried: str) -> None:
    """Count one `kind` post from `ip` in the checkout window; past `limit`, refuse ("You have <tried>…")."""
    minutes = settings.SHOP_CHECKOUT_RATE_WINDOW_MINUTES
    count = count_in_window(f"checkout:{kind}:{client_address(ip) or 'unknown'}", window_seconds=minutes * 60)
    if count > limit:
        raise CheckoutRateLimited(
            f"You have {tried} in a short while. Please wait {minutes} minutes and try again."
        )


def count_checkout_attempt(ip: str | None) -> None:
    """Count one checkout post from `ip`; refuse past the rate limit."""
    _count_attempt("rate", ip, limit=settings.SHOP_CHECKOUT_RATE_LIMIT, tried="tried to check out many times")


def count_discount_attempt(ip: str | None) -> None:
    """Count one discount code tried from `ip`; refuse past SHOP_DISCOUNT_RATE_LIMIT in the checkout
    window (so codes cannot be guessed by the thousand)."""
    _count_attempt("discount", ip, limit=settings.SHOP_DISCOUNT_RATE_LIMIT, tried="tried many discount codes")


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
    *,
    items: dict[str, int],
    customer: Customer,
    shipping_method_id: int,
    checkout_key: str,
    holder: Holder | None = None,
    discount_code: str = "",
) -> Order:
    """Re-price the cart from the database, reserve stock and create the order, all or nothing.

    The same checkout_key always returns the same order, so a double click or a retry places one order;
    with a `holder` (the web checkout), only to the session that placed it (else ForeignCheckoutKey).
    A holder's previous unpaid order is cancelled and its stock released, and past the per-IP and
    per-e-mail hold limits nothing is placed (HoldLimitReached). Without a holder (staff, scripts) no
    hold limits apply.

    A `discount_code` is checked again here on its locked row (shop/orders/discounts.py), so two
    concurrent orders cannot use it beyond its limits; one that no longer applies raises
    DiscountRefused with the shopper's message.
    """
    existing = _existing(checkout_key, holder)
    if existing:
        return existing
    if not items:
        raise CheckoutError("Your cart is empty.")
    try:
        with transaction.atomic():
            return _place_order(items, customer, shipping_method_id, checkout_key, holder, discount_code)
    except IntegrityError:
        existing = _existing(checkout_key, holder)
        if existing:
            return existing
        raise


def _existing(checkout_key: str, holder: Holder | None) -> Order | None:
    order = Order.objects.filter(checkout_key=checkout_key).first()
    if order is not None and holder is not None and order.held_by_session != holder.session:
        raise ForeignCheckoutKey("This checkout page has run out. Please go back to your cart and check out again.")
    return order


def _lock_clients(holder: Holder, email: str) -> None:
    """Serialise checkouts of one client (session, IP, e-mail) until the transaction ends.

    PostgreSQL transaction-level advisory locks, taken in a fixed order so two checkouts never wait on
    each other crosswise. Other databases (SQLite in development) serialise writers themselves.
    """
    if connection.vendor != "postgresql":
        return
    names = {f"session:{holder.session}", f"email:{email.lower()}"}
    if holder.ip:
        names.add(f"ip:{holder.ip}")
    ids = sorted(int.from_bytes(hashlib.sha256(f"shop.hold:{name}".encode()).digest()[:8], "big", signed=True) for name in names)
    with connection.cursor() as cursor:
        for lock_id in ids:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])


def _release_previous(holder: Holder, checkout_key: str) -> None:
    """Cancel the session's earlier unpaid orders, giving their stock back: one hold per session."""
    previous = Order.objects.filter(
        held_by_session=holder.session,
        status=Order.Status.OPEN,
        payment_status__in=[Order.PaymentStatus.PENDING, Order.PaymentStatus.FAILED],
    ).exclude(checkout_key=checkout_key)
    for pk in previous.order_by("pk").values_list("pk", flat=True):
        cancel_unpaid(pk, reason="replaced by a new checkout")


def _check_hold_limits(holder: Holder, email: str, units: int, now) -> None:
    """Refuse when the holder's IP or the e-mail would hold too many unpaid orders or units."""
    max_orders, max_units = settings.SHOP_HOLDS_PER_CLIENT, settings.SHOP_HOLD_UNITS_PER_CLIENT
    holding = Order.objects.holding_stock(now)
    groups = [holding.filter(email__iexact=email)]
    if holder.ip:
        groups.append(holding.filter(held_by_ip=holder.ip))
    for orders in groups:
        held_orders = orders.count()
        held_units = OrderLine.objects.filter(order__in=orders).aggregate(n=Sum("quantity"))["n"] or 0
        if held_orders + 1 > max_orders or held_units + units > max_units:
            raise HoldLimitReached(
                f"Too many items are already held for you in unpaid orders (at most {max_orders} orders and "
                f"{max_units} items at once). Please pay for an earlier order, order fewer items, or try again "
                f"once the earlier holds have run out ({settings.SHOP_ORDER_EXPIRY_MINUTES} minutes)."
            )


def _place_order(items, customer, shipping_method_id, checkout_key, holder, discount_code) -> Order:
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
    now = timezone.now()
    if holder is not None:
        _lock_clients(holder, customer.email)
        if existing := _existing(checkout_key, holder):  # a concurrent retry got here first
            return existing
        _release_previous(holder, checkout_key)
        _check_hold_limits(holder, customer.email, sum(quantities.values()), now)
    discount = None
    if discount_code:
        # After the session's earlier order was released (it no longer counts as a use); the code's row
        # stays locked until this order is committed, so the next order's count includes it.
        checked = discounts.check(discount_code, pricing.subtotal(lines.values()), customer.email, now, lock=True)
        if not checked.ok:
            raise DiscountRefused(checked.message + ".")
        discount = checked.discount
    totals = method.quote(lines.values(), discount=discount.terms if discount else None)
    if totals.total < pricing.MINIMUM_CHARGE_CENTS:  # only a discount can bring it there
        raise DiscountRefused(
            f"With this code your order comes to {pricing.format_money(totals.total)}, and a card payment must be at "
            f"least {pricing.format_money(pricing.MINIMUM_CHARGE_CENTS)}. Please remove the code or choose another shipping method."
        )
    order = Order.objects.create(
        number=new_order_number(),
        token=secrets.token_urlsafe(32),
        checkout_key=checkout_key,
        shipping_method=method,
        shipping_name=method.name,
        currency=settings.SHOP_CURRENCY,
        subtotal_cents=totals.subtotal,
        discount_cents=totals.discount,
        discount_code=discount.code if discount else "",
        discount=discount,
        shipping_cents=totals.shipping,
        total_cents=totals.total,
        created_at=now,
        expires_at=now + timedelta(minutes=settings.SHOP_ORDER_EXPIRY_MINUTES),
        held_by_session=holder.session if holder else "",
        held_by_ip=holder.ip if holder else None,
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
    placed = {"total": pricing.format_money(order.total_cents)}
    if discount:
        placed.update(discount_code=order.discount_code, discount=pricing.format_money(order.discount_cents))
    log(order, "shop.order.placed", data=placed)
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
