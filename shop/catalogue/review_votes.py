""""Was this review helpful?": one vote per visitor and review, counted without breaking the page cache.

A visitor is a random id in a signed cookie (VOTER_COOKIE, set by the first vote; no session, so the
product page stays cached for them). A vote is stored as a hash of that id with the review's id
(`voter_hash`, keyed with SECRET_KEY): the database's unique (review, voter_hash) constraint makes a
second vote by the same visitor change nothing, and the stored hashes do not link one visitor's votes.
Votes are their own table: a review's row, its order in the listing and its timestamps never change.

The count is in the product page's HTML. A vote does not mark cached pages stale (that would let anyone
empty the page cache at the vote rate limit): the cached plain product page catches up when its entry
expires (storefront.page_cache.TIMEOUT, 10 minutes) or at the next content change; the voter sees the
new count at once (the script updates it; without script the answer carries a message, and a page
with a message is rendered fresh). Limited to VOTE_RATE_LIMIT votes per client address per window.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core import signing
from django.db import IntegrityError, transaction
from django.utils.crypto import salted_hmac

from ..orders.checkout import client_address, count_in_window
from .models import Review, ReviewVote
from .reviews import listing_changed

VOTER_COOKIE = "review_voter"
VOTER_SALT = "shop.review-voter"
VOTER_COOKIE_MAX_AGE = 365 * 24 * 3600
VOTE_RATE_LIMIT = 30  # votes per client address per window
VOTE_RATE_WINDOW_SECONDS = 10 * 60


class VoteRefused(Exception):
    """The vote is not counted; the message is shown, with `status`."""

    def __init__(self, message: str, *, status: int):
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class VoteResult:
    count: int  # the review's helpful votes, this one included
    counted: bool  # False: this visitor had already voted for this review


def voter_from_cookie(value: str | None) -> str | None:
    """The visitor id a genuine voter cookie holds, or None."""
    if not value or len(value) > 200:
        return None
    try:
        voter = signing.Signer(salt=VOTER_SALT).unsign(value)
    except signing.BadSignature:
        return None
    return voter or None


def new_voter() -> tuple[str, str]:
    """A new visitor id and the cookie value that carries it."""
    voter = secrets.token_urlsafe(16)
    return voter, signing.Signer(salt=VOTER_SALT).sign(voter)


def voter_hash(voter: str, review_id: int) -> str:
    return salted_hmac("shop.review-vote", f"{voter}:{review_id}", algorithm="sha256").hexdigest()


def helpful_count(review_id: int) -> int:
    return ReviewVote.objects.filter(review_id=review_id).count()


def vote_helpful(*, review_id: int, product_slug: str, voter: str, ip: str | None) -> VoteResult:
    """Count `voter`'s "helpful" vote for an approved review of the product; once per voter and review.
    Raises VoteRefused for a review that is not shown (404) or past the rate limit (429)."""
    review = (
        Review.objects.approved().filter(pk=review_id, product__slug=product_slug, product__live=True)
        .only("pk", "product_id").first()
    )
    if review is None:
        raise VoteRefused("This review is not shown, so it cannot be voted on.", status=404)
    hits = count_in_window(f"reviews:votes:{client_address(ip) or 'unknown'}", window_seconds=VOTE_RATE_WINDOW_SECONDS)
    if hits > VOTE_RATE_LIMIT:
        raise VoteRefused("You have voted on many reviews in a short time. Please try again later.", status=429)
    try:
        with transaction.atomic():
            ReviewVote.objects.create(review=review, voter_hash=voter_hash(voter, review.pk))
        counted = True
        listing_changed(review.product_id)  # the listing's kept pages show the new count
    except IntegrityError:
        counted = False
    return VoteResult(count=helpful_count(review.pk), counted=counted)
