"""Development-only wiring for offline Stripe (localstripe)."""

from __future__ import annotations


def prepare_offline_stripe(*, site_url: str) -> None:
    """Register our webhook endpoint with localstripe so it sends signed events to this site."""
    try:
        from . import stripe_api
    except ImportError:  # payments land with the buying issue
        return
    register = getattr(stripe_api, "register_webhook", None)
    if register is None:
        return
    from django.conf import settings

    register(
        webhook_id="storefront",
        url=f"{site_url}/stripe/webhook/",
        secret=settings.STRIPE_WEBHOOK_SECRET,
    )
    print(f"localstripe: webhooks go to {site_url}/stripe/webhook/")
