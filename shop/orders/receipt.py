"""The printable receipt of a paid order: what it shows beyond the order page (the store's own name and
address, the payment method) and the rule that an unpaid order has none."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from .models import Order


class NoReceipt(Exception):
    """The order is not paid (yet, or ever): there is nothing to give a receipt for."""


@dataclass(frozen=True)
class Receipt:
    order: Order
    store_name: str
    store_address: tuple[str, ...]
    payment_method: str


def payment_summary(order: Order) -> str:
    """The card's brand and last four digits when the order stores them, else just "Card"."""
    brand, last4 = getattr(order, "card_brand", ""), getattr(order, "card_last4", "")
    if brand and last4:
        return f"{brand.title()} ending in {last4}"
    return "Card"


def receipt_for(order: Order) -> Receipt:
    """The receipt of a paid order; raises NoReceipt for an order that was never paid."""
    if order.paid_at is None:
        raise NoReceipt(f"Order {order.number} is not paid, so it has no receipt yet.")
    return Receipt(
        order=order,
        store_name=settings.SHOP_STORE_NAME,
        store_address=tuple(line for line in settings.SHOP_STORE_ADDRESS if line.strip()),
        payment_method=payment_summary(order),
    )
