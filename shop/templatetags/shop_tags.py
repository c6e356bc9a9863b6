"""Template filters: `usd` (integer cents written as dollars, shop/pricing.py), `status_tone`, and
`review_url` (an order line's review link, shop/catalogue/reviews.py); tags reading what was stored when
content was saved: `stored_claims` (annotated text) and `stored_picture` (a product image's markup)."""

import hashlib

from django import template
from django.core.cache import cache
from django.template.loader import get_template
from django.utils.safestring import mark_safe

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


CARD_SECONDS = 24 * 3600


@register.simple_tag(takes_context=True)
def product_cards(context, products, card_heading="h3", first_eager=False):
    """The product cards of a list, each kept in the shared cache under everything it shows
    (`Product.card_state`) and the page it is on: a list costs one cache read, whatever its length;
    a card whose product, stock or rating changed is rendered again. `first_eager`: the first card's
    picture is fetched at once (where the list starts in the first screen)."""
    request = context.get("request")
    path = request.get_full_path() if request is not None else ""
    products = list(products)
    keys = [
        "product-card:" + hashlib.sha1(repr((product.card_state(), card_heading, path, first_eager and n == 0)).encode()).hexdigest()
        for n, product in enumerate(products)
    ]
    found = cache.get_many(keys)
    cards, made = [], {}
    template = get_template("includes/product_card.html")
    for n, (product, key) in enumerate(zip(products, keys)):
        card = found.get(key)
        if card is None:
            eager = first_eager and n == 0
            card = made[key] = template.render({"product": product, "card_heading": card_heading, "eager": eager, "request": request})
        cards.append(card)
    if made:
        cache.set_many(made, CARD_SECONDS)
    return mark_safe("".join(cards))


REVIEW_SECONDS = 24 * 3600


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
    keys = [
        "review-item:" + hashlib.sha1(repr(_review_state(review, product, path)).encode()).hexdigest()
        for review in reviews
    ]
    found = cache.get_many(keys)
    items, made = [], {}
    for review, key in zip(reviews, keys):
        item = found.get(key)
        if item is None:
            item = made[key] = template.render({"review": review, "product": product, "request": request})
        items.append(item)
    if made:
        cache.set_many(made, REVIEW_SECONDS)
    return mark_safe("".join(items))
