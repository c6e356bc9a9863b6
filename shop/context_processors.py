"""The header's cart count, for every template."""

from django.conf import settings


def cart_summary(request):
    """The header's item count, read from the session cart without touching the database."""
    session = getattr(request, "session", None)
    if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {"cart_count": 0}  # no session yet: leave it untouched so the page stays cacheable
    cart = session.get("cart", {})
    try:
        count = sum(int(q) for q in cart.values()) if isinstance(cart, dict) else 0
    except (TypeError, ValueError):
        count = 0
    return {"cart_count": count}
