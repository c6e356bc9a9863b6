"""A product image's `<picture>` markup for each place it is shown, and the product page's whole gallery,
made when the product or its image is saved and stored on the product (`Product.pictures_html`), so a
product card, a cart line or the product page reads one string instead of looking up six renditions
(AVIF, WebP and PNG at two sizes) per picture on every render.

Stored shape: {"<place>": [<image id>, "<picture …>"]}. A render whose stored entry names another image
(or none) renders the tag itself and enqueues `store_pictures` for that product, once.
"""

from __future__ import annotations

import logging

from django.core.cache import cache
from django.db.models import Q
from django.template import engines
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django_tasks import task
from wagtail.images.models import SourceImageIOError

from .. import freshness
from .models import Product

logger = logging.getLogger(__name__)

# Each place: the `{% picture %}` tag's arguments exactly as a template would write them after the image
# (`alt=name` is the product's name), or "url:<filter spec>" for a rendition's URL (link previews, the
# cart banner's thumbnail).
PLACES = {
    "card": 'format-{avif,webp,png} fill-{480x360,960x720} sizes="(min-width: 72rem) 22rem, (min-width: 36rem) 45vw, 100vw" loading="lazy" decoding="async" alt="" class="card-img"',
    "detail": 'format-{avif,webp,png} fill-{640x480,1200x900} sizes="(min-width: 48rem) 34rem, 100vw" alt=name class="product-img" fetchpriority="high"',
    "thumb": 'format-{avif,webp,png} fill-{96x96,192x192} sizes="4rem" alt="" class="cart-thumb" decoding="async"',
    "og": "url:fill-1200x630",
    "banner": "url:fill-96x96|format-webp",
}
_templates: dict[str, object] = {}


def _render(product: Product, place: str) -> str:
    spec = PLACES[place]
    try:
        if spec.startswith("url:"):
            return product.image.get_rendition(spec.removeprefix("url:")).url
        template = _templates.get(place)
        if template is None:
            template = _templates[place] = engines["django"].from_string(
                "{% load wagtailimages_tags %}{% picture image " + spec + " %}"
            )
        return template.render({"image": product.image, "name": product.name}).strip()
    except SourceImageIOError:  # the image's file is gone (a lost upload): no picture, not a 500
        logger.warning("Product %s: image %s has no file", product.pk, product.image_id)
        return ""


def _gallery(product: Product) -> str:
    return get_template("shop/includes/product_gallery.html").render({"product": product}).strip()


def _gallery_key(product: Product) -> str:
    """What the stored gallery must have been made from (the main image and the name, its alt text);
    a change to the gallery images saves the product, which stores the gallery again."""
    return f"{product.image_id}|{product.name}"


def _image_urls(product: Product) -> list[str]:
    """Each picture of the gallery (main image first) at the size its "View full size" link opens."""
    urls = []
    for item in product.gallery():
        try:
            urls.append(item.image.get_rendition("max-1600x1600").url)
        except SourceImageIOError:
            logger.warning("Product %s: image %s has no file", product.pk, item.image.pk)
    return urls


def compute(product: Product) -> dict:
    stored = {"gallery": [_gallery_key(product), _gallery(product)], "images": [_gallery_key(product), _image_urls(product)]}
    if product.image_id is not None:
        stored.update({place: [product.image_id, _render(product, place)] for place in PLACES})
    return stored


def store(product: Product) -> None:
    """Make every place's markup (and so its renditions) and save it: an UPDATE of that one column."""
    product.pictures_html = compute(product)
    Product.objects.filter(pk=product.pk).update(pictures_html=product.pictures_html)
    freshness.content_changed()  # pages (and kept parts of them) showing the product are made again


def html(product: Product, place: str) -> SafeString:
    """The `<picture>` (or URL) for `place`: the stored one if it was made from the product's current
    image (and, for "detail", under its current name)."""
    if product.image_id is None:
        return mark_safe("")
    stored = (product.pictures_html or {}).get(place)
    if stored and stored[0] == product.image_id and (place != "detail" or f'alt="{escape(product.name)}"' in stored[1]):
        return mark_safe(stored[1])
    _schedule_store(product, product.image_id)
    return mark_safe(_render(product, place))


def gallery_html(product: Product) -> SafeString:
    """The product page's gallery (shop/includes/product_gallery.html) as stored when the product was saved."""
    stored = (product.pictures_html or {}).get("gallery")
    if stored and stored[0] == _gallery_key(product):
        return mark_safe(stored[1])
    _schedule_store(product, _gallery_key(product))
    return mark_safe(_gallery(product))


def image_urls(product: Product) -> list[str]:
    """The URLs of the product's pictures (main image first) for its structured data, as stored."""
    stored = (product.pictures_html or {}).get("images")
    if stored and stored[0] == _gallery_key(product):
        return stored[1]
    _schedule_store(product, _gallery_key(product))
    return _image_urls(product)


def _schedule_store(product: Product, made_from) -> None:
    """Enqueue `store_pictures` for a saved product whose stored markup is missing or stale, once per
    what it should be made from (two app processes share the cache's flag)."""
    if product.pk and cache.add(f"pictures:scheduled:{product.pk}:{made_from}", True, timeout=3600):
        store_pictures.enqueue(product.pk)


@task()
def store_pictures(product_id: int) -> None:
    product = Product.objects.select_related("image").filter(pk=product_id).first()
    if product is not None:
        store(product)


def image_changed(sender, instance, **kwargs) -> None:
    """Signal receiver: an image was saved (perhaps a new file): its products' markup is made again."""
    using = Product.objects.filter(Q(image=instance) | Q(gallery_images__image=instance)).distinct()
    for product in using.select_related("image"):
        store(product)
