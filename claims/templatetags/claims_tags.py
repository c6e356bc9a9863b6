from django import template
from wagtail.rich_text import expand_db_html

from claims import ruleset

register = template.Library()


@register.simple_tag
def claims_richtext(value, context="article", prefix="claim", suffix="", short_forms=True):
    """Render Wagtail rich text with claims marked and one note after each paragraph that has any.

    The text is a section of its own (e.g. a product description); `short_forms=False` shows every
    disclaimer in full (e-mails, where `<details>` is not reliable)."""
    source = getattr(value, "source", value) or ""
    return ruleset.annotate(
        expand_db_html(str(source)), context=context, id_prefix=f"{prefix}{suffix}", short_forms=short_forms
    )


@register.simple_tag
def claims_text(value, context="review", prefix="claim", suffix=""):
    """Render plain text (escaped) with claims marked, e.g. review bodies."""
    return ruleset.annotate_text(value or "", context=context, id_prefix=f"{prefix}{suffix}")


@register.simple_tag
def claims_plain(value, context="product"):
    """Plain-text version for e-mails: each paragraph, then the disclaimers its claims need."""
    return ruleset.plain_with_disclaimers(expand_db_html(str(getattr(value, "source", value) or "")), context=context)
