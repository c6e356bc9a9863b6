"""The product page's review listing: histogram, filter by rating, sort, 10 a page; bad links are
answered with the first page or a 404, never a 500; the figures always count every approved review."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.catalogue import review_stats
from shop.catalogue.reviews import NoSuchReviewPage, review_page
from shop.models import Review

URL = "/shop/clinicred/"


def titles(page_html):
    return re.findall(r'<h3 class="review-title">([^<]*)</h3>', page_html)


def ratings(page_html):
    return [int(n) for n in re.findall(r'<span class="visually-hidden">Rated (\d) out of 5</span>', page_html)]


def approved(product):
    return product.reviews.approved()


def test_each_review_shows_its_stars_with_a_text_for_screen_readers(client, clinicred):
    page = client.get(URL).content.decode()
    newest = list(approved(clinicred).newest_first()[:10])
    assert ratings(page) == [review.rating for review in newest]
    assert f'class="stars stars-{newest[0].rating * 2}" aria-hidden="true"' in page


def test_histogram_counts_every_approved_review_and_says_so(client, clinicred):
    Review.objects.create(product=clinicred, rating=1, title="Pending", body="Waiting", author_name="Shopper", status=Review.Status.PENDING)
    page = client.get(URL).content.decode()
    counts = {stars: approved(clinicred).filter(rating=stars).count() for stars in range(1, 6)}
    total = sum(counts.values())
    assert total == 21
    assert f"out of 5 from {total} reviews: every approved review is counted, critical ones included." in page
    rows = re.findall(r'href="\?rating=(\d)#reviews".*?<span class="histogram-count">(\d+)<', page, re.S)
    assert [(int(s), int(n)) for s, n in rows] == [(stars, counts[stars]) for stars in range(5, 0, -1)]
    # Filtering narrows the list, never the figures.
    filtered = client.get(URL + "?rating=1").content.decode()
    assert f"out of 5 from {total} reviews: every approved review is counted, critical ones included." in filtered


@pytest.mark.parametrize("stars", [1, 2, 3, 4, 5])
def test_filter_shows_only_that_rating_with_a_way_back(client, clinicred, stars):
    response = client.get(URL, {"rating": stars})
    assert response.status_code == 200
    page = response.content.decode()
    expected = approved(clinicred).filter(rating=stars).count()
    shown = ratings(page)
    assert set(shown) <= {stars} and len(shown) == min(expected, 10)
    assert f"Showing {expected} {stars}-star review" in page
    assert 'href="?#reviews">Show all reviews</a>' in page
    assert "Show all reviews" not in client.get(URL).content.decode()


@pytest.mark.parametrize("sort, key", [("highest", lambda r: -r.rating), ("lowest", lambda r: r.rating)])
def test_sort_by_rating_then_newest(client, clinicred, sort, key):
    page = client.get(URL, {"sort": sort}).content.decode()
    everything = sorted(approved(clinicred).newest_first(), key=key)  # stable: newest first within a rating
    assert titles(page) == [r.title for r in everything[:10]]
    assert 'aria-current="true">' + {"highest": "Highest rating", "lowest": "Lowest rating"}[sort] in page


def test_pages_of_ten_with_previous_and_next(client, clinicred):
    everything = [r.title for r in approved(clinicred).newest_first()]
    pages = [client.get(URL, {"page": n}).content.decode() for n in (1, 2, 3)]
    assert [titles(p) for p in pages] == [everything[:10], everything[10:20], everything[20:]]
    assert "Page 1 of 3" in pages[0] and 'href="?page=2#reviews">Next' in pages[0] and "Previous" not in pages[0]
    assert 'href="?page=1#reviews">Previous' in pages[1] and 'href="?page=3#reviews">Next' in pages[1]
    assert "Page 3 of 3" in pages[2] and ">Next<" not in pages[2]


def test_page_links_keep_the_filter_and_sort(client, clinicred):
    Review.objects.bulk_create(
        Review(product=clinicred, rating=3, title=f"Three {n}", body="Fine.", author_name="Shopper", status=Review.Status.APPROVED)
        for n in range(12)
    )
    review_stats.store(clinicred.pk)  # bulk_create sends no signal
    page = client.get(URL, {"rating": "3", "sort": "lowest"}).content.decode()
    assert 'href="?rating=3&amp;sort=lowest&amp;page=2#reviews">Next' in page
    second = client.get(URL, {"rating": "3", "sort": "lowest", "page": "2"}).content.decode()
    assert set(ratings(second)) == {3} and "Page 2 of 2" in second


@pytest.mark.parametrize("query", ["page=abc", "page=-1", "page=0", "page=" + "9" * 5000, "sort=sideways", "rating=", "page=1.5"])
def test_a_mistyped_page_or_sort_gives_the_first_page(client, clinicred, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200
    assert titles(response.content.decode()) == [r.title for r in approved(clinicred).newest_first()[:10]]


@pytest.mark.parametrize("query", ["page=999", "page=4", "rating=9", "rating=0", "rating=abc", "rating=3&page=2", "rating=%00"])
def test_a_page_that_does_not_exist_is_a_404(client, clinicred, query):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_review_page_function_refuses_what_does_not_exist(clinicred):
    listing = review_page(clinicred, rating="5", sort="lowest", page="1")
    assert listing.total == 21 and listing.rating == 5 and listing.sort == "lowest"
    assert all(review.rating == 5 for review in listing.reviews)
    with pytest.raises(NoSuchReviewPage):
        review_page(clinicred, page=4)
    with pytest.raises(NoSuchReviewPage):
        review_page(clinicred, rating=6)


def test_a_product_without_reviews_has_no_listing_controls(client, demo):
    page = client.get("/shop/protective-glasses/", {"rating": "3"}).content.decode()
    assert "No 3-star reviews yet." in page and "Sort by" not in page and "Page 1 of" not in page


def test_query_count_does_not_grow_with_the_page_size(client, clinicred, monkeypatch):
    from django.core.cache import cache

    from shop.catalogue import reviews

    def count(url):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    def count_at(per_page):
        monkeypatch.setattr(reviews, "REVIEWS_PER_PAGE", per_page)
        count(URL + "?sort=highest")  # warm renditions and per-process memos for these reviews first
        return count(URL + "?sort=highest")

    small, large = count_at(2), count_at(20)
    assert large <= small, f"{small} queries for 2 reviews a page, {large} for 20"


def test_the_plain_product_page_stays_cached_and_variants_are_rendered_fresh(client, clinicred):
    assert client.get(URL)["X-Cache"] == "MISS"
    assert client.get(URL)["X-Cache"] == "HIT"
    # A query string is never served from (or stored in) the page cache.
    for _ in range(2):
        assert "X-Cache" not in client.get(URL, {"rating": "3"})
    assert client.get(URL)["X-Cache"] == "HIT"
