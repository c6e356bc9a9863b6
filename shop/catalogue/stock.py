"""Staff adjustments of stock: received, damaged or lost, count correction. One transactional service.

The change is computed under the stock row's lock from the figure at that moment, never from what a
form showed, so sales made while the form was open are kept. A count correction means "the counted
number is on hand now": the figure becomes the counted number at the moment it is saved, and the
ledger records the difference. Count what is free to sell (units set aside for orders not yet shipped
are already off the figure), and save right after counting: a sale between counting and saving is
not subtracted again.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import F
from wagtail.log_actions import log

from .. import freshness
from .models import Stock, StockMovement

MAX_UNITS = 100_000  # per adjustment; a larger figure is a typing slip
MAX_ON_HAND = 1_000_000


class StockAdjustmentError(Exception):
    """An adjustment refused, with a message for the person who asked."""


def adjust_stock(*, stock_id: int, kind: str, quantity: int, note: str, user) -> StockMovement:
    """Record one adjustment by `user` and apply it; raises StockAdjustmentError (nothing changed) if it
    would take the figure below zero or the input is not a sensible number of units."""
    if kind not in StockMovement.ADJUSTMENTS:
        raise StockAdjustmentError("Choose received, damaged or lost, or count correction.")
    if type(quantity) is not int or not 0 <= quantity <= MAX_UNITS:
        raise StockAdjustmentError(f"Enter a whole number of units from 0 to {MAX_UNITS:,}.")
    if quantity == 0 and kind != StockMovement.Kind.COUNT:
        raise StockAdjustmentError("Enter at least one unit.")
    note = (note or "").strip()
    if not note:
        raise StockAdjustmentError("Say why in the note.")
    if len(note) > 500:
        raise StockAdjustmentError("Keep the note under 500 characters.")
    with transaction.atomic():
        stock = Stock.objects.select_for_update().select_related("product").get(pk=stock_id)
        if kind == StockMovement.Kind.RECEIVED:
            change = quantity
        elif kind == StockMovement.Kind.DAMAGED:
            change = -quantity
        else:
            change = quantity - stock.on_hand
        after = stock.on_hand + change
        if after < 0:
            raise StockAdjustmentError(
                f"Only {stock.on_hand} of {stock.product.name} on hand: cannot remove {quantity}. "
                "Record a count correction if the figure is wrong."
            )
        if after > MAX_ON_HAND:
            raise StockAdjustmentError(f"That would make {after:,} on hand; the most the shop records is {MAX_ON_HAND:,}.")
        Stock.objects.filter(pk=stock.pk).update(on_hand=F("on_hand") + change)
        movement = StockMovement.objects.create(
            stock=stock, kind=kind, change=change, on_hand_after=after, note=note, user=user
        )
        stock.on_hand = after
        log(
            instance=stock,
            action="shop.stock.adjusted",
            user=user,
            data={"kind": kind, "change": change, "on_hand": after, "note": note},
        )
    freshness.content_changed()
    return movement
