"""Customer reviews: submission (honeypot, rate limit), moderation, verified buyers."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Exists, OuterRef
from wagtail.log_actions import log

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


def set_status(reviews, status: str, *, user=None) -> int:
    """Approve or reject reviews; each change is logged."""
    changed = 0
    for review in reviews:
        if review.status != status:
            review.status = status
            review.save(update_fields=["status"])
            log(review, "shop.review.moderated", user=user, data={"status": status})
            changed += 1
    return changed
