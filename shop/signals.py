"""Side effects of saving what a shopper sees: cached pages go stale, and the claim classifier's verdicts
on the new text are computed now, so that rendering a page only reads them (no business flow here)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from claims import learned

from . import freshness
from .models import Product, Review, ShippingMethod, Stock


def connect() -> None:
    for model in (Product, Stock, Review, ShippingMethod):
        post_save.connect(freshness.content_changed, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
        post_delete.connect(freshness.content_changed, sender=model, dispatch_uid=f"freshness-delete-{model.__name__}")
    post_save.connect(_prepare_product_claims, sender=Product, dispatch_uid="claims-product")
    post_save.connect(_prepare_review_claims, sender=Review, dispatch_uid="claims-review")


def _prepare_product_claims(sender, instance, **kwargs):
    texts = instance.claim_texts()
    transaction.on_commit(lambda: learned.prepare(texts))


def _prepare_review_claims(sender, instance, **kwargs):
    texts = [instance.body]
    transaction.on_commit(lambda: learned.prepare(texts))
