"""Discount codes at checkout: whether a code applies to a cart, and what it takes off.

`check(code, subtotal, email, now)` answers with a DiscountCheck: the code's row and the amount off, or
the sentence the shopper reads under the field. Checkout calls it when the shopper presses Apply (the
e-mail may not be known yet; the per-e-mail limit is then checked when the order is placed), and
place_order() calls it again inside its transaction on the code's locked row (`lock=True`), so two
concurrent orders cannot use a code beyond its limits.

What counts as a use: an order that names the code and is paid (a later refund does not give the use
back), or is unpaid but still holds its stock (open, not expired). An unpaid order that expired or was
cancelled, or that the shopper replaced by checking out again, uses nothing.

The amounts are worked out in shop/pricing.py (`discount_amount`, `totals(discount=...)`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Q

from .. import pricing
from .models import DiscountCode, Order

MAX_CODE_LENGTH = 40

UNKNOWN = "We don't recognise that code"
EXPIRED = "This code has expired"
NOT_YET = "This code is not valid yet"
USED = "This code has already been used"


@dataclass(frozen=True)
class DiscountCheck:
    """The answer for a code: `discount` (the row) and `amount` (cents off) when it applies, else the
    shopper's `message`."""

    code: str
    discount: DiscountCode | None = None
    amount: int = 0
    message: str = ""

    @property
    def ok(self) -> bool:
        return self.discount is not None and not self.message


def normalise(code: str | None) -> str:
    """The code as stored and shown: trimmed, capitals (codes are case-insensitive)."""
    return (code or "").strip().upper()


def uses(discount: DiscountCode, *, now: datetime, email: str | None = None) -> int:
    """Orders that used the code (paid, or unpaid and still holding stock), for one e-mail if given."""
    orders = Order.objects.filter(discount=discount).filter(Q(paid_at__isnull=False) | Q(pk__in=Order.objects.holding_stock(now).values("pk")))
    if email:
        orders = orders.filter(email__iexact=email)
    return orders.count()


def check(code: str | None, subtotal: int, email: str | None, now: datetime, *, lock: bool = False) -> DiscountCheck:
    """Whether `code` applies to goods worth `subtotal` cents for `email` (empty: not known yet) at
    `now`; with `lock`, inside a transaction, the code's row stays locked until it ends."""
    code = normalise(code)
    if not code or len(code) > MAX_CODE_LENGTH or not code.isprintable():  # NUL and control characters: never a code
        return DiscountCheck(code=code, message=UNKNOWN)
    rows = DiscountCode.objects.filter(code__iexact=code)
    if lock:
        rows = rows.select_for_update()
    discount = rows.first()
    if discount is None or not discount.active:
        return DiscountCheck(code=code, message=UNKNOWN)
    if discount.starts_at and now < discount.starts_at:
        return DiscountCheck(code=code, message=NOT_YET)
    if discount.ends_at and now >= discount.ends_at:
        return DiscountCheck(code=code, message=EXPIRED)
    if discount.minimum_subtotal_cents and subtotal < discount.minimum_subtotal_cents:
        return DiscountCheck(code=code, message=f"This code needs a subtotal of {pricing.format_money(discount.minimum_subtotal_cents)}")
    if discount.usage_limit is not None and uses(discount, now=now) >= discount.usage_limit:
        return DiscountCheck(code=code, message=USED)
    if email and discount.usage_limit_per_email is not None and uses(discount, now=now, email=email) >= discount.usage_limit_per_email:
        return DiscountCheck(code=code, message=USED)
    return DiscountCheck(code=discount.code, discount=discount, amount=pricing.discount_amount(discount.terms, subtotal))
