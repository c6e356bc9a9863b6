"""Template filter `usd`: integer cents written as dollars (shop/pricing.py)."""

from django import template

from shop.pricing import format_money

register = template.Library()


@register.filter
def usd(cents):
    """Format integer cents as dollars: 19595 -> $195.95."""
    if cents is None or cents == "":
        return ""
    return format_money(int(cents), "usd")
