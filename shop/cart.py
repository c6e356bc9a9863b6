"""The session cart: product ids and quantities, validated against the catalogue, stock and limits.

Prices are never stored in the cart; they are read from the product records every time, and the
figures (line totals, the subtotal) come from shop/pricing.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from . import pricing
from .catalogue.models import Product

SESSION_KEY = "cart"


class CartError(Exception):
    """Bad cart input; the message is shown to the shopper and nothing changes."""


@dataclass(frozen=True)
class CartLine:
    product: Product
    quantity: int

    @property
    def unit_price(self) -> int:
        return self.product.price_cents

    @property
    def total(self) -> int:
        return pricing.line_total(self.unit_price, self.quantity)


def parse_quantity(raw) -> int:
    """A quantity typed or sent by the shopper, as a positive whole number."""
    try:
        value = int(str(raw).strip())
    except (TypeError, ValueError):
        raise CartError("Quantity must be a whole number.") from None
    if value < 1:
        raise CartError("Quantity must be at least 1.")
    return value


def line_limit(product: Product) -> int:
    return min(product.max_per_order, settings.SHOP_MAX_PER_LINE)


class Cart:
    def __init__(self, session):
        self.session = session
        raw = session.get(SESSION_KEY)
        self.items: dict[str, int] = dict(raw) if isinstance(raw, dict) else {}

    def __len__(self) -> int:
        return sum(self.items.values())

    def _product(self, product_id) -> Product:
        try:
            pk = int(str(product_id).strip())
        except (TypeError, ValueError):
            raise CartError("That product does not exist.") from None
        product = Product.objects.live().select_related("stock").filter(pk=pk).first()
        if product is None:
            raise CartError("That product does not exist.")
        return product

    def _check(self, product: Product, quantity: int) -> None:
        limit = line_limit(product)
        if quantity > limit:
            raise CartError(f"You can order at most {limit} of {product.name} at a time.")
        if quantity > product.stock_on_hand:
            if product.stock_on_hand == 0:
                raise CartError(f"{product.name} is out of stock.")
            raise CartError(f"Only {product.stock_on_hand} of {product.name} left in stock.")

    def add(self, product_id, quantity_raw=1) -> Product:
        quantity = parse_quantity(quantity_raw)
        product = self._product(product_id)
        new_quantity = self.items.get(str(product.pk), 0) + quantity
        self._check(product, new_quantity)
        self.items[str(product.pk)] = new_quantity
        self._save()
        return product

    def set(self, product_id, quantity_raw) -> Product:
        quantity = parse_quantity(quantity_raw)
        product = self._product(product_id)
        if str(product.pk) not in self.items:
            raise CartError(f"{product.name} is not in your cart.")
        self._check(product, quantity)
        self.items[str(product.pk)] = quantity
        self._save()
        return product

    def remove(self, product_id) -> None:
        key = str(product_id).strip()
        if key not in self.items:
            raise CartError("That item is not in your cart.")
        del self.items[key]
        self._save()

    def clear(self) -> None:
        self.items = {}
        self._save()

    def lines(self) -> list[CartLine]:
        """Current lines, priced from the database; products no longer on sale drop out."""
        ids = [int(pk) for pk in self.items if str(pk).isdigit()]
        if not ids:
            return []  # an empty cart builds no query
        products = Product.objects.live().for_cards().in_bulk(ids)
        return [
            CartLine(products[int(pk)], quantity)
            for pk, quantity in self.items.items()
            if str(pk).isdigit() and int(pk) in products
        ]

    def totals(self, lines: list[CartLine] | None = None) -> pricing.Totals:
        """Subtotal of the lines (the current ones if not given), before shipping."""
        return pricing.totals(self.lines() if lines is None else lines)

    def fingerprint(self) -> str:
        return ",".join(f"{pk}x{qty}" for pk, qty in sorted(self.items.items()))

    def _save(self) -> None:
        self.session[SESSION_KEY] = self.items
        self.session.modified = True
