"""Customer reviews: submission (honeypot, rate limit), moderation, the shop's reply, verified buyers.

Moderation and replies are staff actions: each needs `shop.change_review`, locks the review it changes
and is written to the audit log with the user who did it.
"""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.log_actions import log

from claims.validation import blocking_messages

from ..orders.models import OrderLine
from .models import Product, Review

RATE_LIMIT = 3  # reviews per client per window
RATE_WINDOW_SECONDS = 15 * 60


class ReviewRejected(Exception):
    """The review is not taken; the message is shown to the visitor."""


def with_verified(queryset):
    """Annotate `verified` on reviews: the e-mail matches a paid order that contains the product."""
    paid_line = OrderLine.objects.filter(
        product_id=OuterRef("product_id"), order__email__iexact=OuterRef("email"), order__paid_at__isnull=False
    )
    return queryset.annotate(verified=Exists(paid_line))


def submit_review(*, product: Product, data: dict, client_key: str) -> Review:
    """Store a review for moderation. Refuses a filled honeypot and more than RATE_LIMIT per window."""
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
    return Review.objects.create(
        product=product,
        rating=data["rating"],
        title=data["title"],
        body=data["body"],
        author_name=data["author_name"],
        email=data["email"],
        status=Review.Status.PENDING,
    )


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
