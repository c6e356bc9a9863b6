"""All money arithmetic: integer cents in, frozen results out. No Django import."""

from __future__ import annotations

from dataclasses import dataclass


def format_money(cents: int, currency: str = "usd") -> str:
    """Format integer cents as a price a shopper reads, e.g. 19595 -> "$195.95"."""
    if currency.lower() != "usd":
        raise ValueError(f"Unsupported currency: {currency}")
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(int(cents)), 100)
    return f"{sign}${dollars:,}.{rest:02d}"


def cents_to_decimal_string(cents: int) -> str:
    """Machine-readable amount for structured data, e.g. 19595 -> "195.95"."""
    dollars, rest = divmod(int(cents), 100)
    return f"{dollars}.{rest:02d}"


@dataclass(frozen=True)
class Line:
    sku: str
    name: str
    unit_price: int
    quantity: int

    @property
    def total(self) -> int:
        return self.unit_price * self.quantity


@dataclass(frozen=True)
class Totals:
    subtotal: int
    shipping: int
    total: int
    currency: str = "usd"


def line_totals(lines: list[Line] | tuple[Line, ...], *, shipping: int = 0, currency: str = "usd") -> Totals:
    """Sum lines and shipping; every amount is integer cents."""
    subtotal = sum(line.total for line in lines)
    return Totals(subtotal=subtotal, shipping=shipping, total=subtotal + shipping, currency=currency)


def shipping_cost(*, price: int, free_over: int | None, subtotal: int) -> int:
    """Shipping for a method: free when the subtotal reaches its threshold, else its flat price."""
    if free_over is not None and subtotal >= free_over:
        return 0
    return price
