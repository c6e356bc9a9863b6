"""An order manager, in headless Chromium at 1280 px and 390 px, works the review queue: the waiting
review is on top with its text and a verified-buyer badge, is approved through a confirmation page that
names the action, and gets a reply; a shopper then reads the review and the reply, whose health claim
carries its disclaimer.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

import re

from django.utils import timezone
from playwright.sync_api import Page, expect
from wagtail.models import ModelLogEntry

from devstripe import cards
from shop.models import Order, Product, Review, ShippingMethod
from shop.orders.checkout import Customer, place_order, start_payment
from shop.orders.payment_events import mark_paid

BUYER = "review.buyer@example.com"
TEXT = "Helped my stiff shoulder after two weeks of evening sessions. Easy to set up on a desk."
REPLY = "Thank you for the detailed review! ClinicRed may help reduce muscle soreness after exercise."


def paid_order_for(slug: str, email: str) -> Order:
    """A real order, paid through localstripe: a review written through its line's link is "verified"."""
    product = Product.objects.get(slug=slug)
    customer = Customer(email=email, full_name="Test Buyer", address_line1="1 Main St", address_line2="", city="Springfield",
                        region="IL", postal_code="62701")
    order = place_order(items={str(product.pk): 1}, customer=customer, shipping_method_id=ShippingMethod.objects.get(name="Standard").pk,
                        checkout_key="review-queue-1")
    intent = start_payment(order)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    return order


def test_order_manager_approves_and_answers_a_review_and_a_shopper_reads_both(page: Page, second_page: Page, order_manager):
    order = paid_order_for("clinicred", BUYER)
    review = Review.objects.create(
        product=Product.objects.get(slug="clinicred"), rating=5, title="Desk-side routine", body=TEXT,
        author_name="Test Buyer", email=BUYER, order_line=order.lines.get(), created_at=timezone.now() - timezone.timedelta(days=400),
    )  # written through the order's review link; older than every demo review: only "waiting first" puts it on top

    page.goto("/admin/reviews/")
    first_row = page.locator("table.listing tbody tr").first
    expect(first_row).to_contain_text("Desk-side routine")
    expect(first_row).to_contain_text("Helped my stiff shoulder after two weeks")
    expect(first_row).to_contain_text("Waiting for moderation")
    expect(first_row.get_by_text("Verified buyer")).to_be_visible()

    first_row.get_by_role("checkbox").check()
    page.get_by_role("link", name="Approve the selected reviews").click()
    expect(page.get_by_role("heading", name="Approve 1 review?")).to_be_visible()
    expect(page.get_by_role("main")).to_contain_text("Desk-side routine")
    page.get_by_role("button", name="Yes, approve 1 review").click()
    expect(page.get_by_text("1 review approved.")).to_be_visible()
    page.wait_for_url(re.compile(r"/admin/reviews/"))

    # Approved and older than the demo's reviews, it is now on a later page: the moderator searches for it.
    page.goto("/admin/reviews/?q=Desk-side")
    page.get_by_role("link", name="Reply to the review “Desk-side routine”").click()
    page.get_by_label("Reply from the shop").fill(REPLY)
    page.get_by_role("button", name="Save reply").click()
    expect(page.get_by_text("Reply saved for “Desk-side routine”.")).to_be_visible()

    review.refresh_from_db()
    assert review.status == Review.Status.APPROVED and review.reply == REPLY
    logged = ModelLogEntry.objects.filter(object_id=str(review.pk)).values_list("action", "user__username")
    assert set(logged) == {("shop.review.moderated", order_manager.username), ("shop.review.replied", order_manager.username)}

    second_page.goto("/shop/clinicred/")
    for _ in range(2):  # the oldest of 22 reviews, 10 a page: the shopper pages on to the last page
        second_page.get_by_role("navigation", name="Review pages").get_by_role("link", name="Next").click()
    expect(second_page.get_by_text("Page 3 of 3")).to_be_visible()
    shown = second_page.locator(f"#review-{review.pk}")
    expect(shown).to_contain_text(TEXT)
    expect(shown.get_by_text("Verified buyer")).to_be_visible()
    reply = shown.get_by_role("region", name="Reply from ClinicRed to this review")
    expect(reply).to_contain_text("Thank you for the detailed review!")
    claim = reply.locator("span.claim", has_text="ClinicRed may help reduce muscle soreness")
    expect(claim).to_be_visible()
    disclaimer = reply.locator(f"#{claim.get_attribute('aria-describedby')}")
    expect(disclaimer).to_contain_text("individual results")
