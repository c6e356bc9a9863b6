"""Side effects of saving what a shopper sees: cached pages go stale, and the claim classifier's verdicts
on the new text and the annotated HTML the templates show are computed now, so that rendering a page
only reads them (no business flow here)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.rich_text import expand_db_html

from claims import learned
from claims.templatetags import claims_tags

from . import freshness
from .catalogue.models import Product, ProductImage, Review, ShippingMethod, Stock


def connect() -> None:
    for model in (Product, ProductImage, Stock, Review, ShippingMethod):
        post_save.connect(freshness.content_changed, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
        post_delete.connect(freshness.content_changed, sender=model, dispatch_uid=f"freshness-delete-{model.__name__}")
    post_save.connect(_prepare_product_claims, sender=Product, dispatch_uid="claims-product")
    post_save.connect(_prepare_review_claims, sender=Review, dispatch_uid="claims-review")


def _prepare_product_claims(sender, instance, **kwargs):
    learned.prepare([instance.tagline, instance.seo_title, instance.search_description], html=[expand_db_html(instance.description)])
    # What the product page and its card render (the same tags and arguments as the templates), stored
    # once the save is committed.
    transaction.on_commit(lambda: (
        claims_tags.claims_richtext(instance.description, "product", "claim-desc"),
        claims_tags.claims_text(instance.tagline, "product", "claim-card-", instance.slug),
    ))


def _prepare_review_claims(sender, instance, **kwargs):
    """The review's text and the shop's reply to it (product copy), as the product page renders them."""
    learned.prepare(paragraph for text in (instance.body, instance.reply) for paragraph in text.split("\n\n"))
    transaction.on_commit(lambda: (
        claims_tags.claims_text(instance.body, "review", "claim-review-", instance.pk),
        claims_tags.claims_text(instance.reply, "product", "claim-reply-", instance.pk),
    ))
