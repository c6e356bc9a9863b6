"""Cache freshness only: saving anything a shopper sees marks cached pages stale (no business flow here)."""

from django.db.models.signals import post_delete, post_save

from . import freshness
from .models import Product, Review, ShippingMethod, Stock


def connect() -> None:
    for model in (Product, Stock, Review, ShippingMethod):
        post_save.connect(freshness.content_changed, sender=model, dispatch_uid=f"freshness-save-{model.__name__}")
        post_delete.connect(freshness.content_changed, sender=model, dispatch_uid=f"freshness-delete-{model.__name__}")
