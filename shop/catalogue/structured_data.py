"""schema.org data for product pages, built from the records the page shows."""

from __future__ import annotations

from ..pricing import cents_to_decimal_string


def product_json_ld(product, reviews, *, url: str, images: list[str] = ()) -> dict:
    """Product with its Offer, its pictures (absolute URLs, main image first) and, from approved reviews
    only, AggregateRating and Review."""
    rating = product.rating_summary()
    data = {
        "@context": "https://schema.org",
        "@type": "Product",
        "name": product.name,
        "sku": product.sku,
        "url": url,
        "description": product.tagline or product.name,
        "brand": {"@type": "Brand", "name": "ClinicRed"},
        "offers": {
            "@type": "Offer",
            "price": cents_to_decimal_string(product.price_cents),
            "priceCurrency": product.currency.upper(),
            "availability": "https://schema.org/InStock" if product.in_stock else "https://schema.org/OutOfStock",
            "url": url,
        },
    }
    if images:
        data["image"] = list(images) if len(images) > 1 else images[0]
    if rating:
        data["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": rating.average, "reviewCount": rating.count}
        data["review"] = [
            {
                "@type": "Review",
                "name": review.title,
                "author": {"@type": "Person", "name": review.author_name},
                "datePublished": review.created_at.date().isoformat(),
                "reviewBody": review.body,
                "reviewRating": {"@type": "Rating", "ratingValue": review.rating, "bestRating": 5},
            }
            for review in reviews[:10]
        ]
    return data
