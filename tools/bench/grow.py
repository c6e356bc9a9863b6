"""The bench's grown catalogue, added to the demo store: 30 products, 500 reviews on one product page,
36 citations on the article, and 200 paid orders for the admin's lists.

Run by `make bench` as `python -m tools.bench.grow` with the bench's environment (production settings on
the bench database). The extra products are copies of the demo's with their own pictures (so each card
costs its own renditions, as in a real catalogue); reviews are approved and spread over two years.
"""

from __future__ import annotations

import datetime as dt
import os

PRODUCTS = 30
REVIEWS = 500
CITATIONS = 36
ORDERS = 200
REVIEWED = "clinicred"


def grow() -> dict:
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.dummy.EmailBackend"  # no SMTP on the bench machine
    from django.utils import timezone

    from content.demo import ensure_product
    from content.demo_content import products as product_data
    from content.models import ArticlePage, Citation
    from shop.catalogue.models import Review, Stock
    from shop.models import Product

    made = {}
    specs = product_data.PRODUCTS
    existing = Product.objects.count()
    for number in range(existing, PRODUCTS):
        spec = dict(specs[number % len(specs)])
        spec.update(
            slug=f"{spec['slug']}-{number}",
            sku=f"{spec['sku']}-{number}",
            name=f"{spec['name']} {number}",
            sort_order=100 + number,
            color=tuple((c + 37 * number) % 256 for c in spec["color"]),
            stock=500,
        )
        ensure_product(spec, log=lambda *a: None)
    made["products"] = Product.objects.live().count()

    product = Product.objects.get(slug=REVIEWED)
    start = timezone.now() - dt.timedelta(days=730)
    have = product.reviews.count()
    Review.objects.bulk_create(
        Review(
            product=product,
            rating=1 + (n * 7) % 5,
            title=f"Bench review {n}",
            body=(
                "Used it most evenings for six weeks. The panel gets warm but not hot, the timer is easy, "
                "and the glasses help. I can't say it helped my knee; my sleep felt a little better. " * (1 + n % 3)
            ),
            author_name=f"Bench reviewer {n}",
            status=Review.Status.APPROVED,
            is_sample=True,
            created_at=start + dt.timedelta(hours=35 * n),
        )
        for n in range(have, REVIEWS)
    )
    # bulk_create sends no post_save: store each review's annotated text as a saved review gets it
    from shop.catalogue import stored_claims

    for review in product.reviews.filter(claims_html={}):
        stored_claims.store(review)
    # nor does it update the product's stored review figures
    from shop.catalogue import review_stats

    review_stats.store(product.pk)
    made["reviews_on_product"] = product.reviews.count()

    article = ArticlePage.objects.live().get(slug="red-light-therapy-for-peripheral-neuropathy")
    count = article.citations.count()
    for n in range(count, CITATIONS):
        article.citations.add(
            Citation(
                authors="Bench A, Bench B",
                title=f"Photobiomodulation outcome study {n}",
                publisher="Journal of Bench Studies",
                published="2020",
                doi=f"10.5555/bench.{n}",
            )
        )
    if count < CITATIONS:
        article.save_revision().publish()
    made["citations"] = article.citations.count()

    made["orders"] = _orders(Stock)
    return made


def _orders(Stock) -> int:
    from shop.models import Order, Product, ShippingMethod
    from shop.orders.checkout import Customer, place_order
    from shop.orders.payment_events import mark_paid

    products = list(Product.objects.live().order_by("pk")[:3])
    method = ShippingMethod.objects.order_by("pk").first()
    Stock.objects.update(on_hand=10_000)
    for n in range(Order.objects.count(), ORDERS):
        customer = Customer(
            email=f"bench.buyer{n}@example.com", full_name=f"Bench Buyer {n}", address_line1=f"{n} Main St",
            address_line2="", city="Springfield", region="IL", postal_code="62701",
        )
        items = {str(products[n % 3].pk): 1 + n % 2}
        order = place_order(items=items, customer=customer, shipping_method_id=method.pk, checkout_key=f"bench-{n}")
        Order.objects.filter(pk=order.pk).update(payment_intent_id=f"pi_bench_{n}")
        mark_paid(order_id=order.pk, payment_intent_id=f"pi_bench_{n}", amount=order.total_cents, currency=order.currency)
    Stock.objects.update(on_hand=500)
    return Order.objects.count()


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tools.bench.settings")
    import django

    django.setup()
    made = grow()
    # The thousand rows just written would otherwise be vacuumed and analysed by PostgreSQL while the next
    # page is measured: settle them first, as a store that has been running would be.
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
    print(made)
