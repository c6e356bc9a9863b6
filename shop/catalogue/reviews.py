"""Customer reviews: submission (honeypot, rate limit), moderation, the shop's reply, verified buyers.

"Verified buyer" is proven, never typed: each line of a paid order has a review link (order e-mails,
order page) carrying a signed token that names the line. A review written through it is stored with
that order line, once per line, and shows the badge while the order is paid and not fully refunded.
The e-mail typed into the public form plays no part.

The product page lists approved reviews through `review_page`: filtered by rating, sorted, 10 a page,
with a histogram that always counts every approved review (no suppression: the filter narrows the
list, never the figures). "With photos" narrows the list to reviews with photos (newest first); each
review comes with its photos (review_photos.py) and its "helpful" count (review_votes.py).

Moderation and replies are staff actions: each needs `shop.change_review`, locks the review it changes
and is written to the audit log with the user who did it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import signing
from django.core.paginator import Page, Paginator
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log

from claims.validation import blocking_messages

from .. import freshness
from ..orders.models import Order, OrderLine
from .models import Product, Review, ReviewPhoto, ReviewVote
from .review_photos import attach_photos

RATE_LIMIT = 3  # reviews per client per window
RATE_WINDOW_SECONDS = 15 * 60
REVIEW_LINK_SALT = "shop.review-link"
REVIEW_LINK_MAX_LENGTH = 200  # a genuine token is about 30 characters
REVIEWS_PER_PAGE = 10
SORTS = {
    "newest": ("-created_at", "-id"),
    "highest": ("-rating", "-created_at", "-id"),
    "lowest": ("rating", "-created_at", "-id"),
    "photos": ("-created_at", "-id"),  # and only the reviews with photos
}
SORT_LABELS = (("newest", "Newest"), ("highest", "Highest rating"), ("lowest", "Lowest rating"), ("photos", "With photos"))
WITH_PHOTOS = "photos"
DEFAULT_SORT = "newest"


class ReviewRejected(Exception):
    """The review is not taken; the message is shown to the visitor."""


class ReviewLinkRefused(Exception):
    """The review link proves no purchase of this product; the message is shown, with `status`."""

    def __init__(self, message: str, *, status: int = 404):
        super().__init__(message)
        self.status = status


def proves_purchase(order: Order) -> bool:
    """A paid order that was not refunded in full: its lines may be reviewed as a verified buyer."""
    return order.paid_at is not None and order.payment_status != Order.PaymentStatus.REFUNDED


def proving_lines():
    """The order lines that prove a purchase (proves_purchase, as a query)."""
    return OrderLine.objects.filter(order__paid_at__isnull=False).exclude(order__payment_status=Order.PaymentStatus.REFUNDED)


def with_verified(queryset):
    """Annotate `verified` on reviews: written through the review link of a line that proves the
    purchase of the reviewed product."""
    proof = proving_lines().filter(pk=OuterRef("order_line_id"), product_id=OuterRef("product_id"))
    return queryset.annotate(verified=Exists(proof))


class NoSuchReviewPage(Exception):
    """The listing asked for does not exist (a rating outside 1-5, a page past the last): a 404."""


@dataclass(frozen=True)
class HistogramRow:
    stars: int
    count: int
    percent: int  # of all approved reviews, for the bar's width
    with_photos: int = 0  # of `count`, the reviews with photos


@dataclass(frozen=True)
class ReviewPage:
    """One page of a product's approved reviews, with what the page needs to describe it."""

    page: Page
    rating: int | None  # the star filter, None for all
    sort: str
    histogram: list[HistogramRow]  # 5 stars first, every approved review counted
    total: int  # approved reviews, whatever the filter

    @property
    def reviews(self) -> list:
        return self.page.object_list

    sort_choices = SORT_LABELS

    @property
    def shown_count(self) -> int:
        """Reviews matching the filter (all pages)."""
        return self.page.paginator.count

    @property
    def with_photos(self) -> int:
        """Approved reviews with photos, whatever the filter."""
        return sum(row.with_photos for row in self.histogram)

    @property
    def photos_only(self) -> bool:
        return self.sort == WITH_PHOTOS


def rating_histogram(product) -> list[HistogramRow]:
    """How many approved reviews give each rating (and how many of them have photos), 5 stars first,
    from the product's stored figures (catalogue/review_stats.py): no query."""
    stars = (product.review_stats or {}).get("stars") or {}
    counts = {int(rating): (n, p) for rating, (n, p) in stars.items()}
    total = sum(n for n, _ in counts.values())
    return [
        HistogramRow(stars, counts.get(stars, (0, 0))[0], round(100 * counts.get(stars, (0, 0))[0] / total) if total else 0,
                     counts.get(stars, (0, 0))[1])
        for stars in range(5, 0, -1)
    ]


def with_photos_and_votes(queryset):
    """The listing's reviews with their photos (one more query for the page) and `helpful_count`."""
    votes = ReviewVote.objects.filter(review=OuterRef("pk")).order_by().values("review").annotate(n=Count("id")).values("n")
    return queryset.annotate(
        helpful_count=Coalesce(Subquery(votes, output_field=IntegerField()), Value(0))
    ).prefetch_related(Prefetch("photos", queryset=ReviewPhoto.objects.order_by("id")))


def _parse_rating(rating) -> int | None:
    if rating in (None, ""):
        return None
    if isinstance(rating, int) or (isinstance(rating, str) and rating.isdigit() and len(rating) == 1):
        if 1 <= int(rating) <= 5:
            return int(rating)
    raise NoSuchReviewPage("There are only 1- to 5-star reviews.")


def _parse_page(page) -> int:
    """A page number as typed: anything that is not a number is the first page."""
    if isinstance(page, int):
        return max(page, 1)
    if isinstance(page, str) and page.isdigit() and len(page) <= 6:
        return max(int(page), 1)
    return 1


def review_page(product, *, rating=None, sort=None, page=None) -> ReviewPage:
    """The approved reviews of `product` for the listing: `rating` (1-5 or None/"" for all) filters,
    `sort` is newest (default), highest, lowest or photos (only reviews with photos, newest first;
    anything else: newest), `page` counts from 1 (not a number: the first). A rating outside 1-5 or a
    page past the last raises NoSuchReviewPage. The histogram and the paginator's count come from the
    product's stored figures; the page's reviews (verified and helpful votes annotated, with their
    photos: two queries whatever the page size) are kept in the shared cache (`_page_rows`)."""
    stars = _parse_rating(rating)
    sort = sort if sort in SORTS else DEFAULT_SORT
    number = _parse_page(page)
    histogram = rating_histogram(product)
    total = sum(row.count for row in histogram)
    rows = [row for row in histogram if stars is None or row.stars == stars]
    count = sum(row.with_photos if sort == WITH_PHOTOS else row.count for row in rows)
    paginator = Paginator(range(count), REVIEWS_PER_PAGE)  # the figures say how many; the rows come below
    if number > paginator.num_pages:
        raise NoSuchReviewPage(f"There is no page {number} of these reviews.")
    shown = paginator.page(number)
    shown.object_list = _page_rows(product, stars=stars, sort=sort, start=(number - 1) * REVIEWS_PER_PAGE)
    return ReviewPage(page=shown, rating=stars, sort=sort, histogram=histogram, total=total)


def _page_rows(product, *, stars: int | None, sort: str, start: int) -> list[Review]:
    """One page of the listing's reviews, kept in the shared cache until the shop's content changes (a
    review, its photos: shop/freshness.py) or the product's listing does (a vote, a reviewer's order
    paid or refunded: `listing_changed`)."""
    def rows() -> list[Review]:
        reviews = product.reviews.approved().order_by(*SORTS[sort])
        if stars is not None:
            reviews = reviews.filter(rating=stars)
        if sort == WITH_PHOTOS:
            reviews = reviews.filter(Exists(ReviewPhoto.objects.filter(review=OuterRef("pk"))))
        return list(with_photos_and_votes(with_verified(reviews))[start:start + REVIEWS_PER_PAGE])

    key = f"review-page:{product.pk}:{listing_version(product.pk)}:{stars}:{sort}:{start}"
    return freshness.kept(key, rows)


LISTING_KEY = "shop:review-listing:{}"


def listing_version(product_id: int) -> int:
    return freshness.counter(LISTING_KEY.format(product_id))


def listing_changed(product_id: int | None) -> None:
    """What the product's review listing shows changed without a review changing (a helpful vote, a
    reviewer's order paid or refunded): its kept pages are read again (at once and after commit)."""
    if product_id is not None:
        freshness.advance(LISTING_KEY.format(product_id))


def review_link(line: OrderLine) -> str:
    """The path of the line's review page, or "" when its order proves no purchase (or the product is gone)."""
    if line.product_id is None or not proves_purchase(line.order):
        return ""
    # No timestamp in it: the line's link is the same wherever and whenever it is shown (e-mail text and
    # HTML parts, the order page), and it does not expire.
    signed = signing.Signer(salt=REVIEW_LINK_SALT).sign_object(line.pk)
    return reverse("shop:review_with_link", kwargs={"slug": line.product.slug, "signed": signed})


def line_for_review_link(*, slug: str, signed: str) -> OrderLine:
    """The order line a review link names, if the link is genuine, for this product, and its order
    proves the purchase. Raises ReviewLinkRefused otherwise."""
    try:
        if len(signed) > REVIEW_LINK_MAX_LENGTH:
            raise signing.BadSignature
        line_id = signing.Signer(salt=REVIEW_LINK_SALT).unsign_object(signed)
    except signing.BadSignature:
        raise ReviewLinkRefused(
            "This review link is not valid. Please use the link in your order e-mail or on your order page."
        ) from None
    line = OrderLine.objects.select_related("order", "product").filter(pk=line_id).first() if type(line_id) is int else None
    if line is None or line.product is None or not line.product.live or line.product.slug != slug:
        raise ReviewLinkRefused("This review link is not for this product.")
    if not proves_purchase(line.order):
        raise ReviewLinkRefused("This order is not paid (or was refunded in full), so it cannot be reviewed yet.", status=403)
    return line


def submit_verified_review(*, line: OrderLine, data: dict) -> Review:
    """Store a review written through the line's review link (with its re-encoded photos,
    `data["photos"]`), for moderation. One per order line: a second one is refused and the first is
    left as it is."""
    try:
        with transaction.atomic():
            review = Review.objects.create(
                product=line.product,
                order_line=line,
                rating=data["rating"],
                title=data["title"],
                body=data["body"],
                author_name=data["author_name"],
                email=line.order.email,
                status=Review.Status.PENDING,
            )
            attach_photos(review, data.get("photos") or [])
            return review
    except IntegrityError:
        raise ReviewRejected(
            "This item was already reviewed with this link: each item of an order can be reviewed once."
        ) from None


def submit_review(*, product: Product, data: dict, client_key: str) -> Review:
    """Store a review (with its re-encoded photos, `data["photos"]`) for moderation. Refuses a filled
    honeypot and more than RATE_LIMIT per window."""
    if data.get("website"):
        raise ReviewRejected("Your review could not be accepted.")
    key = f"reviews:rate:{client_key}"
    cache.add(key, 0, timeout=RATE_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:
        count = 1
    if count > RATE_LIMIT:
        raise ReviewRejected("You have sent several reviews in a short time. Please try again later.")
    with transaction.atomic():
        review = Review.objects.create(
            product=product,
            rating=data["rating"],
            title=data["title"],
            body=data["body"],
            author_name=data["author_name"],
            email=data["email"],
            status=Review.Status.PENDING,
        )
        attach_photos(review, data.get("photos") or [])
    return review


def _require_moderator(user) -> None:
    if user is None or not user.has_perm("shop.change_review"):
        raise PermissionDenied("Moderating reviews needs the permission to change reviews.")


def set_status(review_ids, status: str, *, user) -> int:
    """Approve or reject reviews (locked while they change); each change is logged with who made it.
    Returns how many changed (a review already in that state is left alone)."""
    _require_moderator(user)
    if status not in Review.Status.values:
        raise ValueError(f"Unknown review status {status!r}")
    changed = 0
    with transaction.atomic():
        for review in Review.objects.select_for_update().filter(pk__in=list(review_ids)).order_by("pk"):
            if review.status != status:
                previous, review.status = review.status, status
                review.save(update_fields=["status"])
                log(review, "shop.review.moderated", user=user, data={"status": status, "previous": previous})
                changed += 1
    return changed


class ReplyRefused(Exception):
    """The reply is not published; `messages` name each sentence and why (as a refused publish does)."""

    def __init__(self, messages: list[str]):
        super().__init__("; ".join(messages))
        self.messages = messages


def reply_problems(review: Review, text: str) -> list[str]:
    """Why the shop may not publish this reply. A reply is the store's own copy about its product, so
    it is checked as the product's description is (forbidden wording, disease and authority claims need
    one of the product's verification records), not leniently as a customer's review."""
    return blocking_messages([text], context="product", evidence=review.product.claim_evidence())


def reply_to_review(*, review_id: int, text: str, user) -> Review:
    """Publish (or, with empty text, withdraw) the shop's reply under a review."""
    _require_moderator(user)
    text = text.strip()
    with transaction.atomic():
        review = Review.objects.select_for_update().select_related("product").get(pk=review_id)
        if text and (problems := reply_problems(review, text)):
            raise ReplyRefused(problems)
        if text == review.reply:
            return review
        review.reply = text
        review.replied_at = timezone.now() if text else None
        review.replied_by = user if text else None
        review.save(update_fields=["reply", "replied_at", "replied_by"])
        if text:
            log(review, "shop.review.replied", user=user, data={"reply": text})
        else:
            log(review, "shop.review.reply_removed", user=user)
    return review
