"""Anonymous pages come from the cache; anything a shopper sees changing makes them fresh at once."""

import pytest

from shop.models import Product, Review, Stock
from tests.shop.conftest import make_order, standard  # noqa: F401  (fixtures)

PAGES = ["/", "/learn/", "/learn/red-light-therapy-for-peripheral-neuropathy/", "/shop/", "/shop/clinicred/"]


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    def run(fn):
        with django_capture_on_commit_callbacks(execute=True):
            return fn()

    return run


@pytest.mark.parametrize("url", PAGES)
def test_second_anonymous_visit_is_served_from_the_cache(client, demo, url):
    first = client.get(url)
    second = client.get(url)
    assert first["X-Cache"] == "MISS" and second["X-Cache"] == "HIT"
    assert first.content == second.content
    assert "Content-Security-Policy" in second and second["X-Frame-Options"] == "DENY"


def test_price_change_shows_everywhere_at_once(client, demo, commit):
    for url in ["/shop/", "/shop/clinicred/", "/learn/red-light-therapy-for-peripheral-neuropathy/", "/"]:
        client.get(url)
    product = Product.objects.get(slug="clinicred")
    product.price_cents = 18500
    commit(product.save)
    for url in ["/shop/", "/shop/clinicred/", "/learn/red-light-therapy-for-peripheral-neuropathy/", "/"]:
        page = client.get(url).content.decode()
        assert "$185.00" in page and "$195.95" not in page, url


def test_stock_sold_out_shows_at_once(client, demo, commit, make_order):
    assert "In stock" in client.get("/shop/protective-glasses/").content.decode()
    Stock.objects.filter(product__slug="protective-glasses").update(on_hand=1)
    commit(lambda: make_order("protective-glasses", 1))
    assert "Out of stock" in client.get("/shop/protective-glasses/").content.decode()


def test_approving_a_review_shows_at_once(client, demo, commit):
    assert "No reviews yet" in client.get("/shop/protective-glasses/").content.decode()
    review = Review.objects.create(product=Product.objects.get(slug="protective-glasses"), rating=4, title="Fits well", body="Fits over my glasses.", author_name="T")
    review.status = Review.Status.APPROVED
    commit(review.save)
    assert "Fits well" in client.get("/shop/protective-glasses/").content.decode()


def test_publishing_a_page_shows_at_once(client, article, commit):
    client.get(article.url)
    article.title = "Red light and neuropathy: what the research says"
    commit(lambda: article.save_revision().publish())
    assert "Red light and neuropathy: what the research says" in client.get(article.url).content.decode()


def test_claim_rule_change_shows_at_once(client, demo, commit):
    from claims.models import Disclaimer

    client.get("/learn/red-light-therapy-for-peripheral-neuropathy/")
    disclaimer = Disclaimer.objects.get(key="structure_function")
    disclaimer.text = "Reworded by the legal team."
    commit(disclaimer.save)
    assert "Reworded by the legal team." in client.get("/learn/red-light-therapy-for-peripheral-neuropathy/").content.decode()


@pytest.mark.parametrize("url", ["/cart/", "/checkout/", "/search/?q=light"])
def test_private_pages_are_never_cached(client, demo, url):
    client.get(url)
    assert "X-Cache" not in client.get(url)


def test_a_visitor_with_a_cart_never_gets_someone_elses_page(client, demo):
    from django.test import Client

    client.get("/shop/")  # cached for anonymous visitors
    client.post("/cart/add/", {"product": Product.objects.get(slug="clinicred").pk, "quantity": "2"})
    mine = client.get("/shop/")
    assert "X-Cache" not in mine and "data-cart-count>2<" in mine.content.decode()
    stranger = Client().get("/shop/")
    assert stranger["X-Cache"] == "HIT" and "data-cart-count>0<" in stranger.content.decode()


def test_order_page_is_not_cached(client, make_order):
    order = make_order()
    client.get(order.get_absolute_url())
    assert "X-Cache" not in client.get(order.get_absolute_url())
