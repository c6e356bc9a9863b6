""""Was this helpful?": one vote per visitor and review, JSON for the page's script and a redirect with
a message without it, posts from other sites refused, a rate limit, and the cached product page left
as it is (the count catches up when the cached page expires)."""

import re

import pytest
from django.core.cache import cache
from django.db import IntegrityError

from shop.catalogue import review_votes
from shop.models import Review, ReviewVote

URL = "/shop/clinicred/"
JSON = {"HTTP_ACCEPT": "application/json", "HTTP_SEC_FETCH_SITE": "same-origin"}


@pytest.fixture
def review(clinicred):
    return clinicred.reviews.approved().newest_first().first()


def vote_url(review):
    return f"/shop/{review.product.slug}/reviews/{review.pk}/helpful/"


def block(page: str, review) -> str:
    start = page.index(f'id="review-{review.pk}"')
    return page[start: page.index("</li>", start)]


def shown_count(page: str, review) -> int:
    return int(re.search(r"Yes \(<span data-helpful-count>(\d+)</span>\)", block(page, review)).group(1))


def test_each_visitor_counts_once(client, review):
    first = client.post(vote_url(review), **JSON)
    assert first.status_code == 200 and first.json() == {"ok": True, "counted": True, "count": 1, "message": "Thank you for your feedback."}
    assert review_votes.VOTER_COOKIE in first.cookies and first.cookies[review_votes.VOTER_COOKIE]["httponly"]

    again = client.post(vote_url(review), **JSON)
    assert again.json() == {"ok": True, "counted": False, "count": 1, "message": "You have already said this review was helpful."}

    other_visitor = client.__class__()
    assert other_visitor.post(vote_url(review), **JSON).json()["count"] == 2
    assert ReviewVote.objects.filter(review=review).count() == 2


def test_a_forged_voter_cookie_is_a_new_visitor_not_someone_else(client, review):
    client.post(vote_url(review), **JSON)
    client.cookies[review_votes.VOTER_COOKIE] = "someone-else:forged-signature"
    response = client.post(vote_url(review), **JSON)
    assert response.json()["counted"] is True and response.cookies[review_votes.VOTER_COOKIE].value != "someone-else:forged-signature"


def test_the_database_refuses_a_second_vote_by_the_same_voter(review):
    ReviewVote.objects.create(review=review, voter_hash="a" * 64)
    with pytest.raises(IntegrityError):
        ReviewVote.objects.create(review=review, voter_hash="a" * 64)


def test_votes_are_not_linkable_across_reviews(client, clinicred):
    first, second = clinicred.reviews.approved().newest_first()[:2]
    client.post(vote_url(first), **JSON)
    client.post(vote_url(second), **JSON)
    hashes = set(ReviewVote.objects.values_list("voter_hash", flat=True))
    assert len(hashes) == 2


def test_a_post_from_another_site_is_refused(client, review):
    response = client.post(vote_url(review), HTTP_ACCEPT="application/json", HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    response = client.post(vote_url(review), HTTP_ORIGIN="https://elsewhere.example")
    assert response.status_code == 403 and "sessionid" not in response.cookies
    assert not ReviewVote.objects.exists()


def test_a_review_that_is_not_shown_cannot_be_voted_on(client, clinicred):
    pending = Review.objects.create(product=clinicred, rating=2, title="Waiting", body="x", author_name="S")
    response = client.post(vote_url(pending), **JSON)
    assert response.status_code == 404 and response.json()["ok"] is False
    assert client.post(f"/shop/protective-glasses/reviews/{clinicred.reviews.approved().first().pk}/helpful/", **JSON).status_code == 404
    assert client.post(vote_url(pending)).status_code == 404
    assert not ReviewVote.objects.exists()


def test_votes_are_rate_limited(client, clinicred, monkeypatch):
    monkeypatch.setattr(review_votes, "VOTE_RATE_LIMIT", 2)
    reviews = list(clinicred.reviews.approved().newest_first()[:3])
    assert [client.post(vote_url(r), **JSON).status_code for r in reviews] == [200, 200, 429]
    assert "many reviews in a short time" in client.post(vote_url(reviews[2]), **JSON).json()["message"]
    assert ReviewVote.objects.count() == 2


def test_the_count_is_shown_on_the_page(client, review):
    assert shown_count(client.get(URL).content.decode(), review) == 0
    for _ in range(3):
        client.__class__().post(vote_url(review), **JSON)
    cache.clear()  # as the cached page's expiry would
    page = client.get(URL).content.decode()
    assert shown_count(page, review) == 3
    assert f'action="{vote_url(review)}" data-helpful' in page
    assert '<script src="/static/js/review-votes.js" defer></script>' in page


def test_without_javascript_the_vote_comes_back_to_the_review_with_a_message_and_the_new_count(client, review):
    client.get(URL)  # cached now
    response = client.post(vote_url(review), {"next": URL}, HTTP_SEC_FETCH_SITE="same-origin")
    assert response.status_code == 302 and response["Location"] == f"{URL}#review-{review.pk}"
    page = client.get(response["Location"])
    assert page.get("X-Cache") is None  # a page with a message is rendered fresh
    html = page.content.decode()
    assert "Thank you for your feedback." in block(html, review) and shown_count(html, review) == 1
    assert html.count("Thank you for your feedback.") == 1  # in the review, not at the top or at the form


def test_without_javascript_a_vote_from_a_later_page_goes_back_there(client, clinicred):
    later = list(clinicred.reviews.approved().newest_first())[12]
    response = client.post(vote_url(later), {"next": URL + "?page=2"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert response["Location"] == f"{URL}?page=2#review-{later.pk}"
    assert "Thank you for your feedback." in block(client.get(response["Location"]).content.decode(), later)
    elsewhere = client.post(vote_url(later), {"next": "https://elsewhere.example/"}, HTTP_SEC_FETCH_SITE="same-origin")
    assert elsewhere["Location"] == f"{URL}#review-{later.pk}"


def test_a_vote_leaves_the_cached_page_and_the_review_as_they_were(client, clinicred, review):
    first = client.get(URL)
    assert first["X-Cache"] == "MISS"
    before = list(clinicred.reviews.approved().newest_first().values_list("pk", "created_at", "status"))

    voter = client.__class__()
    assert voter.post(vote_url(review), **JSON).json()["count"] == 1
    after = client.get(URL)
    assert after["X-Cache"] == "HIT" and after.content == first.content  # eventually consistent: not purged
    # the voter's cookie is not a session: they are still served the cached page
    assert voter.get(URL)["X-Cache"] == "HIT"
    assert list(clinicred.reviews.approved().newest_first().values_list("pk", "created_at", "status")) == before
    variant = client.get(URL, {"page": "1"}).content.decode()
    assert shown_count(variant, review) == 1  # query-string variants are rendered fresh
