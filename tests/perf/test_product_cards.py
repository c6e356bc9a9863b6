"""Lists of products cost the same whatever the catalogue's size: /shop/ shows 12 a page, the home page 6
with a link to the rest, and each card is kept in the shared cache under everything it shows, so a
list is one cache read (a card whose price, stock or rating changed is rendered again)."""

from __future__ import annotations

import re
from unittest import mock

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.catalogue.models import Product, Stock

CARD = re.compile(r'<article class="card product-card">.*?</article>', re.S)


def _copies(n: int) -> None:
    template = Product.objects.get(slug="protective-glasses")
    for number in range(n):
        Product.objects.create(
            name=f"Glasses {number}", slug=f"glasses-{number}", sku=f"GL-{number}", price_cents=4000 + number,
            description=template.description, image=template.image, sort_order=200 + number, live=True,
        )


def test_shop_pages_through_the_catalogue_twelve_at_a_time(client, demo):
    _copies(12)  # 15 products
    first = client.get("/shop/").content.decode()
    assert len(CARD.findall(first)) == 12
    assert "Page 1 of 2" in first and 'rel="next" href="?page=2"' in first
    second = client.get("/shop/?page=2").content.decode()
    assert len(CARD.findall(second)) == 3 and 'rel="prev"' in second
    assert client.get("/shop/?page=3").status_code == 404
    assert client.get("/shop/?page=x").status_code == 404


def test_the_home_page_shows_six_products_and_links_to_all(client, demo):
    _copies(6)
    html = client.get("/").content.decode()
    assert len(CARD.findall(html)) == 6
    assert f"See all {Product.objects.live().count()} products" in html


def test_a_list_of_cards_is_one_cache_read_and_a_changed_card_is_made_again(client, demo):
    client.get("/shop/?warm=1")
    with mock.patch.object(cache, "get_many", wraps=cache.get_many) as reads, CaptureQueriesContext(connection) as queries:
        html = client.get("/shop/?warm=1").content.decode()
    card_reads = [call for call in reads.call_args_list if any(str(k).startswith("product-card:") for k in call.args[0])]
    assert len(card_reads) == 1
    assert not [q for q in queries if "shop_product" in q["sql"]]  # the page's rows are kept too
    assert 'disabled>Out of stock' not in html

    # the last pair is sold and the price is changed in the admin: the next visit shows both
    glasses = Product.objects.get(slug="protective-glasses")
    assert Stock.objects.take(glasses.pk, glasses.stock.on_hand, reason="Sold in the shop")
    glasses.price_cents = 4500
    glasses.save()
    html = client.get("/shop/?warm=1").content.decode()
    card = next(c for c in CARD.findall(html) if "Protective Glasses" in c or "/shop/protective-glasses/" in c)
    assert "$45.00" in card and "Out of stock" in card
