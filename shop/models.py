"""Products, their stock and their reviews."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Avg, Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel

from claims.forms import VerificationRecordsFormMixin
from claims.models import VerificationRecord
from claims.panels import ClaimsPanel
from claims.validation import Evidence, blocking_messages, plain_text
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from .pricing import format_money


class ProductQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def for_cards(self):
        """Everything a product card shows, in one query: image, stock, rating and review count."""
        approved = Q(reviews__status=Review.Status.APPROVED)
        return self.select_related("image", "stock").annotate(
            rating_avg=Avg("reviews__rating", filter=approved),
            rating_count=Count("reviews", filter=approved),
        ).order_by("sort_order", "name")


class ProductForm(VerificationRecordsFormMixin, WagtailAdminModelForm):
    """Saving a product description runs the same claim checks as publishing an article.

    A product has no reference list, so a citation marker in its copy cites nothing: its disease and
    authority claims need a verification record, and study figures belong in an article.
    """

    def clean(self):
        cleaned_data = super().clean()
        texts = [
            cleaned_data.get("tagline") or "",
            cleaned_data.get("seo_title") or "",
            cleaned_data.get("search_description") or "",
            plain_text(str(cleaned_data.get("description") or "")),
        ]
        for message in blocking_messages(texts, context="product", evidence=self.claim_evidence(frozenset())):
            self.add_error("description", f"Cannot save: {message}")
        return cleaned_data


class Product(DraftStateMixin, RevisionMixin, PreviewableMixin, index.Indexed, ClusterableModel):
    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=120, unique=True)
    sku = models.CharField("SKU", max_length=40, unique=True)
    tagline = models.CharField(max_length=200, blank=True)
    price_cents = models.PositiveIntegerField(
        "price (cents)", help_text="Price in US cents, e.g. 19595 for $195.95."
    )
    currency = models.CharField(max_length=3, default="usd", editable=False)
    description = RichTextField(features=["bold", "italic", "link", "ul", "ol"])
    image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    regulatory_status = models.CharField(
        max_length=255,
        blank=True,
        help_text="E.g. 'Not evaluated by the FDA' or the 510(k) number the maker confirmed.",
    )
    intended_use = models.TextField(blank=True)
    seo_title = models.CharField("SEO title", max_length=70, blank=True, help_text="Shown in search results and link previews.")
    search_description = models.CharField(max_length=160, blank=True, help_text="Shown under the title in search results.")
    max_per_order = models.PositiveSmallIntegerField(
        default=5, validators=[MinValueValidator(1), MaxValueValidator(99)]
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    objects = ProductQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sku"), FieldPanel("tagline")],
            heading="Product",
        ),
        FieldPanel("price_cents"),
        FieldPanel("description"),
        FieldPanel("image"),
        MultiFieldPanel(
            [FieldPanel("regulatory_status"), FieldPanel("intended_use")],
            heading="Regulatory status and intended use",
        ),
        InlinePanel(
            "verifications",
            heading="Verification records",
            label="Verification record",
            help_text=(
                "A disease or authority claim in this product's copy needs a record of the document you "
                "checked (510(k), certificate or study) whose wording appears in the claim sentence."
            ),
        ),
        MultiFieldPanel([FieldPanel("seo_title"), FieldPanel("search_description")], heading="Search engines"),
        FieldPanel("max_per_order"),
        FieldPanel("sort_order"),
        ClaimsPanel(context="product"),
    ]
    base_form_class = ProductForm

    search_fields = [
        index.SearchField("name", boost=3),
        index.SearchField("tagline"),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("live"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        constraints = [
            models.CheckConstraint(condition=Q(price_cents__gte=0), name="product_price_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("shop:product_detail", kwargs={"slug": self.slug})

    def get_preview_template(self, request, mode_name):
        return "shop/product_detail.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context.update(product=self, reviews=[], rating=self.rating_summary())
        return context

    def claim_texts(self) -> list[str]:
        return [self.tagline, plain_text(self.description)]

    def claim_evidence(self) -> Evidence:
        """No reference list; the verification records' wording."""
        return Evidence(references=frozenset(), verified=tuple(record.covers for record in self.verifications.all()))

    @property
    def price_display(self) -> str:
        return format_money(self.price_cents, self.currency)

    @cached_property
    def stock_on_hand(self) -> int:
        try:
            return self.stock.on_hand
        except Stock.DoesNotExist:
            return 0

    @property
    def in_stock(self) -> bool:
        return self.stock_on_hand > 0

    def rating_summary(self) -> RatingSummary:
        """Average and count of approved reviews (annotated values when loaded with for_cards)."""
        if hasattr(self, "rating_count"):
            return RatingSummary(self.rating_avg, self.rating_count)
        agg = self.reviews.approved().aggregate(avg=Avg("rating"), count=Count("id"))
        return RatingSummary(agg["avg"], agg["count"])


class ProductVerification(Orderable, VerificationRecord):
    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="verifications")

    class Meta(Orderable.Meta):
        verbose_name = "verification record"


class RatingSummary:
    def __init__(self, average: float | None, count: int):
        self.average = round(float(average), 1) if average is not None else None
        self.count = count

    @property
    def half_stars(self) -> int:
        """0..10, for drawing stars in half steps."""
        return round((self.average or 0) * 2)

    def __bool__(self) -> bool:
        return self.count > 0


class Stock(models.Model):
    """Units on hand, in its own table so that publishing a product revision never restores it."""

    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="stock")
    on_hand = models.IntegerField(default=0)
    low_stock_threshold = models.PositiveIntegerField(default=5)

    panels = [FieldPanel("product"), FieldPanel("on_hand"), FieldPanel("low_stock_threshold")]

    class Meta:
        verbose_name_plural = "stock"
        constraints = [
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="stock_on_hand_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product}: {self.on_hand} on hand"

    @property
    def is_low(self) -> bool:
        return self.on_hand <= self.low_stock_threshold


class ReviewQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=Review.Status.APPROVED)

    def newest_first(self):
        return self.order_by("-created_at", "-id")


class Review(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for moderation"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    product = models.ForeignKey(Product, on_delete=models.CASCADE, related_name="reviews")
    rating = models.PositiveSmallIntegerField(validators=[MinValueValidator(1), MaxValueValidator(5)])
    title = models.CharField(max_length=120)
    body = models.TextField(max_length=4000)
    author_name = models.CharField(max_length=80)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    is_sample = models.BooleanField(
        default=False, help_text="Demo content: shown to shoppers as a sample review."
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = ReviewQuerySet.as_manager()

    panels = [
        FieldPanel("product"),
        FieldPanel("rating"),
        FieldPanel("title"),
        FieldPanel("body"),
        FieldPanel("author_name"),
        FieldPanel("email"),
        FieldPanel("status"),
        FieldPanel("is_sample"),
        FieldPanel("created_at"),
    ]

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="review_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product}: {self.title} ({self.rating}/5)"

    @property
    def is_verified_buyer(self) -> bool:
        if hasattr(self, "verified"):
            return self.verified
        return bool(self.email) and OrderLine.objects.filter(
            product_id=self.product_id, order__email__iexact=self.email, order__paid_at__isnull=False
        ).exists()

    is_verified_buyer.fget.short_description = "Verified buyer"

    @property
    def claim_categories(self) -> str:
        """Health-claim categories the engine finds in the text, for moderators."""
        from claims import ruleset

        return ", ".join(sorted({claim.category for claim in ruleset.scan(self.body, context="review")})) or "—"

    claim_categories.fget.short_description = "Health claims"


class ShippingMethod(models.Model):
    """Editable by staff in the admin: e.g. standard (free over a threshold) and express (flat)."""

    name = models.CharField(max_length=80)
    description = models.CharField(max_length=200, blank=True)
    price_cents = models.PositiveIntegerField("price (cents)")
    free_over_cents = models.PositiveIntegerField(
        "free when the subtotal reaches (cents)", null=True, blank=True
    )
    active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("price_cents"),
        FieldPanel("free_over_cents"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "price_cents"]

    def __str__(self) -> str:
        return self.name

    def cost_for(self, subtotal: int) -> int:
        from .pricing import shipping_cost

        return shipping_cost(price=self.price_cents, free_over=self.free_over_cents, subtotal=subtotal)


class TransitionNotAllowed(Exception):
    """An order cannot move from its current status to the one asked for."""


class Order(models.Model):
    class Status(models.TextChoices):
        PENDING_PAYMENT = "pending_payment", "Pending payment"
        PAID = "paid", "Paid"
        FULFILLED = "fulfilled", "Fulfilled"
        PARTIALLY_REFUNDED = "partially_refunded", "Partially refunded"
        REFUNDED = "refunded", "Refunded"
        CANCELLED = "cancelled", "Cancelled"
        DISPUTED = "disputed", "Disputed"

    # Which status may follow which. Late payment of a cancelled (expired) order is Stripe's word: accepted.
    TRANSITIONS = {
        Status.PENDING_PAYMENT: {Status.PAID, Status.CANCELLED},
        Status.CANCELLED: {Status.PAID},
        Status.PAID: {Status.FULFILLED, Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.DISPUTED},
        Status.FULFILLED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.DISPUTED},
        Status.PARTIALLY_REFUNDED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.FULFILLED, Status.DISPUTED},
        Status.DISPUTED: {Status.PARTIALLY_REFUNDED, Status.REFUNDED, Status.PAID, Status.FULFILLED},
        Status.REFUNDED: set(),
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
        return format_money(self.total_cents, self.currency)

    total_display.fget.short_description = "Total"

    @property
    def payment_state(self) -> str:
        if self.status == self.Status.DISPUTED:
            return "Disputed"
        if self.paid_at is None:
            return "Failed, awaiting retry" if self.last_payment_error else "Unpaid"
        if self.amount_refunded_cents >= self.amount_paid_cents:
            return "Refunded"
        if self.amount_refunded_cents:
            return f"Paid, {format_money(self.amount_refunded_cents)} refunded"
        return "Paid"

    @property
    def refundable_cents(self) -> int:
        return self.amount_paid_cents - self.amount_refunded_cents

    def can_transition(self, to: str) -> bool:
        return to in self.TRANSITIONS.get(self.status, set())

    def transition(self, to: str) -> None:
        """Move to `to` or raise TransitionNotAllowed; the caller saves."""
        if not self.can_transition(to):
            raise TransitionNotAllowed(
                f"Order {self.number} is {self.get_status_display().lower()}: it cannot become "
                f"{self.Status(to).label.lower()}."
            )
        self.status = to

    transition.alters_data = True


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
        return f"Refund of {format_money(self.amount_cents)} on {self.order}"


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
        from urllib.parse import quote

        pattern = self.CARRIER_TRACKING_URLS.get(self.carrier)
        return pattern.format(quote(self.tracking_number)) if pattern else ""


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
