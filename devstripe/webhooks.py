"""Making localstripe send signed webhooks, as a webhook endpoint in Stripe's dashboard does.

localstripe sends only payment_intent.succeeded / payment_failed, customer.* and a few more (never
refunds or disputes), once, about a second after the event, signed `t=<created>,v1=<hmac-sha256>`.
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request

import stripe
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def register_webhook(*, webhook_id: str, url: str, secret: str, events: list[str] | None = None) -> None:
    """Make localstripe (at settings.STRIPE_API_BASE) POST events to `url`, signed with `secret`.

    Registering the same `webhook_id` again replaces it. `events=None` means every event type;
    `events=[]` means none (localstripe has no way to delete a registration). A refusal is
    stripe.InvalidRequestError, an unreachable localstripe stripe.APIConnectionError.
    """
    base = (getattr(settings, "STRIPE_API_BASE", "") or "").rstrip("/")
    if not base:
        raise ImproperlyConfigured("Registering a webhook with localstripe needs STRIPE_API_BASE: its address.")
    fields = [("url", url), ("secret", secret)]
    if events is not None:
        fields += [("events[]", event) for event in events] or [("events[]", "")]
    request = urllib.request.Request(
        f"{base}/_config/webhooks/{urllib.parse.quote(webhook_id, safe='')}",
        data=urllib.parse.urlencode(fields).encode(),
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=10):
            pass
    except urllib.error.HTTPError as exc:
        raise stripe.InvalidRequestError(f"localstripe refused the webhook registration ({exc.code}).", None) from exc
    except OSError as exc:
        raise stripe.APIConnectionError(f"localstripe could not be reached at {base}: {exc}") from exc
