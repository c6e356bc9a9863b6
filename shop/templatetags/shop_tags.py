"""Template filters: `usd` (integer cents written as dollars, shop/pricing.py), `status_tone`, and
`review_url` (an order line's review link, shop/catalogue/reviews.py)."""

from django import template

from shop.catalogue.reviews import review_link
from shop.pricing import format_money

register = template.Library()


@register.filter
def usd(cents):
    """Format integer cents as dollars: 19595 -> $195.95."""
    if cents is None or cents == "":
        return ""
    return format_money(int(cents), "usd")


# How each order status reads as a badge: good news, something to watch, something wrong; else neutral.
STATUS_TONES = {
    "paid": "good", "fulfilled": "good",
    "pending": "warn", "partially_refunded": "warn", "partially_fulfilled": "warn", "unfulfilled": "warn", "returned": "warn",
    "refunded": "bad", "disputed": "bad", "failed": "bad", "cancelled": "bad",
}


@register.filter
def status_tone(value):
    """The badge tone of an order status value: "good", "warn", "bad" or "neutral"."""
    return STATUS_TONES.get(str(value), "neutral")


@register.filter
def review_url(line):
    """The path of an order line's "Review this product" page, or "" when its order proves no purchase."""
    return review_link(line)
