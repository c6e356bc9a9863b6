"""The number of SQL queries per page does not grow with products, reviews or citations."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from claims import learned
from content.models import Citation
from shop.catalogue import review_stats
from shop.models import Product, Review, Stock

PAGES = ["/", "/shop/", "/shop/clinicred/", "/learn/red-light-therapy-for-peripheral-neuropathy/"]


def queries(client, url):
    from django.core.cache import cache

    cache.clear()  # measure a real render, not the page cache
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow_catalogue(article):
    template = Product.objects.get(slug="protective-glasses")
    for n in range(27):
        product = Product.objects.create(
            name=f"Extra product {n}", slug=f"extra-{n}", sku=f"EX-{n}", price_cents=1000 + n,
            description="<p>Spare part.</p>", image=template.image, sort_order=10 + n,
        )
        Stock.objects.create(product=product, on_hand=5)
    clinicred = Product.objects.get(slug="clinicred")
    Review.objects.bulk_create(
        Review(product=clinicred, rating=1 + n % 5, title=f"Review {n}", body="Arrived on time.", author_name="T", status=Review.Status.APPROVED)
        for n in range(479)
    )
    learned.prepare(["Arrived on time."])  # bulk_create skips the save signal that does this for a review
    review_stats.store(clinicred.pk)  # and the one that stores the product's review figures
    Citation.objects.bulk_create(
        Citation(page=article, sort_order=10 + n, authors="Author", title=f"Extra source {n}", publisher="Journal", published="2020")
        for n in range(30)
    )


@pytest.mark.parametrize("url", PAGES)
def test_queries_do_not_grow_with_the_catalogue(client, article, url):
    client.get(url)  # warm renditions and per-process caches
    small = queries(client, url)
    grow_catalogue(article)
    from django.core.cache import cache

    cache.clear()  # bulk_create sent no signal: render once, as publishing would (stores the annotation)
    client.get(url)
    large = queries(client, url)
    assert Product.objects.count() == 30 and Review.objects.filter(product__slug="clinicred").count() == 500
    assert large <= small, f"{url}: {small} queries with 3 products, {large} with 30"
    assert small <= 25, f"{url}: {small} queries"


# The product page reads its rating, histogram and gallery as stored: the product, the page of reviews,
# their photos and the shipping method. /shop/ counts products plainly (no join over the reviews).
EXACT = {"/shop/clinicred/": 4, "/shop/": 2}


@pytest.mark.parametrize("url", EXACT)
def test_product_page_and_list_read_stored_figures(client, article, url):
    client.get(url)  # warm renditions and per-process caches
    grow_catalogue(article)
    from django.core.cache import cache

    cache.clear()
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        cache.clear()
        assert client.get(url).status_code == 200
    # less the claim rule set's, read again only because the cache was cleared (a warm process has it)
    sql = [query["sql"] for query in captured if 'FROM "claims_' not in query["sql"]]
    assert len(sql) == EXACT[url], sql
    assert not any("GROUP BY" in query or "AVG(" in query for query in sql if '"shop_product"' in query)
