"""Template filters: `usd` (integer cents written as dollars, shop/pricing.py), `status_tone`, and
`review_url` (an order line's review link, shop/catalogue/reviews.py); tags reading what was stored when
content was saved: `stored_claims` (annotated text) and `stored_picture` (a product image's markup)."""

import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import SafeString, mark_safe

from shop.catalogue import pictures
from shop.catalogue import stored_claims as stored_claims_module
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


@register.simple_tag
def stored_claims(obj, field):
    """A product's or review's text with claims marked, as stored when it was saved (catalogue/stored_claims.py)."""
    return stored_claims_module.html(obj, field)


@register.simple_tag
def stored_gallery(product):
    """The product page's gallery, as stored when the product was saved (catalogue/pictures.py)."""
    return pictures.gallery_html(product)


@register.simple_tag
def stored_picture(product, place, eager=False):
    """A product image's <picture> for `place` ("card", "thumb"), as stored when saved (catalogue/pictures.py).
    `eager`: the list's first card on a page where it is likely the largest thing in the first screen
    (home, /shop/): fetched at once and first, not lazily once laid out."""
    markup = pictures.html(product, place)
    if eager:
        markup = mark_safe(markup.replace('loading="lazy"', 'fetchpriority="high"'))
    return markup


KEPT_SECONDS = 24 * 3600


def _kept_fragments(prefix: str, states: list, render) -> SafeString:
    """HTML fragments kept in the shared cache, each under a digest of everything it shows (`states`, in
    order): a list costs one cache read whatever its length; `render(n)` makes the n-th one when its
    state is new."""
    keys = [f"{prefix}:" + hashlib.sha1(repr(state).encode()).hexdigest() for state in states]
    found = cache.get_many(keys)
    made = {key: render(n) for n, key in enumerate(keys) if key not in found}
    if made:
        cache.set_many(made, KEPT_SECONDS)
    return mark_safe("".join(found[key] if key in found else made[key] for key in keys))


@register.simple_tag(takes_context=True)
def product_cards(context, products, card_heading="h3", first_eager=False):
    """The product cards of a list, each kept in the shared cache under everything it shows
    (`Product.card_state`) and the page it is on: a card whose product, stock or rating changed is
    rendered again. `first_eager`: the first card's picture is fetched at once (where the list starts
    in the first screen)."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else ""
    products = list(products)
    template = get_template("includes/product_card.html")

    def render(n):
        eager = first_eager and n == 0
        return template.render({"product": products[n], "card_heading": card_heading, "eager": eager, "request": request})

    states = [(product.card_state(), card_heading, path, first_eager and n == 0) for n, product in enumerate(products)]
    return _kept_fragments("product-card", states, render)


def _review_state(review, product, path: str) -> tuple:
    """Everything a review's entry in the listing shows (shop/includes/review_item.html)."""
    photos = tuple((photo.pk, photo.image.name, photo.thumbnail.name) for photo in review.photos.all())
    return (
        review.pk, review.title, review.rating, review.author_name, review.created_at, review.is_sample,
        getattr(review, "verified", False), review.reply, review.replied_at, review.claims_html,
        review.body, photos, getattr(review, "helpful_count", 0), product.slug, path,
    )


@register.simple_tag(takes_context=True)
def review_items(context, reviews):
    """The listing's reviews, each entry kept in the shared cache under everything it shows (its text,
    rating, photos, verified badge, helpful count and the page it is on): a page of reviews costs one
    cache read. A visitor with a message to show (a helpful vote just counted) gets them rendered."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else ""
    product = context["product"]
    reviews = list(reviews)
    template = get_template("shop/includes/review_item.html")
    messages = context.get("messages")
    if messages is not None and len(messages):
        return mark_safe("".join(template.render(context.flatten() | {"review": review}) for review in reviews))
    states = [_review_state(review, product, path) for review in reviews]
    return _kept_fragments(
        "review-item", states, lambda n: template.render({"review": reviews[n], "product": product, "request": request})
    )
