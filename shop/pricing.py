"""All the shop's money arithmetic, in integer cents, and how an amount is written.

Line totals, the subtotal, shipping (a method's flat price, free from a threshold), order totals, the
refund caps, and the conversions between cents and the decimal amounts people type and read. Pure
functions: no Django, no database, so every rule is tested on its own (tests/shop/test_pricing.py).
The cart, checkout, orders, refunds and the templates take their figures from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Protocol


class Priced(Protocol):
    """Anything with a unit price in cents and a quantity: a cart line, a line being ordered."""

    @property
    def unit_price(self) -> int: ...

    @property
    def quantity(self) -> int: ...


@dataclass(frozen=True)
class Line:
    unit_price: int
    quantity: int

    @property
    def total(self) -> int:
        return line_total(self.unit_price, self.quantity)


@dataclass(frozen=True)
class Totals:
    subtotal: int
    shipping: int
    total: int
    currency: str = "usd"
    discount: int = 0

    @property
    def discounted_subtotal(self) -> int:
        """The goods once the discount is taken off: what free shipping is judged on."""
        return self.subtotal - self.discount


# The smallest card payment Stripe takes in the shop's currency (USD: $0.50). An order whose total a
# discount brings below it cannot be paid by card, so it is not placed (orders/checkout.py).
MINIMUM_CHARGE_CENTS = 50


@dataclass(frozen=True)
class Discount:
    """A discount code's terms: `kind` "percent" (value: whole percent, 1-100) or "amount" (value: cents)."""

    kind: str
    value: int

    PERCENT = "percent"
    AMOUNT = "amount"


def discount_amount(discount: Discount | None, subtotal: int) -> int:
    """What a discount takes off a goods subtotal: a percentage rounded half up to the cent, or a fixed
    amount; never more than the subtotal, never below 0."""
    if discount is None or subtotal <= 0:
        return 0
    if discount.kind == Discount.PERCENT:
        off = (Decimal(subtotal) * Decimal(discount.value) / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        amount = int(off)
    elif discount.kind == Discount.AMOUNT:
        amount = int(discount.value)
    else:
        raise ValueError(f"Unknown kind of discount: {discount.kind}")
    return min(max(amount, 0), subtotal)


def line_total(unit_price: int, quantity: int) -> int:
    """Price of `quantity` units; exact in cents, so there is nothing to round."""
    return int(unit_price) * int(quantity)


def subtotal(lines: Iterable[Priced]) -> int:
    return sum(line_total(line.unit_price, line.quantity) for line in lines)


def shipping_cost(*, price: int, free_over: int | None, subtotal: int) -> int:
    """Shipping for a method: free when the subtotal reaches its threshold, else its flat price."""
    if free_over is not None and subtotal >= free_over:
        return 0
    return price


def totals(
    lines: Iterable[Priced],
    *,
    shipping_price: int = 0,
    free_over: int | None = None,
    currency: str = "usd",
    discount: Discount | None = None,
) -> Totals:
    """Subtotal, discount, shipping and total for lines sent with a method priced `shipping_price` (free
    from `free_over`); without a method, shipping is 0. The discount comes off the goods subtotal (never
    below 0), free shipping is judged on the subtotal after the discount, and
    total = subtotal - discount + shipping."""
    amount = subtotal(lines)
    off = discount_amount(discount, amount)
    shipping = shipping_cost(price=shipping_price, free_over=free_over, subtotal=amount - off)
    return Totals(subtotal=amount, shipping=shipping, total=amount - off + shipping, currency=currency, discount=off)


@dataclass(frozen=True)
class FreeShippingProgress:
    """How far a subtotal is from a method's free-shipping threshold (`remaining` is 0 once reached)."""

    threshold: int
    remaining: int

    @property
    def reached(self) -> bool:
        return self.remaining == 0

    @property
    def percent(self) -> int:
        """Share of the threshold reached, 0-100, rounded down (for a progress bar)."""
        if self.threshold <= 0:
            return 100
        return min((self.threshold - self.remaining) * 100 // self.threshold, 100)


def free_shipping_progress(*, subtotal: int, free_over: int | None) -> FreeShippingProgress | None:
    """What is left to spend before shipping is free (by the rule of `shipping_cost`); None without a
    threshold."""
    if free_over is None:
        return None
    return FreeShippingProgress(threshold=free_over, remaining=max(free_over - subtotal, 0))


# Refunds: never more than what was paid.


def refundable(*, paid: int, refunded: int) -> int:
    """What can still be refunded."""
    return max(paid - refunded, 0)


def is_fully_refunded(*, paid: int, refunded: int) -> bool:
    return refunded >= paid


def after_refund(amount: int, *, paid: int, refunded: int) -> int:
    """The refunded total once `amount` more is given back; ValueError unless it is at least a cent and
    at most what is left to refund."""
    left = refundable(paid=paid, refunded=refunded)
    if not 1 <= amount <= left:
        raise ValueError(f"Cannot refund {amount} cents: {left} left to refund.")
    return refunded + amount


def discount_shares(line_totals: list[int], discount: int) -> list[int]:
    """The order's discount spread over its lines in proportion to their totals, in whole cents that add
    up to the discount exactly (largest remainders get the odd cents, earlier lines first on a tie); a
    line never gets more than its own total."""
    whole = sum(line_totals)
    discount = min(max(discount, 0), whole)
    if not discount:
        return [0] * len(line_totals)
    shares = [total * discount // whole for total in line_totals]
    remainders = sorted(range(len(line_totals)), key=lambda i: (-(line_totals[i] * discount % whole), i))
    for i in remainders[: discount - sum(shares)]:
        shares[i] += 1
    return shares


@dataclass(frozen=True)
class RefundedUnits:
    """Units of an order line given back: `quantity` now, `before` of them refunded earlier, of the line's
    `ordered` units sold at `unit_price`, the line carrying `discount` cents of the order's discount."""

    unit_price: int
    quantity: int
    ordered: int
    before: int = 0
    discount: int = 0

    @property
    def total(self) -> int:
        """What was actually paid for these units: the line's paid amount (its total less its share of
        the discount) spread over its units, cumulatively rounded down, so that refunding every unit,
        in any steps, gives back exactly what the line cost and never more."""
        paid = line_total(self.unit_price, self.ordered) - self.discount
        return paid * (self.before + self.quantity) // self.ordered - paid * self.before // self.ordered


def _refund_for(line) -> int:
    if isinstance(line, RefundedUnits):
        return line.total
    return line_total(line.unit_price, line.quantity)


@dataclass(frozen=True)
class RefundQuote:
    """A refund worked out from what is given back: lines, shipping, an extra amount; `amount` is their
    sum capped at what is left to refund (`capped` says the cap applied)."""

    lines: int
    shipping: int
    extra: int
    amount: int
    capped: bool


def quote_refund(*, lines: Iterable[Priced | RefundedUnits], shipping: int, extra: int, paid: int, refunded: int) -> RefundQuote:
    """The refund for units of lines (at the price they were sold; for RefundedUnits, what was actually
    paid for them once the order's discount is pro-rated across its lines), shipping and an extra amount,
    never more than what is left to refund. ValueError for a negative part."""
    lines = list(lines)
    if shipping < 0 or extra < 0 or any(line.quantity < 0 for line in lines):
        raise ValueError("A refund is made of amounts of at least zero.")
    if any(isinstance(line, RefundedUnits) and line.before + line.quantity > line.ordered for line in lines):
        raise ValueError("A refund cannot give back more units than were ordered.")
    for_lines = sum(_refund_for(line) for line in lines)
    wanted = for_lines + shipping + extra
    left = refundable(paid=paid, refunded=refunded)
    return RefundQuote(lines=for_lines, shipping=shipping, extra=extra, amount=min(wanted, left), capped=wanted > left)


def shipping_refundable(*, shipping: int, refunded: int) -> int:
    """What is left of the shipping charge to refund."""
    return max(shipping - refunded, 0)


def newly_refunded(stripe_total: int, *, paid: int, refunded: int) -> int:
    """The part of Stripe's running total of refunds on a charge that is not on the order yet, capped
    at what was paid (Stripe's total only grows, so a repeated or late figure gives 0)."""
    return max(min(stripe_total, paid) - refunded, 0)


# Writing and reading amounts.


def format_money(cents: int, currency: str = "usd") -> str:
    """Format integer cents as a price a shopper reads, e.g. 19595 -> "$195.95"."""
    if currency.lower() != "usd":
        raise ValueError(f"Unsupported currency: {currency}")
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(int(cents)), 100)
    return f"{sign}${dollars:,}.{rest:02d}"


def cents_to_decimal_string(cents: int) -> str:
    """Machine-readable amount (structured data, form fields), e.g. 19595 -> "195.95"."""
    sign = "-" if cents < 0 else ""
    dollars, rest = divmod(abs(int(cents)), 100)
    return f"{sign}{dollars}.{rest:02d}"


def cents_from_decimal(amount: Decimal) -> int:
    """A decimal amount in dollars as cents, a half cent rounding up: Decimal("12.34") -> 1234."""
    return int((Decimal(amount) * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
