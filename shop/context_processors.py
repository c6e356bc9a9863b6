def cart_summary(request):
    """The header's item count, read from the session cart without touching the database."""
    session = getattr(request, "session", None)
    cart = session.get("cart", {}) if session is not None else {}
    try:
        count = sum(int(q) for q in cart.values()) if isinstance(cart, dict) else 0
    except (TypeError, ValueError):
        count = 0
    return {"cart_count": count}
