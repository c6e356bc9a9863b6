"""The catalogue's records: products (with their verification records), their stock, their reviews,
and the shipping methods offered at checkout.

Stock is taken and given back only through `Stock.objects` (take, take_all, put_back): conditional
updates, so two checkouts can never sell the same last unit. Staff change it only by adjustments
(shop/catalogue/stock.py); every change is a StockMovement row, the product's stock history.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import Truncator
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import DraftStateMixin, Orderable, PreviewableMixin, RevisionMixin
from wagtail.search import index
from wagtail.search.queryset import SearchableQuerySetMixin

from claims.forms import VerificationRecordsFormMixin
from claims.models import VerificationRecord
from claims.panels import ClaimsPanel
from claims.validation import Evidence, Report, Source, add_publish_errors, plain_text
from claims.validation import report as claims_report

from .. import freshness, pricing


class ProductQuerySet(SearchableQuerySetMixin, models.QuerySet):
    def live(self):
        return self.filter(live=True)

    def for_cards(self):
        """Everything a product card shows, in one query: image, stock, and the stored rating and review
        count (`review_stats`: no join over the reviews)."""
        return self.select_related("image", "stock").order_by("sort_order", "name")

    def with_gallery(self):
        """The main image's renditions, the gallery images with their image and its renditions: three queries,
        however many pictures."""
        images = ProductImage.objects.select_related("image").prefetch_related("image__renditions")
        return self.prefetch_related("image__renditions", models.Prefetch("gallery_images", queryset=images))


class ProductForm(VerificationRecordsFormMixin, WagtailAdminModelForm):
    """Saving a product description runs the same claim checks as publishing an article.

    A product has no reference list, so a citation marker in its copy cites nothing: its disease and
    authority claims need a verification record, and study figures belong in an article.
    """

    def clean(self):
        cleaned_data = super().clean()
        report = self.claims_report(cleaned_data)
        if report.blocking or report.skipped_rules:
            add_publish_errors(self, report, verb="save")
        self.check_specifications(cleaned_data)
        return cleaned_data

    def check_specifications(self, cleaned_data) -> None:
        """Specifications are facts shown without a disclaimer: a sentence the claim engine reads as a
        health claim belongs in the description (where its disclaimer is shown), so it is refused here."""
        from claims import ruleset

        for name in Product.SPEC_TEXT_FIELDS:
            text = cleaned_data.get(name) or ""
            for claim in ruleset.scan(text, context="product") if text.strip() else ():
                self.add_error(name, f"“{claim.text.strip()}” reads as a health claim. Specifications state facts "
                               "only; put claims in the description, where their disclaimer is shown.")
                break

    def claims_report(self, values=None) -> Report:
        """The claim checks on the submitted values (as typed, for the panel's live re-scan)."""
        if values is None:
            values = {name: self[name].data for name in Product.CLAIM_FIELDS if name in self.fields}
        sources = Product.sources_from(**{name: values.get(name) or "" for name in Product.CLAIM_FIELDS})
        return claims_report(sources, context="product", evidence=self.claim_evidence(frozenset()))


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
    claims_html = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="The description and tagline with claims marked, made when saved (catalogue/stored_claims.py).",
    )
    pictures_html = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="The image's <picture> markup for each place it is shown, made when saved (catalogue/pictures.py).",
    )
    review_stats = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="Approved reviews' count, rating sum and per-star counts, kept when reviews change (catalogue/review_stats.py).",
    )
    # Specifications: shown on the product page only when filled; leave a field empty when unknown.
    wavelengths = models.CharField(
        max_length=200, blank=True, help_text="E.g. 'Red 630–660 nm, near-infrared 820–850 nm'."
    )
    power_output = models.CharField(
        max_length=200, blank=True, help_text="As the maker measured it, e.g. the irradiance and at what distance."
    )
    treatment_time = models.CharField(
        "session timer", max_length=200, blank=True, help_text="E.g. '5, 10 or 20 minutes'."
    )
    power_supply = models.CharField(max_length=200, blank=True, help_text="E.g. 'Mains adapter' or the battery and charging.")
    weight_grams = models.PositiveIntegerField("weight (grams)", null=True, blank=True)
    dimensions = models.CharField(max_length=200, blank=True, help_text="E.g. '30 × 20 × 5 cm'.")
    fit = models.CharField("size and fit", max_length=200, blank=True)
    warranty_years = models.PositiveSmallIntegerField(
        "warranty (years)", null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(25)]
    )
    in_the_box = models.TextField("in the box", blank=True, help_text="One item per line.")

    objects = ProductQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [FieldPanel("name"), FieldPanel("slug"), FieldPanel("sku"), FieldPanel("tagline")],
            heading="Product",
        ),
        FieldPanel("price_cents"),
        FieldPanel("description"),
        FieldPanel("image"),
        InlinePanel(
            "gallery_images",
            heading="Gallery",
            label="Gallery image",
            help_text="More views shown after the main image on the product page, in this order.",
        ),
        MultiFieldPanel(
            [
                FieldPanel("wavelengths"),
                FieldPanel("power_output"),
                FieldPanel("treatment_time"),
                FieldPanel("power_supply"),
                FieldPanel("weight_grams"),
                FieldPanel("dimensions"),
                FieldPanel("fit"),
                FieldPanel("warranty_years"),
                FieldPanel("in_the_box"),
            ],
            heading="Specifications",
            help_text="Shown as a table on the product page; empty fields are left out. Fill in only what the maker confirmed.",
        ),
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
        from ..delivery import estimate_for_cheapest_method

        context.update(product=self, reviews=[], rating=self.rating_summary(), delivery=estimate_for_cheapest_method())
        return context

    CLAIM_FIELDS = ("name", "tagline", "description", "seo_title", "search_description")

    @classmethod
    def sources_from(cls, *, name, tagline, description, seo_title, search_description) -> list[Source]:
        """What the claim checks read in a product: its name and SEO title as headings (one that only
        names the product is not a claim), tagline, description and search description."""
        heading = {"heading": True}
        sources = [
            Source("Product name", name, field="name", options=heading, shows_disclaimer=False),
            Source("Tagline", tagline, field="tagline"),
            Source("Description", plain_text(str(description)), field="description"),
            Source("SEO title", seo_title, field="seo_title", options=heading, shows_disclaimer=False),
            Source("Search description", search_description, field="search_description", shows_disclaimer=False),
        ]
        return [source for source in sources if source.text]

    def claim_sources(self) -> list[Source]:
        return self.sources_from(**{name: getattr(self, name) for name in self.CLAIM_FIELDS})

    def claim_texts(self) -> list[str]:
        return [source.text for source in self.claim_sources()]

    def claim_evidence(self) -> Evidence:
        """No reference list; the verification records' wording."""
        return Evidence(references=frozenset(), verified=tuple(record.covers for record in self.verifications.all()))

    def keep_card_only(self) -> Product:
        """This loaded row with only the stored pictures a card shows (the gallery, page and social ones,
        most of the row, are dropped): for a page of the list kept in the cache; never saved."""
        self.pictures_html = {place: html for place, html in (self.pictures_html or {}).items() if place == "card"}
        return self

    def card_state(self) -> tuple:
        """Everything a product card shows (includes/product_card.html): its cached copy is keyed on it."""
        rating = self.rating_summary()
        return (
            self.pk, self.name, self.slug, self.tagline, self.price_cents, self.currency, self.max_per_order,
            self.in_stock, rating.average, rating.count,
            (self.pictures_html or {}).get("card"), (self.claims_html or {}).get("version"),
            ((self.claims_html or {}).get("fields") or {}).get("tagline"),
        )
    def specifications(self) -> list[tuple[str, str | list[str]]]:
        """(label, value) of every filled specification, in the panel's order; "In the box" is a list."""
        specs = []
        for name, label in self.SPEC_LABELS:
            value = getattr(self, name)
            if value in (None, ""):
                continue
            if name == "weight_grams":
                value = f"{value:,} g" if value < 1000 else f"{value / 1000:g} kg"
            elif name == "warranty_years":
                value = f"{value} year{'s' if value != 1 else ''}"
            elif name == "in_the_box":
                value = [line.strip() for line in value.splitlines() if line.strip()]
                if not value:
                    continue
            specs.append((label, value))
        return specs

    SPEC_TEXT_FIELDS = ("wavelengths", "power_output", "treatment_time", "power_supply", "dimensions", "fit", "in_the_box")

    SPEC_LABELS = (
        ("wavelengths", "Wavelengths"),
        ("power_output", "Power output"),
        ("treatment_time", "Session timer"),
        ("power_supply", "Power supply"),
        ("weight_grams", "Weight"),
        ("dimensions", "Dimensions"),
        ("fit", "Size and fit"),
        ("warranty_years", "Warranty"),
        ("in_the_box", "In the box"),
    )

    def gallery(self) -> list[GalleryItem]:
        """The pictures the product page shows: the main image (its alt text is the product's name), then
        the gallery images in their order. Uses `gallery_images` as prefetched, if it was."""
        items = [GalleryItem(self.image, self.name)] if self.image else []
        items += [GalleryItem(item.image, item.alt) for item in self.gallery_images.all() if item.image]
        return items

    @property
    def price_display(self) -> str:
        return pricing.format_money(self.price_cents, self.currency)

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
        """Average and count of approved reviews, from the stored figures (catalogue/review_stats.py): no query."""
        stats = self.review_stats or {}
        count = stats.get("count", 0)
        return RatingSummary(stats["sum"] / count if count else None, count)


class GalleryItem:
    """One picture of a product's gallery: the Wagtail image and its alt text ("" when decorative)."""

    def __init__(self, image, alt: str):
        self.image = image
        self.alt = alt


class ProductImage(Orderable):
    """A further view of a product, edited in the product's Gallery panel (sort_order from Orderable)."""

    product = ParentalKey(Product, on_delete=models.CASCADE, related_name="gallery_images")
    image = models.ForeignKey("wagtailimages.Image", on_delete=models.CASCADE, related_name="+")
    alt_text = models.CharField(
        max_length=250, blank=True,
        help_text="What the picture shows, for shoppers who cannot see it, e.g. 'The panel hanging on a door'.",
    )
    decorative = models.BooleanField(
        default=False, help_text="Tick only if the picture adds nothing a shopper needs; it then gets no alt text."
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("decorative")]

    class Meta(Orderable.Meta):
        verbose_name = "gallery image"

    def __str__(self) -> str:
        return self.alt_text or f"Gallery image {self.sort_order}"

    def clean(self):
        super().clean()
        if not self.decorative and not self.alt_text.strip():
            raise ValidationError({"alt_text": "Describe the picture, or tick “Decorative” if it adds nothing a shopper needs."})

    @property
    def alt(self) -> str:
        return "" if self.decorative else self.alt_text.strip()


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


class StockQuerySet(models.QuerySet):
    """Taking and giving back units, each change written to the stock's ledger (StockMovement) with the
    figure it left. Each change makes the cached pages that show stock stale. Staff adjustments go
    through shop/catalogue/stock.py (adjust_stock), never through a form that writes `on_hand`."""

    def take(self, product_id: int, quantity: int, *, order=None, reason: str = "", user=None) -> bool:
        """Take `quantity` units of the product if that many are on hand; False (nothing taken) if not.

        `order` (the order they are sold to), `reason` and `user` (staff who caused it) only label the
        ledger row."""
        if quantity < 0:
            raise ValueError("Cannot take a negative quantity.")
        with transaction.atomic():
            taken = bool(self.filter(product_id=product_id, on_hand__gte=quantity).update(on_hand=F("on_hand") - quantity))
            if taken and quantity:
                self._record(product_id, StockMovement.Kind.SOLD, -quantity, order=order, reason=reason, user=user)
        if taken:
            freshness.content_changed()
        return taken

    def take_all(self, items: Iterable[tuple[int, int]], *, order=None, reason: str = "", user=None) -> bool:
        """Take every (product id, quantity) or none of them; in product order, so takers never deadlock."""
        try:
            with transaction.atomic():
                for product_id, quantity in sorted(items):
                    if not self.take(product_id, quantity, order=order, reason=reason, user=user):
                        raise IntegrityError
        except IntegrityError:
            return False
        return True

    def put_back(self, items: Iterable[tuple[int, int]], *, order=None, reason: str = "", user=None) -> None:
        """Give (product id, quantity) units back to stock (a cancellation, an expiry, a restocked refund)."""
        with transaction.atomic():
            for product_id, quantity in sorted(items):
                if quantity < 0:
                    raise ValueError("Cannot put back a negative quantity.")
                if quantity and self.filter(product_id=product_id).update(on_hand=F("on_hand") + quantity):
                    self._record(product_id, StockMovement.Kind.PUT_BACK, quantity, order=order, reason=reason, user=user)
        freshness.content_changed()

    def _record(self, product_id: int, kind: str, change: int, *, order, reason: str, user) -> None:
        """Write the ledger row of a change just made in this transaction (the row is still locked by
        our UPDATE, so the figure read back is exactly the one this change left)."""
        stock_id, on_hand = self.filter(product_id=product_id).values_list("pk", "on_hand").get()
        StockMovement.objects.create(
            stock_id=stock_id, kind=kind, change=change, on_hand_after=on_hand, order=order, note=(reason or "")[:500], user=user
        )


class StockForm(WagtailAdminModelForm):
    """The stock's settings form: the low-stock threshold only. On hand is shown read-only and changes
    only by adjustments or sales, so a form opened before a sale can never write an old figure back."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and "product" in self.fields:
            self.fields["product"].disabled = True

    def save(self, commit=True):
        if not self.instance.pk:
            return super().save(commit=commit)
        if commit:
            self.instance.save(update_fields=["low_stock_threshold"])
        return self.instance


class Stock(models.Model):
    """Units on hand, in its own table so that publishing a product revision never restores it.

    `on_hand` is written only by conditional UPDATEs (Stock.objects, adjust_stock); saving a loaded
    Stock never writes it back (see save)."""

    product = models.OneToOneField(Product, on_delete=models.CASCADE, related_name="stock")
    on_hand = models.IntegerField(default=0)
    low_stock_threshold = models.PositiveIntegerField(default=5, validators=[MaxValueValidator(100_000)])

    objects = StockQuerySet.as_manager()

    base_form_class = StockForm
    panels = [FieldPanel("product"), FieldPanel("on_hand", read_only=True), FieldPanel("low_stock_threshold")]

    class Meta:
        verbose_name_plural = "stock"
        constraints = [
            models.CheckConstraint(condition=Q(on_hand__gte=0), name="stock_on_hand_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.product}: {self.on_hand} on hand"

    def save(self, *args, **kwargs):
        """A new row is created with its opening figure; an existing row's `on_hand` is never saved from
        this (possibly stale) instance: only the other fields are written."""
        if self.pk is not None and not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [f.attname for f in self._meta.concrete_fields if not f.primary_key and f.name != "on_hand"]
        super().save(*args, **kwargs)

    @property
    def is_low(self) -> bool:
        return self.on_hand <= self.low_stock_threshold


class StockMovement(models.Model):
    """One line of a product's stock ledger: an adjustment by staff, a sale, or units put back.

    `change` is signed (+20 received, -3 sold); `on_hand_after` is the figure it left, read under the
    row lock, so the ledger of a product read in id order adds up."""

    class Kind(models.TextChoices):
        RECEIVED = "received", "Received"
        DAMAGED = "damaged", "Damaged or lost"
        COUNT = "count", "Count correction"
        SOLD = "sold", "Sold"
        PUT_BACK = "put_back", "Put back"

    ADJUSTMENTS = (Kind.RECEIVED, Kind.DAMAGED, Kind.COUNT)

    stock = models.ForeignKey(Stock, on_delete=models.CASCADE, related_name="movements")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    change = models.IntegerField()
    on_hand_after = models.PositiveIntegerField()
    note = models.CharField(max_length=500, blank=True)
    order = models.ForeignKey("shop.Order", on_delete=models.SET_NULL, null=True, blank=True, related_name="stock_movements")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-id"]  # newest first; for one product, id order is the order the row lock gave
        indexes = [models.Index(fields=["stock", "-id"], name="stock_movement_newest")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.change:+d} → {self.on_hand_after}"


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
    reply = models.TextField(
        "reply from the shop", max_length=2000, blank=True,
        help_text="Shown under the review on the product page. Written with the Reply action, which runs the claim checks.",
    )
    replied_at = models.DateTimeField(null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    order_line = models.ForeignKey(
        "shop.OrderLine", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="reviews",
        help_text="The order line whose review link (order e-mails, order page) this review was written with: its proof of purchase.",
    )
    claims_html = models.JSONField(
        default=dict, blank=True, editable=False,
        help_text="The text and the shop's reply with claims marked, made when saved (catalogue/stored_claims.py).",
    )

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
        FieldPanel("reply", read_only=True),  # changes only through the Reply action (claim checks, audit log)
    ]

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1) & Q(rating__lte=5), name="review_rating_1_to_5"
            ),
            models.UniqueConstraint(fields=["order_line"], name="review_one_per_order_line"),
        ]

    def __str__(self) -> str:
        return f"{self.product}: {self.title} ({self.rating}/5)"

    @property
    def is_verified_buyer(self) -> bool:
        """Written through the review link of a paid, not fully refunded order line for this product
        (annotated `verified` when loaded with catalogue.reviews.with_verified). The e-mail plays no part."""
        if hasattr(self, "verified"):
            return self.verified
        if self.order_line_id is None:
            return False
        from .reviews import proving_lines

        return proving_lines().filter(pk=self.order_line_id, product_id=self.product_id).exists()

    is_verified_buyer.fget.short_description = "Verified buyer"

    @property
    def helpful_message_tags(self) -> str:
        """The tags of the message a "helpful" vote for this review leaves (shown in the review)."""
        return f"review helpful helpful-{self.pk}"

    @property
    def excerpt(self) -> str:
        """The review text as the moderation queue shows it: one line, cut at a word."""
        return Truncator(" ".join(self.body.split())).words(30)

    @property
    def claim_categories(self) -> str:
        """Health-claim categories the engine finds in the text, for moderators."""
        from claims import ruleset

        return ", ".join(sorted({claim.category for claim in ruleset.scan(self.body, context="review")})) or "—"

    claim_categories.fget.short_description = "Health claims"


def review_photo_name(instance, filename: str) -> str:
    """A random name under review-photos/: the file's URL says nothing and cannot be guessed."""
    return f"review-photos/{secrets.token_urlsafe(18)}.{filename.rsplit('.', 1)[-1]}"


class ReviewPhoto(models.Model):
    """A shopper's photo with a review, re-encoded on upload (catalogue/review_photos.py): no EXIF or
    GPS, upright, at most 1600 px, with a small thumbnail. Shown only once its review is approved."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(upload_to=review_photo_name, max_length=120)
    thumbnail = models.FileField(upload_to=review_photo_name, max_length=120)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    thumb_width = models.PositiveIntegerField()
    thumb_height = models.PositiveIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return f"Photo {self.pk} of review {self.review_id}"

    @property
    def url(self) -> str:
        return reverse("shop:review_photo", args=[self.image.name.rsplit("/", 1)[-1]])

    @property
    def thumbnail_url(self) -> str:
        return reverse("shop:review_photo", args=[self.thumbnail.name.rsplit("/", 1)[-1]])


class ReviewVote(models.Model):
    """One "helpful" vote: `voter_hash` is the visitor's cookie id hashed with the review's id
    (catalogue/review_votes.py), so a visitor votes once per review and votes cannot be linked."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="votes")
    voter_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["review", "voter_hash"], name="review_vote_once_per_voter")]

    def __str__(self) -> str:
        return f"Helpful vote on review {self.review_id}"


class ShippingMethod(models.Model):
    """Editable by staff in the admin: e.g. standard (free over a threshold) and express (flat)."""

    name = models.CharField(max_length=80)
    description = models.CharField(max_length=200, blank=True)
    price_cents = models.PositiveIntegerField("price (cents)")
    free_over_cents = models.PositiveIntegerField(
        "free when the subtotal reaches (cents)", null=True, blank=True
    )
    min_days = models.PositiveSmallIntegerField(
        "delivery from (working days)", null=True, blank=True,
        help_text="Fewest working days from dispatch to the door; with the next field, the product page's delivery estimate.",
    )
    max_days = models.PositiveSmallIntegerField("delivery up to (working days)", null=True, blank=True)
    active = models.BooleanField(default=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("description"),
        FieldPanel("price_cents"),
        FieldPanel("free_over_cents"),
        FieldPanel("min_days"),
        FieldPanel("max_days"),
        FieldPanel("active"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "price_cents"]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        if (self.min_days is None) != (self.max_days is None):
            raise ValidationError({"max_days": "Fill in both delivery days, or neither."})
        if self.min_days is not None and self.max_days < self.min_days:
            raise ValidationError({"max_days": "The most days cannot be fewer than the fewest."})

    @classmethod
    def cheapest_with_days(cls) -> ShippingMethod | None:
        """The active method with the lowest price whose delivery days are known (the product page's estimate)."""
        return (
            cls.objects.filter(active=True, min_days__isnull=False, max_days__isnull=False)
            .order_by("price_cents", "sort_order").first()
        )

    @classmethod
    def lowest_free_over(cls) -> int | None:
        """The lowest free-shipping threshold of the active methods, in cents (None when none has one)."""
        return cls.objects.filter(active=True, free_over_cents__isnull=False).aggregate(m=models.Min("free_over_cents"))["m"]

    def cost_for(self, subtotal: int) -> int:
        """This method's shipping for an order of `subtotal` cents."""
        return pricing.shipping_cost(price=self.price_cents, free_over=self.free_over_cents, subtotal=subtotal)

    def quote(self, lines: Iterable[pricing.Priced], discount: pricing.Discount | None = None) -> pricing.Totals:
        """Subtotal, discount, this method's shipping and the total for the lines."""
        return pricing.totals(lines, shipping_price=self.price_cents, free_over=self.free_over_cents, discount=discount)
