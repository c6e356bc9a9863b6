"""Side effects of saving what a shopper sees: cached pages go stale, and the claim classifier's verdicts
on the new text and the annotated HTML the templates show are computed now, so that rendering a page
only reads them (no business flow here)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save
from wagtail.images import get_image_model
from wagtail.rich_text import expand_db_html

from claims import learned, ruleset

from . import freshness
from .catalogue import pictures, review_stats, reviews, stored_claims
from .catalogue.models import Product, ProductImage, Review, ReviewPhoto, ShippingMethod, Stock
from .orders.models import Order


def connect() -> None:
    for model in (Product, ProductImage, Stock, Review, ReviewPhoto, ShippingMethod):
        post_save.connect(freshness.content_changed, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
        post_delete.connect(freshness.content_changed, sender=model, dispatch_uid=f"freshness-delete-{model.__name__}")
    post_save.connect(_prepare_product_claims, sender=Product, dispatch_uid="claims-product")
    post_save.connect(_prepare_review_claims, sender=Review, dispatch_uid="claims-review")
    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="pictures-image")
    post_save.connect(_gallery_changed, sender=ProductImage, dispatch_uid="pictures-gallery-save")
    post_delete.connect(_gallery_changed, sender=ProductImage, dispatch_uid="pictures-gallery-delete")
    post_save.connect(_product_saved, sender=Product, dispatch_uid="review-stats-product")
    pre_save.connect(_review_moving, sender=Review, dispatch_uid="review-stats-moving")
    post_save.connect(_review_saved, sender=Review, dispatch_uid="review-stats-save")
    post_delete.connect(_review_deleted, sender=Review, dispatch_uid="review-stats-delete")
    post_save.connect(_photo_changed, sender=ReviewPhoto, dispatch_uid="review-stats-photo-save")
    post_delete.connect(_photo_changed, sender=ReviewPhoto, dispatch_uid="review-stats-photo-delete")
    post_delete.connect(_photo_deleted, sender=ReviewPhoto, dispatch_uid="review-photo-files")
    post_save.connect(_order_saved, sender=Order, dispatch_uid="review-listing-order")
    ruleset.annotations_outdated.connect(stored_claims.rules_changed, dispatch_uid="claims-stored-outdated")


def _prepare_product_claims(sender, instance, **kwargs):
    learned.prepare([instance.tagline, instance.seo_title, instance.search_description], html=[expand_db_html(instance.description)])
    # What the product page and its card show, stored on the row once the save is committed (from the
    # row as committed: a draft saved in the admin does not change what shoppers read).
    transaction.on_commit(lambda: _store_committed(Product, instance.pk))


def _image_saved(sender, instance, **kwargs):
    transaction.on_commit(lambda: pictures.image_changed(sender, instance))


def _gallery_changed(sender, instance, **kwargs):
    product_id = instance.product_id
    transaction.on_commit(lambda: _store_committed(Product, product_id))


def _prepare_review_claims(sender, instance, **kwargs):
    """The review's text and the shop's reply to it (product copy), as the product page renders them."""
    learned.prepare(paragraph for text in (instance.body, instance.reply) for paragraph in text.split("\n\n"))
    transaction.on_commit(lambda: _store_committed(Review, instance.pk))


def _store_committed(model, pk) -> None:
    obj = model.objects.filter(pk=pk).first()
    if obj is not None:
        stored_claims.store(obj)
        if model is Product:
            pictures.store(obj)


# The product's stored review figures (catalogue/review_stats.py), recomputed (at once and after commit) whenever a save
# may change them: a review's status, rating or product, or its photos. A save of other fields only (the
# shop's reply, the stored claims HTML) leaves them alone.
REVIEW_STATS_FIELDS = {"status", "rating", "product", "product_id"}


def _counts(update_fields) -> bool:
    return update_fields is None or bool(REVIEW_STATS_FIELDS & set(update_fields))


def _review_moving(sender, instance, update_fields=None, raw=False, **kwargs):
    """A moderator's edit may move a review to another product: that one's figures change too."""
    if raw or instance._state.adding or instance.pk is None or not _counts(update_fields):
        return
    before = Review.objects.filter(pk=instance.pk).values_list("product_id", flat=True).first()
    if before is not None and before != instance.product_id:
        instance._moved_from_product = before  # counted again once the review has left it (_review_saved)


def _review_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if not raw and _counts(update_fields):
        review_stats.store_after_commit(instance.product_id)
        moved_from = instance.__dict__.pop("_moved_from_product", None)
        if moved_from is not None:
            review_stats.store_after_commit(moved_from)


def _product_saved(sender, instance, update_fields=None, raw=False, created=False, **kwargs):
    """A product saved whole (an edit, or a revision published, perhaps an old one) writes back the figures
    it was loaded or serialized with: they are counted again."""
    if not raw and not created and (update_fields is None or "review_stats" in update_fields):
        review_stats.store_after_commit(instance.pk)


def _review_deleted(sender, instance, **kwargs):
    review_stats.store_after_commit(instance.product_id)


def _photo_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        review_stats.store_for_review_after_commit(instance.review_id)


# A review written through an order line's link shows "Verified buyer" while its order proves the purchase
# (catalogue/reviews.py proves_purchase): a payment or a refund changes the badge on the product's listing.
PROOF_FIELDS = {"paid_at", "payment_status"}


def _order_saved(sender, instance, created=False, update_fields=None, raw=False, **kwargs):
    if raw or created or (update_fields is not None and not PROOF_FIELDS & set(update_fields)):
        return
    for product_id in set(Review.objects.filter(order_line__order_id=instance.pk).values_list("product_id", flat=True)):
        reviews.listing_changed(product_id)


def _photo_deleted(sender, instance, **kwargs):
    """A review photo removed (or its review deleted): its two files go too, once the deletion commits
    (a rolled-back delete keeps them)."""
    files = [(field.storage, field.name) for field in (instance.image, instance.thumbnail) if field.name]
    transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
