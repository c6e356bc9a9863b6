"""Orders and what hangs off them: lines (prices as they were when ordered), refunds and the shipment;
and the order's state machine.

`Order.transition()` is the only way to change an order's status: it checks the move against
`Order.TRANSITIONS`, saves the status (with whatever else the move changes) and writes the move into
the order's timeline (Wagtail's audit log). A move the table does not allow raises
TransitionNotAllowed and changes nothing; so does saving a status changed by hand.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from .. import pricing
from ..catalogue.models import Product, ShippingMethod


class TransitionNotAllowed(Exception):
    """The order cannot move from its current status to the one asked for; nothing was changed."""

    def __init__(self, message: str, *, order: Order | None = None, to: str | None = None) -> None:
        super().__init__(message)
        self.order = order
        self.to = to


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", "Pending payment"
        PAID = "paid", "Paid"
        FULFILLED = "fulfilled", "Fulfilled"
        PARTIALLY_REFUNDED = "partially_refunded", "Partially refunded"
        REFUNDED = "refunded", "Refunded"
        CANCELLED = "cancelled", "Cancelled"
        DISPUTED = "disputed", "Disputed"

    # The state machine: which status may follow which. A new order is pending payment. Late payment of
    # a cancelled (expired) order is Stripe's word that the money was taken: accepted.
    TRANSITIONS = {
        Status.PENDING_PAYMENT: {Status.PAID, Status.CANCELLED},
        Status.CANCELLED: {Status.PAID},
        Status.PAID: {Status.FULFILLED, Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.DISPUTED},
        Status.FULFILLED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.DISPUTED},
        Status.PARTIALLY_REFUNDED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.FULFILLED, Status.DISPUTED},
        Status.DISPUTED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.PAID, Status.FULFILLED},
        Status.REFUNDED: set(),
    }
    # The timeline entry (audit-log action, registered in wagtail_hooks.py) each move writes, by new status.
    TRANSITION_LOG_ACTIONS = {
        Status.PAID: "shop.order.paid",
        Status.FULFILLED: "shop.order.fulfilled",
        Status.PARTIALLY_REFUNDED: "shop.order.refunded",
        Status.REFUNDED: "shop.order.refunded",
        Status.CANCELLED: "shop.order.cancelled",
        Status.DISPUTED: "shop.order.disputed",
    }

    number = models.CharField(max_length=20, unique=True)
    token = models.CharField(max_length=64, unique=True)
    checkout_key = models.CharField(max_length=64, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING_PAYMENT)

    email = models.EmailField()
    full_name = models.CharField(max_length=120)
    address_line1 = models.CharField("address", max_length=200)
    address_line2 = models.CharField("address line 2", max_length=200, blank=True)
    city = models.CharField(max_length=100)
    region = models.CharField("state", max_length=100, blank=True)
    postal_code = models.CharField("ZIP code", max_length=20)
    country = models.CharField(max_length=2, default="US")

    shipping_method = models.ForeignKey(ShippingMethod, null=True, on_delete=models.SET_NULL)
    shipping_name = models.CharField(max_length=80)
    currency = models.CharField(max_length=3, default="usd")
    subtotal_cents = models.PositiveIntegerField()
    shipping_cents = models.PositiveIntegerField()
    total_cents = models.PositiveIntegerField()

    payment_intent_id = models.CharField(max_length=255, blank=True, db_index=True)
    amount_paid_cents = models.PositiveIntegerField(default=0)
    amount_refunded_cents = models.PositiveIntegerField(default=0)
    last_payment_error = models.CharField(max_length=500, blank=True)
    needs_attention = models.CharField(
        max_length=500, blank=True, help_text="Set when something needs a person: a dispute, a late payment, an amount mismatch."
    )
    stock_reserved = models.BooleanField(default=True)

    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    expires_at = models.DateTimeField()
    paid_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)

    _transitioning = False

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_cents=models.F("subtotal_cents") + models.F("shipping_cents")),
                name="order_total_adds_up",
            ),
            models.CheckConstraint(
                condition=Q(amount_refunded_cents__lte=models.F("amount_paid_cents")),
                name="order_refund_not_above_paid",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    def get_absolute_url(self) -> str:
        return reverse("shop:order_detail", kwargs={"token": self.token})

    @property
    def is_paid(self) -> bool:
        return self.paid_at is not None

    @property
    def total_display(self) -> str:
        return pricing.format_money(self.total_cents, self.currency)

    total_display.fget.short_description = "Total"

    @property
    def payment_state(self) -> str:
        if self.status == self.Status.DISPUTED:
            return "Disputed"
        if self.paid_at is None:
            return "Failed, awaiting retry" if self.last_payment_error else "Unpaid"
        if pricing.is_fully_refunded(paid=self.amount_paid_cents, refunded=self.amount_refunded_cents):
            return "Refunded"
        if self.amount_refunded_cents:
            return f"Paid, {pricing.format_money(self.amount_refunded_cents)} refunded"
        return "Paid"

    @property
    def refundable_cents(self) -> int:
        return pricing.refundable(paid=self.amount_paid_cents, refunded=self.amount_refunded_cents)

    def status_after_refunds(self, refunded: int) -> str:
        """Refunded once `refunded` cents cover what was paid, else partially refunded."""
        if pricing.is_fully_refunded(paid=self.amount_paid_cents, refunded=refunded):
            return self.Status.REFUNDED
        return self.Status.PARTIALLY_REFUNDED

    def stock_items(self) -> list[tuple[int, int]]:
        """(product id, quantity) of the lines whose product still exists, for taking or giving back stock."""
        return [(line.product_id, line.quantity) for line in self.lines.exclude(product=None)]

    # The state machine.

    def can_transition(self, to: str) -> bool:
        return to in self.TRANSITIONS.get(self.status, set())

    def check_transition(self, to: str) -> None:
        """Raise TransitionNotAllowed unless the table allows moving from the current status to `to`."""
        if not self.can_transition(to):
            raise TransitionNotAllowed(
                f"Order {self.number} is {self.get_status_display().lower()}: it cannot become "
                f"{self.Status(to).label.lower()}.",
                order=self,
                to=to,
            )

    def transition(self, to: str, *, user=None, data: dict[str, Any] | None = None, changes: dict[str, Any] | None = None) -> None:
        """Move the order to status `to`, the only way its status changes.

        Refuses a move the table does not allow with TransitionNotAllowed, changing nothing (in memory
        or in the database). Otherwise sets the status and `changes` (the other fields the move changes,
        e.g. paid_at), saves exactly those, and records the move in the order's timeline by `user`
        (None: the system) with `data`, all in one transaction. Call it on an order locked with
        select_for_update() inside transaction.atomic(), so that two moves cannot cross.
        """
        self.check_transition(to)
        changes = dict(changes or {})
        before = {name: getattr(self, name) for name in ["status", *changes]}
        for name, value in changes.items():
            setattr(self, name, value)
        self.status = to
        self._transitioning = True
        try:
            with transaction.atomic():
                self.save(update_fields=["status", *changes])
                log(self, self.TRANSITION_LOG_ACTIONS[to], user=user, data=data or {})
        except BaseException:
            for name, value in before.items():
                setattr(self, name, value)
            raise
        finally:
            self._transitioning = False

    transition.alters_data = True

    def save(self, *args, **kwargs):
        """Save; a status changed other than by transition() is refused (TransitionNotAllowed)."""
        update_fields = kwargs.get("update_fields")
        if not self._state.adding and not self._transitioning and (update_fields is None or "status" in update_fields):
            saved = Order.objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if saved is not None and saved != self.status:
                raise TransitionNotAllowed(
                    f"Order {self.number}: its status changes only through Order.transition() "
                    f"(from {saved} to {self.status} was asked for).",
                    order=self,
                    to=self.status,
                )
        super().save(*args, **kwargs)

    save.alters_data = True


class OrderLine(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="lines")
    product = models.ForeignKey(Product, null=True, on_delete=models.SET_NULL, related_name="+")
    sku = models.CharField(max_length=40)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True, help_text="The product description when the order was placed.")
    unit_price_cents = models.PositiveIntegerField()
    quantity = models.PositiveIntegerField()
    line_total_cents = models.PositiveIntegerField()

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gte=1), name="order_line_quantity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.name}"


class Refund(models.Model):
    """Money given back, through our admin or seen in Stripe (charge.refunded, reconciliation)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    amount_cents = models.PositiveIntegerField()
    restocked = models.BooleanField(default=False)
    reason = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=Q(amount_cents__gte=1), name="refund_amount_positive")]

    def __str__(self) -> str:
        return f"Refund of {pricing.format_money(self.amount_cents)} on {self.order}"


class Shipment(models.Model):
    order = models.OneToOneField(Order, on_delete=models.CASCADE, related_name="shipment")
    carrier = models.CharField(max_length=60)
    tracking_number = models.CharField(max_length=80)
    shipped_at = models.DateTimeField(default=timezone.now)
    email_sent_at = models.DateTimeField(null=True, blank=True)

    CARRIER_TRACKING_URLS = {
        "USPS": "https://tools.usps.com/go/TrackConfirmAction?tLabels={}",
        "UPS": "https://www.ups.com/track?tracknum={}",
        "FedEx": "https://www.fedex.com/fedextrack/?trknbr={}",
        "DHL": "https://www.dhl.com/us-en/home/tracking.html?tracking-id={}",
    }

    def __str__(self) -> str:
        return f"{self.carrier} {self.tracking_number}"

    @property
    def tracking_url(self) -> str:
        pattern = self.CARRIER_TRACKING_URLS.get(self.carrier)
        return pattern.format(quote(self.tracking_number)) if pattern else ""
