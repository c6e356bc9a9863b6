"""Development-only wiring for offline Stripe (localstripe)."""

from __future__ import annotations


def prepare_offline_stripe(*, site_url: str) -> None:
    """Register our webhook endpoint with localstripe so it sends signed events to this site."""
    from django.conf import settings

    from . import stripe_api

    stripe_api.register_webhook(
        webhook_id="storefront",
        url=f"{site_url}/stripe/webhook/",
        secret=settings.STRIPE_WEBHOOK_SECRET,
    )
    print(f"localstripe: webhooks go to {site_url}/stripe/webhook/")
