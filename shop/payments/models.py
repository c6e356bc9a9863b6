"""What the shop keeps about Stripe: the events already handled, each reconciliation run, and the
differences between Stripe and the orders that the last completed run found."""

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


class ReconciliationRunQuerySet(models.QuerySet):
    def completed(self):
        return self.filter(finished_at__isnull=False, error="")


class ReconciliationRun(models.Model):
    """One run of the reconciliation job: when, what it compared and what it found, or why it failed.

    Staff read it on the dashboard, so "no mismatch" always comes with the date it was true on."""

    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    days = models.PositiveSmallIntegerField(help_text="How many days of payments and orders it compared.")
    payments_compared = models.PositiveIntegerField(default=0)
    orders_compared = models.PositiveIntegerField(default=0)
    mismatches_found = models.PositiveIntegerField(default=0)
    error = models.CharField(max_length=500, blank=True, help_text="Why the run failed (e.g. Stripe could not be reached).")

    objects = ReconciliationRunQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at", "-id"]
        get_latest_by = ["started_at", "id"]

    def __str__(self) -> str:
        return f"Reconciliation of {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def failed(self) -> bool:
        return bool(self.error)

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


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
    run = models.ForeignKey(
        ReconciliationRun, null=True, blank=True, on_delete=models.SET_NULL, related_name="mismatches",
        help_text="The reconciliation run that found it.",
    )

    class Meta:
        ordering = ["-found_at"]
        verbose_name_plural = "mismatches"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.detail}"
