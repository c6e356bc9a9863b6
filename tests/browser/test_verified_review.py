"""A shopper with a paid order reviews what they bought, in headless Chromium at 1280 px and 390 px:
their order page (reached by the order's secret link) has "Review this product" on each line; the
review written there waits for moderation, and once an order manager approves it the public product
page shows it with "Verified buyer", the badge only that link gives.

Fails on any console error, any 5xx, any exception in the live server and any sideways scroll (see
conftest.py).
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from playwright.sync_api import Page, expect

from shop.catalogue.reviews import set_status
from shop.models import Order, Product, Review, ShippingMethod
from shop.orders.checkout import Customer, place_order
from shop.orders.payment_events import mark_paid

TEXT = "I use it for ten minutes after my evening run. Sturdy stand and a clear timer."


def paid_order(email: str) -> Order:
    """An order for ClinicRed, paid as Stripe's webhook would record it."""
    customer = Customer(email=email, full_name="Test Shopper", address_line1="1 Main St", address_line2="", city="Springfield",
                        region="IL", postal_code="62701")
    order = place_order(items={str(Product.objects.get(slug="clinicred").pk): 1}, customer=customer,
                        shipping_method_id=ShippingMethod.objects.get(name="Standard").pk, checkout_key="verified-review-1")
    assert mark_paid(order_id=order.pk, payment_intent_id=f"pi_verified_{order.pk}", amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    return order


def test_a_shopper_reviews_from_the_order_page_and_the_approved_review_shows_verified_buyer(
    page: Page, second_page: Page, django_user_model, walk
):
    order = paid_order("shopper@example.com")

    page.goto(order.get_absolute_url())
    expect(page.locator("[data-order-status]")).to_have_text("Paid")
    page.get_by_role("link", name="Review this product").click()
    expect(page.get_by_role("heading", name="Review ClinicRed")).to_be_visible()
    walk.assert_no_sideways_scroll("the review page")
    page.get_by_label("5 stars").check()
    page.get_by_label("Title", exact=True).fill("Evening routine")
    page.get_by_label("Your review").fill(TEXT)
    page.get_by_label("Name shown with the review").fill("Runner")
    page.get_by_role("button", name="Send review").click()
    expect(page.get_by_text("Thank you! Your review will appear once a moderator has read it.")).to_be_visible()
    expect(page.get_by_text("You reviewed this item with this link")).to_be_visible()
    expect(page.get_by_role("button", name="Send review")).to_have_count(0)  # one review per order line

    review = Review.objects.get(title="Evening routine")
    assert review.order_line == order.lines.get() and review.status == Review.Status.PENDING

    second_page.goto("/shop/clinicred/")
    expect(second_page.get_by_text(TEXT)).to_have_count(0)  # not public before moderation

    manager = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    manager.groups.add(Group.objects.get(name="Order managers"))
    set_status([review.pk], Review.Status.APPROVED, user=manager)

    second_page.goto("/shop/clinicred/")
    shown = second_page.locator(f"#review-{review.pk}")
    expect(shown).to_contain_text(TEXT)
    expect(shown.get_by_text("Verified buyer")).to_be_visible()
