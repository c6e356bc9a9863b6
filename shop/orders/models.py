"""Orders and what hangs off them: lines (prices as they were when ordered), refunds (by line) and the
shipment; and the order's three state machines.

An order has a payment status (pending, paid, partially refunded, refunded, disputed, failed), a
fulfilment status (unfulfilled, partially fulfilled, fulfilled, returned) and a lifecycle status (open,
or cancelled: by staff, or because it was not paid in time; `cancelled_at` says when). `Order.transition()`
is the only way any of the three changes: it checks each move against its table, saves the statuses
(with whatever else the move changes) and writes one entry into the order's timeline (Wagtail's audit
log). A move a table does not allow raises TransitionNotAllowed and changes nothing; so does saving a
status changed by hand.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q, Sum
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from .. import pricing
from ..catalogue.models import Product, ShippingMethod

class TransitionNotAllowed(Exception):
    """The order cannot make the move asked for; nothing was changed."""

    def __init__(self, message: str, *, order: Order | None = None, to: str | None = None) -> None:
        super().__init__(message)
        self.order = order
        self.to = to


class DiscountCode(models.Model):
    """A code a shopper types at checkout: a percentage or a fixed amount off the goods, with an optional
    minimum subtotal, dates and usage limits. The rules are in shop/orders/discounts.py (check())."""

    class Kind(models.TextChoices):
        PERCENT = pricing.Discount.PERCENT, "Percentage off"
        AMOUNT = pricing.Discount.AMOUNT, "Fixed amount off (cents)"

    code = models.CharField(max_length=40, help_text="What the shopper types; capitals or not make no difference.")
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.PERCENT)
    value = models.PositiveIntegerField(help_text="Percent (1-100) for a percentage, cents for a fixed amount (1000 = $10.00).")
    minimum_subtotal_cents = models.PositiveIntegerField(
        "minimum subtotal (cents)", null=True, blank=True, help_text="The goods must come to at least this much (cents), before the discount."
    )
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    usage_limit = models.PositiveIntegerField(
        "usage limit", null=True, blank=True, help_text="How many orders may use the code in all (paid orders and unpaid ones still held)."
    )
    usage_limit_per_email = models.PositiveIntegerField("usage limit per e-mail", null=True, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["code"]
        verbose_name = "discount code"
        constraints = [
            models.UniqueConstraint(Upper("code"), name="discount_code_unique_ignoring_case"),
            models.CheckConstraint(
                condition=~Q(kind="percent") | Q(value__gte=1, value__lte=100), name="discount_percent_1_to_100"
            ),
            models.CheckConstraint(condition=Q(value__gte=1), name="discount_value_positive"),
        ]

    def __str__(self) -> str:
        return self.code

    def clean(self):
        from django.core.exceptions import ValidationError

        self.code = (self.code or "").strip().upper()
        errors = {}
        if self.kind == self.Kind.PERCENT and not 1 <= (self.value or 0) <= 100:
            errors["value"] = "A percentage is from 1 to 100."
        if self.value is not None and self.value < 1:
            errors["value"] = "The value is at least 1."
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = "The end comes after the start."
        if self.code and DiscountCode.objects.filter(code__iexact=self.code).exclude(pk=self.pk).exists():
            errors["code"] = "Another discount code is spelled the same way."
        if errors:
            raise ValidationError(errors)

    @property
    def terms(self) -> pricing.Discount:
        return pricing.Discount(kind=self.kind, value=self.value)

    @property
    def value_display(self) -> str:
        return f"{self.value}%" if self.kind == self.Kind.PERCENT else pricing.format_money(self.value)

    value_display.fget.short_description = "Discount"

    @property
    def times_used(self) -> int:
        """Orders that used the code: paid, or unpaid and still holding their stock (see discounts.uses)."""
        from .discounts import uses

        return uses(self, now=timezone.now())

    times_used.fget.short_description = "Used"


class OrderQuerySet(models.QuerySet):
    def holding_stock(self, now=None):
        """Open, unpaid orders whose hold has not run out: the units a client is holding right now."""
        return self.filter(
            status=Order.Status.OPEN,
            payment_status__in=[Order.PaymentStatus.PENDING, Order.PaymentStatus.FAILED],
            stock_reserved=True,
            expires_at__gt=now or timezone.now(),
        )


class Order(models.Model):
    class Status(models.TextChoices):
        """The order's lifecycle: open, or cancelled (by staff, or unpaid in time)."""

        OPEN = "open", "Open"
        CANCELLED = "cancelled", "Cancelled"

    class PaymentStatus(models.TextChoices):
        PENDING = "pending", "Payment pending"
        PAID = "paid", "Paid"
        PARTIALLY_REFUNDED = "partially_refunded", "Partially refunded"
        REFUNDED = "refunded", "Refunded"
        DISPUTED = "disputed", "Disputed"
        FAILED = "failed", "Payment failed"

    class FulfilmentStatus(models.TextChoices):
        UNFULFILLED = "unfulfilled", "Unfulfilled"
        PARTIALLY_FULFILLED = "partially_fulfilled", "Partially fulfilled"
        FULFILLED = "fulfilled", "Fulfilled"
        RETURNED = "returned", "Returned"

    # The state machines: which value may follow which, per field. A late payment of a cancelled
    # (expired) order is Stripe's word that the money was taken: the order opens again.
    P, F, S = PaymentStatus, FulfilmentStatus, Status
    TRANSITIONS = {
        "payment_status": {
            P.PENDING: {P.PAID, P.FAILED},
            P.FAILED: {P.PAID, P.FAILED},
            P.PAID: {P.PARTIALLY_REFUNDED, P.REFUNDED, P.DISPUTED},
            P.PARTIALLY_REFUNDED: {P.PARTIALLY_REFUNDED, P.REFUNDED, P.DISPUTED},
            P.DISPUTED: {P.PAID, P.PARTIALLY_REFUNDED, P.REFUNDED},
            P.REFUNDED: set(),
        },
        "fulfilment_status": {
            F.UNFULFILLED: {F.PARTIALLY_FULFILLED, F.FULFILLED},
            F.PARTIALLY_FULFILLED: {F.PARTIALLY_FULFILLED, F.FULFILLED, F.RETURNED},
            F.FULFILLED: {F.RETURNED},
            F.RETURNED: set(),
        },
        "status": {
            S.OPEN: {S.CANCELLED},
            S.CANCELLED: {S.OPEN},
        },
    }
    del P, F, S
    STATUS_FIELDS = tuple(TRANSITIONS)

    number = models.CharField(max_length=20, unique=True)
    token = models.CharField(max_length=64, unique=True)
    checkout_key = models.CharField(max_length=64, unique=True)
    status = models.CharField("order", max_length=20, choices=Status.choices, default=Status.OPEN)
    payment_status = models.CharField("payment", max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING, db_index=True)
    fulfilment_status = models.CharField(
        "fulfilment", max_length=20, choices=FulfilmentStatus.choices, default=FulfilmentStatus.UNFULFILLED, db_index=True
    )

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
    # The discount code used (one per order): the code as typed when ordered, what it took off the goods,
    # and the code's row (for its usage limits; kept empty if the code is deleted later).
    discount_code = models.CharField(max_length=40, blank=True)
    discount_cents = models.PositiveIntegerField(default=0)
    discount = models.ForeignKey(DiscountCode, null=True, blank=True, on_delete=models.SET_NULL, related_name="orders")

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
    review_request_sent_at = models.DateTimeField(
        null=True, blank=True, help_text="When the review request e-mail went out (send_review_requests); set once."
    )

    # Who holds the order's stock while it is unpaid (checkout's hold limits); only orders still
    # holding stock are counted, so the values mean nothing once the order is paid or cancelled.
    held_by_session = models.CharField(max_length=64, blank=True, db_index=True, help_text="A hash of the session that placed the order.")
    held_by_ip = models.GenericIPAddressField(null=True, blank=True, db_index=True)

    objects = OrderQuerySet.as_manager()

    _transitioning = False

    class Meta:
        ordering = ["-created_at", "-id"]
        # Each staff action has its own permission; no one has a form that edits an order.
        permissions = [
            ("fulfil_order", "Can fulfil an order"),
            ("refund_order", "Can refund an order"),
            ("cancel_order", "Can cancel an unpaid order"),
            ("annotate_order", "Can add a note to an order"),
            ("resend_order_email", "Can resend an order's e-mails"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_cents=models.F("subtotal_cents") - models.F("discount_cents") + models.F("shipping_cents")),
                name="order_total_adds_up_with_discount",
            ),
            models.CheckConstraint(condition=Q(discount_cents__lte=models.F("subtotal_cents")), name="order_discount_not_above_subtotal"),
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
    def discount_display(self) -> str:
        """The discount as the summary writes it, e.g. "−$10.00" (a minus sign, not a hyphen)."""
        return "\u2212" + pricing.format_money(self.discount_cents, self.currency)

    def line_discounts(self) -> dict[int, int]:
        """Each line's share of the order's discount (order line id: cents), in proportion to line totals."""
        lines = list(self.lines.all())
        shares = pricing.discount_shares([line.line_total_cents for line in lines], self.discount_cents)
        return {line.pk: share for line, share in zip(lines, shares)}

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def awaits_payment(self) -> bool:
        """Open and not paid yet (maybe after a failed attempt): the shopper can still pay."""
        return not self.is_cancelled and self.payment_status in (self.PaymentStatus.PENDING, self.PaymentStatus.FAILED)

    @property
    def holds_stock(self) -> bool:
        """Unpaid, and its items are still held for the shopper (until expires_at)."""
        return self.awaits_payment and self.stock_reserved and self.expires_at > timezone.now()

    @property
    def hold_minutes(self) -> int:
        """How long checkout holds the order's items unpaid."""
        return round((self.expires_at - self.created_at).total_seconds() / 60)

    @property
    def refundable_cents(self) -> int:
        return pricing.refundable(paid=self.amount_paid_cents, refunded=self.amount_refunded_cents)

    def payment_status_after_refunds(self, refunded: int) -> str:
        """Refunded once `refunded` cents cover what was paid, else partially refunded."""
        if pricing.is_fully_refunded(paid=self.amount_paid_cents, refunded=refunded):
            return self.PaymentStatus.REFUNDED
        return self.PaymentStatus.PARTIALLY_REFUNDED

    def stock_items(self) -> list[tuple[int, int]]:
        """(product id, quantity) of the lines whose product still exists, for taking or giving back stock."""
        return [(line.product_id, line.quantity) for line in self.lines.exclude(product=None)]

    @property
    def shipment_or_none(self) -> Shipment | None:
        return Shipment.objects.filter(order=self).first()

    def shipping_refunded_cents(self) -> int:
        return self.refunds.aggregate(total=Sum("shipping_cents"))["total"] or 0

    # The state machines.

    def can_transition(self, **moves: str) -> bool:
        """Whether each field=value move is in its table, e.g. can_transition(payment_status="paid")."""
        return all(to in self.TRANSITIONS[field].get(getattr(self, field), set()) for field, to in moves.items())

    def check_transition(self, **moves: str) -> None:
        """Raise TransitionNotAllowed unless every field=value move is allowed by its table."""
        for field, to in moves.items():
            if to not in self.TRANSITIONS[field].get(getattr(self, field), set()):
                choices = self._meta.get_field(field).choices
                labels = dict(choices)
                raise TransitionNotAllowed(
                    f"Order {self.number} is {labels.get(getattr(self, field), getattr(self, field)).lower()}: "
                    f"it cannot become {labels.get(to, to).lower()}.",
                    order=self,
                    to=to,
                )

    def transition(
        self, *, action: str, user=None, data: dict[str, Any] | None = None, changes: dict[str, Any] | None = None, **moves: str
    ) -> None:
        """Move the order's statuses (keywords payment_status=, fulfilment_status=, status=), the only
        way they change, and write `action` into its timeline.

        Refuses a move a table does not allow with TransitionNotAllowed, changing nothing (in memory or
        in the database). Otherwise sets the statuses and `changes` (the other fields the move changes,
        e.g. paid_at), saves exactly those, and records the move by `user` (None: the system) with
        `data`, all in one transaction. Call it on an order locked with select_for_update() inside
        transaction.atomic(), so that two moves cannot cross.
        """
        unknown = set(moves) - set(self.STATUS_FIELDS)
        if unknown:
            raise TypeError(f"Not a status field: {', '.join(sorted(unknown))}")
        self.check_transition(**moves)
        changes = {**(changes or {}), **moves}
        before = {name: getattr(self, name) for name in changes}
        for name, value in changes.items():
            setattr(self, name, value)
        self._transitioning = True
        try:
            with transaction.atomic():
                self.save(update_fields=list(changes))
                log(self, action, user=user, data=data or {})
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
        fields = [f for f in self.STATUS_FIELDS if update_fields is None or f in update_fields]
        if not self._state.adding and not self._transitioning and fields:
            saved = Order.objects.filter(pk=self.pk).values(*fields).first()
            changed = [f for f in fields if saved is not None and saved[f] != getattr(self, f)]
            if changed:
                raise TransitionNotAllowed(
                    f"Order {self.number}: its {', '.join(changed)} changes only through Order.transition() "
                    f"(from {', '.join(saved[f] for f in changed)} to {', '.join(getattr(self, f) for f in changed)} was asked for).",
                    order=self,
                    to=getattr(self, changed[0]),
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

    def refunded_quantity(self) -> int:
        return self.refund_lines.aggregate(total=Sum("quantity"))["total"] or 0


class Refund(models.Model):
    """Money given back, through our admin or seen in Stripe (charge.refunded, reconciliation)."""

    order = models.ForeignKey(Order, on_delete=models.PROTECT, related_name="refunds")
    stripe_refund_id = models.CharField(max_length=255, unique=True, null=True, blank=True)
    amount_cents = models.PositiveIntegerField()
    shipping_cents = models.PositiveIntegerField(default=0, help_text="The part of the amount that refunds shipping.")
    extra_cents = models.PositiveIntegerField(default=0, help_text="An amount given back beyond lines and shipping.")
    restocked = models.BooleanField(default=False)
    reason = models.CharField(max_length=255, blank=True)
    email_sent_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.CheckConstraint(condition=Q(amount_cents__gte=1), name="refund_amount_positive")]

    def __str__(self) -> str:
        return f"Refund of {pricing.format_money(self.amount_cents)} on {self.order}"


class RefundLine(models.Model):
    """How many units of an order line a refund gave back, and whether they went back into stock."""

    refund = models.ForeignKey(Refund, on_delete=models.CASCADE, related_name="lines")
    order_line = models.ForeignKey(OrderLine, on_delete=models.PROTECT, related_name="refund_lines")
    quantity = models.PositiveIntegerField()
    amount_cents = models.PositiveIntegerField()
    restocked = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [models.CheckConstraint(condition=Q(quantity__gte=1), name="refund_line_quantity_positive")]

    def __str__(self) -> str:
        return f"{self.quantity} × {self.order_line.name}"


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
