"""What the shop keeps about Stripe: the events already handled, and the differences between Stripe
and the orders that reconciliation found."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from ..orders.models import Order


class StripeEvent(models.Model):
    """Each Stripe event id is handled once."""

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.SET_NULL, related_name="stripe_events")
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"


class Mismatch(models.Model):
    """A difference between Stripe and our orders, found by the reconciliation job."""

    class Kind(models.TextChoices):
        PAYMENT_WITHOUT_ORDER = "payment_without_paid_order", "Payment without a paid order"
        ORDER_WITHOUT_PAYMENT = "paid_order_without_payment", "Paid order without a succeeded payment"
        AMOUNT_DIFFERS = "amount_differs", "Amount differs"
        REFUND_NOT_RECORDED = "refund_not_recorded", "Refund in Stripe not on the order"

    kind = models.CharField(max_length=40, choices=Kind.choices)
    order = models.ForeignKey(Order, null=True, blank=True, on_delete=models.CASCADE, related_name="mismatches")
    payment_intent_id = models.CharField(max_length=255, blank=True)
    detail = models.CharField(max_length=500)
    found_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-found_at"]
        verbose_name_plural = "mismatches"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail}"
