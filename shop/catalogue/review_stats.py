"""A product's review figures, stored on the product (`Product.review_stats`) when its reviews change, so
a product card, the rating summary and the product page's histogram read one column instead of
aggregating every review of the product on each render.

Stored shape: {"count": approved reviews, "sum": their ratings added up,
"stars": {"<1-5>": [approved reviews with that rating, how many of them have photos]}}; {} is no
approved review.

`store_after_commit` recomputes them at once (the change's own transaction reads them right) and again
once the current transaction commits, from the committed rows: two app processes changing one product's
reviews at once both recompute after their commits, and the later recompute sees both changes. It is called (shop/signals.py) when a review is saved or deleted (moderation
in catalogue/reviews.py `set_status`, a moderator's edit or delete in the admin) and when a photo is added
to or removed from a review.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Exists, OuterRef

from .. import freshness
from .models import Product, Review, ReviewPhoto


def from_rows(rows) -> dict:
    """The stored shape from (rating, count, with photos) rows."""
    stars = {str(rating): [count, photos] for rating, count, photos in rows if count}
    if not stars:
        return {}
    return {
        "count": sum(count for count, _ in stars.values()),
        "sum": sum(int(rating) * count for rating, (count, _) in stars.items()),
        "stars": stars,
    }


def compute(product_id: int) -> dict:
    """The figures of the product's approved reviews as the database holds them: one query."""
    has_photos = Exists(ReviewPhoto.objects.filter(review=OuterRef("pk")))
    rows = (
        Review.objects.approved().filter(product_id=product_id).order_by()
        .values_list("rating").annotate(n=Count("id"), p=Count("id", filter=has_photos))
    )
    return from_rows(rows)


def store(product_id: int) -> dict:
    """Recompute and save the product's figures: an UPDATE of that one column (no signals, no revision)."""
    stats = compute(product_id)
    Product.objects.filter(pk=product_id).update(review_stats=stats)
    freshness.content_changed()  # pages (and kept parts of them) showing the figures are made again
    return stats


def _now_and_after_commit(run) -> None:
    """Run now, so the change's own transaction (and whoever reads inside it) sees the new figures, and
    again once it commits when inside one: two transactions changing one product's reviews at once each
    saw only their own change; the recompute after commit reads both."""
    run()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(run)


def store_after_commit(product_id: int | None) -> None:
    if product_id is not None:
        _now_and_after_commit(lambda: store(product_id))


def store_for_review_after_commit(review_id: int | None) -> None:
    """A photo of this review changed: recompute its product's figures after commit (a review deleted
    with its photos is handled by its own delete)."""

    def run():
        product_id = Review.objects.filter(pk=review_id).values_list("product_id", flat=True).first()
        if product_id is not None:
            store(product_id)

    if review_id is not None:
        _now_and_after_commit(run)
