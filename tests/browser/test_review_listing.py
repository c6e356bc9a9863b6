"""A shopper reads the reviews of ClinicRed (the demo's 21 and 13 more) in headless Chromium at 1280 px
and 390 px: clicks the 3-star row of the histogram and sees only 3-star reviews, switches the sort, pages
through with Next and Previous, and goes back to all reviews; no page scrolls sideways (the `walk`)."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import Page, expect

from shop.models import Product, Review


def add_reviews():
    product = Product.objects.get(slug="clinicred")
    start = timezone.now() - dt.timedelta(days=30)
    for n in range(12):
        Review.objects.create(
            product=product, rating=3, title=f"Three stars, week {n + 1}", body="Does what it says; the timer is fiddly.",
            author_name="Shopper", status=Review.Status.APPROVED, created_at=start + dt.timedelta(days=n),
        )
    Review.objects.create(
        product=product, rating=2, title="Not for my routine", body="Too big for my flat.", author_name="Shopper",
        status=Review.Status.APPROVED, created_at=start,
    )


def shown_ratings(page: Page) -> list[str]:
    return page.locator(".review-list .review-stars").all_inner_texts()


def test_shopper_filters_sorts_and_pages_through_reviews(page: Page, walk):
    add_reviews()
    page.goto("/shop/clinicred/")
    reviews = page.locator("#reviews")
    expect(reviews.get_by_text("out of 5 from 34 reviews: every approved review is counted, critical ones included.")).to_be_visible()
    expect(page.locator(".review-list > li")).to_have_count(10)
    expect(page.locator(".review-list .review-stars").first).to_have_text("Rated 3 out of 5")  # the newest

    reviews.get_by_role("link", name=re.compile(r"^3 stars\s*13 reviews")).click()
    expect(page).to_have_url(re.compile(r"\?rating=3#reviews$"))
    expect(reviews.get_by_role("status")).to_contain_text("Showing 13 3-star reviews of 34.")
    expect(page.locator(".review-list > li")).to_have_count(10)
    assert set(shown_ratings(page)) == {"Rated 3 out of 5"}
    expect(reviews.get_by_text("Page 1 of 2")).to_be_visible()
    expect(page.locator("#reviews-heading")).to_be_in_viewport()

    reviews.get_by_role("navigation", name="Sort reviews").get_by_role("link", name="Lowest rating").click()
    expect(page).to_have_url(re.compile(r"\?rating=3&sort=lowest#reviews$"))
    expect(reviews.get_by_role("link", name="Lowest rating")).to_have_attribute("aria-current", "true")
    assert set(shown_ratings(page)) == {"Rated 3 out of 5"}
    first_page_titles = page.locator(".review-title").all_inner_texts()

    pages = reviews.get_by_role("navigation", name="Review pages")
    pages.get_by_role("link", name="Next").click()
    expect(reviews.get_by_text("Page 2 of 2")).to_be_visible()
    expect(page.locator(".review-list > li")).to_have_count(3)
    assert set(shown_ratings(page)) == {"Rated 3 out of 5"}
    assert not set(page.locator(".review-title").all_inner_texts()) & set(first_page_titles)
    expect(pages.get_by_role("link", name="Next")).to_have_count(0)

    pages.get_by_role("link", name="Previous").click()
    expect(reviews.get_by_text("Page 1 of 2")).to_be_visible()
    expect(page.locator(".review-title")).to_have_text(first_page_titles)

    reviews.get_by_role("link", name="Show all reviews").click()
    expect(page).to_have_url(re.compile(r"\?sort=lowest#reviews$"))
    expect(page.locator(".review-list .review-stars").first).to_have_text("Rated 2 out of 5")
    expect(page.locator(".review-title").first).to_have_text("Not for my routine")
    expect(reviews.get_by_text("Page 1 of 4")).to_be_visible()
    expect(reviews.get_by_role("link", name="Show all reviews")).to_have_count(0)
