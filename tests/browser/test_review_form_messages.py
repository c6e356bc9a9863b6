"""A shopper writes a review on a product page with 21 reviews, in headless Chromium at 1280 px and 390 px:
sent empty, the page lands on the form with a summary of what to fix whose links lead to each field;
sent filled in, it lands on the form with the thanks in view."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from shop.models import Review


def test_review_form_answers_where_the_shopper_is(page: Page, walk):
    walk.expect_client_error(400, "POST", "/shop/clinicred/reviews/")
    page.goto("/shop/clinicred/")
    page.get_by_role("button", name="Send review").click()
    summary = page.locator(".error-summary")
    expect(summary).to_be_in_viewport()
    expect(summary).to_contain_text("Please correct 5 things in your review")
    summary.get_by_role("link", name=re.compile(r"^Title:")).click()
    expect(page.get_by_label("Title", exact=True)).to_be_focused()
    summary.get_by_role("link", name=re.compile(r"^Rating:")).click()
    expect(page.get_by_label("5 stars")).to_be_focused()  # the first choice

    page.get_by_label("4 stars").check()
    page.get_by_label("Title", exact=True).fill("Works for my knee")
    page.get_by_label("Your review").fill("I use it every evening.")
    page.get_by_label("Name shown with the review").fill("Shopper")
    page.get_by_label(re.compile(r"^E-mail")).fill("shopper@example.com")
    page.get_by_role("button", name="Send review").click()
    thanks = page.locator("#review-form .message-success")
    expect(thanks).to_have_text("Thank you! Your review will appear once a moderator has read it.")
    expect(thanks).to_be_in_viewport()
    expect(page.locator(".error-summary")).to_have_count(0)
    assert Review.objects.filter(title="Works for my knee", status=Review.Status.PENDING).count() == 1
