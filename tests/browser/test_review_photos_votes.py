"""Photos and helpful votes, in headless Chromium at 1280 px and 390 px: a shopper writes a review with a
photo on the product page; an order manager sees the photo in the review queue and approves the
review; the photo then shows on the product page, and another visitor finds the review helpful: the
count goes up and the button is disabled without a reload.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from django.conf import settings
from PIL import Image
from playwright.sync_api import Page, expect

from shop.models import Review, ReviewPhoto

TITLE = "Sturdy stand, clear timer"


def small_png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (120, 90), (200, 40, 40)).save(out, "PNG")
    return out.getvalue()


def test_a_review_photo_is_moderated_then_shown_and_a_visitor_finds_the_review_helpful(
    page: Page, second_page: Page, order_manager, walk
):
    shopper = second_page
    try:
        shopper.goto("/shop/clinicred/")
        shopper.get_by_label("5 stars").check()
        shopper.get_by_label("Title", exact=True).fill(TITLE)
        shopper.get_by_label("Your review").fill("I use it every evening; the stand does not wobble.")
        shopper.get_by_label("Name shown with the review").fill("Shopper")
        shopper.get_by_label(re.compile(r"^E-mail")).fill("shopper@example.com")
        shopper.get_by_label("Photos (optional)").set_input_files(
            files=[{"name": "my-setup.png", "mimeType": "image/png", "buffer": small_png()}]
        )
        shopper.get_by_role("button", name="Send review").click()
        expect(shopper.locator("#review-form .message-success")).to_have_text(
            "Thank you! Your review will appear once a moderator has read it."
        )
        review = Review.objects.get(title=TITLE)
        expect(shopper.get_by_text(TITLE)).to_have_count(0)  # not public before moderation

        # The order manager moderates the review with its photo.
        page.goto("/admin/reviews/")
        first_row = page.locator("table.listing tbody tr").first
        expect(first_row).to_contain_text(TITLE)
        thumb = first_row.locator("img[data-review-photo]")
        expect(thumb).to_be_visible()
        assert thumb.evaluate("img => img.naturalWidth") > 0
        first_row.get_by_role("checkbox").check()
        page.get_by_role("link", name="Approve the selected reviews").click()
        page.get_by_role("button", name="Yes, approve 1 review").click()
        expect(page.get_by_text("1 review approved.")).to_be_visible()

        # Another visitor (no cookies of the shopper's) reads it, with the photo.
        shopper.context.clear_cookies()
        visitor = shopper
        visitor.goto("/shop/clinicred/")
        shown = visitor.locator(f"#review-{review.pk}")
        expect(shown).to_contain_text(TITLE)
        image = shown.get_by_role("img", name=re.compile(r"^Photo 1 from Shopper’s review"))
        expect(image).to_be_visible()
        image.scroll_into_view_if_needed()
        visitor.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
        walk.assert_no_sideways_scroll("the product page with a review photo")

        # ... and finds it helpful: the count goes up without a reload.
        visitor.evaluate("window.notReloaded = true")
        button = shown.get_by_role("button", name="Yes (0)")
        expect(button).to_be_enabled()
        button.click()
        expect(shown.get_by_role("button", name="Yes (1)")).to_be_disabled()
        expect(shown.locator("[data-helpful-message]")).to_have_text("Thank you for your feedback.")
        assert visitor.evaluate("window.notReloaded") is True
        assert review.votes.count() == 1
    finally:
        for stored in ReviewPhoto.objects.all():
            for name in (stored.image.name, stored.thumbnail.name):
                Path(settings.MEDIA_ROOT, name).unlink(missing_ok=True)
