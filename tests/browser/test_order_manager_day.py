"""An order manager's day, in headless Chromium at 1280 px and 390 px, from the dashboard to the export.

A paid order of two lines is fulfilled and one of its lines refunded with restock (stock +1 exactly,
refund e-mail sent, payment and fulfilment badges right in the admin and on the shopper's page); a
delivery is recorded while a sale happens (both counted); a waiting review is approved and answered;
the dashboard says when reconciliation last ran; the CSV export has one row per order line. The other
browser walks each take one of these further (test_order_manager, test_stock_adjustments,
test_review_queue, test_bookkeeping); this one checks that they make one working day together.

Fails on any console error, any 5xx, any exception in the live server (localstripe's webhooks for these
payments included) and any sideways scroll (see conftest.py).
"""

from __future__ import annotations

import csv
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from shop.models import Order, Product, Review, Stock
from shop.payments.reconciliation import run_reconciliation
from tests.browser.test_order_manager import TRACKING, paid_order

BUYER = "day.buyer@example.com"


def on_hand(slug: str) -> int:
    return Stock.objects.get(product__slug=slug).on_hand


def test_an_order_managers_day(page: Page, second_page: Page, walk, order_manager):
    order = paid_order({"clinicred": 1, "protective-glasses": 1}, "day-two-lines", BUYER)
    review = Review.objects.create(
        product=Product.objects.get(slug="protective-glasses"), rating=4, title="Comfortable over my own glasses",
        body="They sit well over prescription frames during a ten minute session.", author_name="Test Buyer", email=BUYER,
        created_at=timezone.now() - timezone.timedelta(days=400),
    )
    glasses, clinicred = on_hand("protective-glasses"), on_hand("clinicred")
    mail.outbox.clear()

    # Morning: the dashboard. Reconciliation ran overnight (make run's daily job; cron in production).
    page.goto("/admin/")
    expect(page.locator("[data-reconciliation]")).to_contain_text("Reconciliation has never run")
    run = run_reconciliation(days=3)
    page.reload()
    expect(page.locator("[data-reconciliation-last-run]")).to_contain_text(f"{run.finished_at:%Y-%m-%d %H:%M}")
    expect(page.get_by_role("link", name=re.compile(re.escape(order.number)))).to_be_visible()  # waiting to ship

    # The order: fulfilled, then one line refunded with its unit back in stock.
    page.goto(f"/admin/orders/inspect/{order.pk}/")
    page.get_by_role("link", name="Mark fulfilled").click()
    page.get_by_label("Carrier").select_option("UPS")
    page.get_by_label("Tracking number").fill(TRACKING)
    page.get_by_role("button", name=re.compile("Confirm")).click()
    expect(page.locator("[data-fulfilment-status]")).to_have_text("Fulfilled")
    page.get_by_role("link", name="Refund").click()
    page.get_by_label(re.compile("^Protective Glasses")).fill("1")
    page.get_by_label("Put the refunded units back in stock").check()
    page.get_by_label("Reason").fill("Arrived scratched")
    page.get_by_role("button", name=re.compile("Confirm")).click()
    expect(page.locator("[data-payment-status]")).to_have_text("Partially refunded")
    expect(page.locator("[data-fulfilment-status]")).to_have_text("Fulfilled")
    assert on_hand("protective-glasses") == glasses + 1 and on_hand("clinicred") == clinicred
    assert [m.to for m in mail.outbox if "refund of $40.00" in m.subject] == [[BUYER]]

    page.goto("/admin/orders/")
    row = page.locator("tr").filter(has_text=order.number)
    expect(row.locator("[data-payment-status]")).to_have_text("Partially refunded")
    expect(row.locator("[data-fulfilment-status]")).to_have_text("Fulfilled")

    # The shopper's own page (another browser) says the same, with the parcel's tracking link.
    second_page.goto(order.get_absolute_url())
    expect(second_page.locator("[data-payment-status]")).to_have_text("Partially refunded")
    expect(second_page.locator("[data-fulfilment-status]")).to_have_text("Fulfilled")
    expect(second_page.get_by_role("link", name="Track your parcel")).to_have_attribute("href", re.compile(TRACKING))

    # A delivery arrives while a shopper buys: both are counted.
    stock = Stock.objects.select_related("product").get(product__slug="clinicred")
    page.goto(f"/admin/snippets/shop/stock/inspect/{stock.pk}/")
    page.get_by_role("link", name="Adjust stock").click()
    page.get_by_label("Received").check()
    page.get_by_label("Units").fill("10")
    page.get_by_label("Note").fill("Morning delivery")
    assert Stock.objects.take_all([(stock.product_id, 1)])  # the sale, while the form is open
    page.get_by_role("button", name="Record adjustment").click()
    expect(page.locator("[data-stock-on-hand]")).to_have_text(str(clinicred - 1 + 10))
    assert on_hand("clinicred") == clinicred - 1 + 10

    # The review queue: the waiting review first, approved through the confirmation page, answered.
    page.goto("/admin/reviews/")
    first_row = page.locator("table.listing tbody tr").first
    expect(first_row).to_contain_text(review.title)
    first_row.get_by_role("checkbox").check()
    page.get_by_role("link", name="Approve the selected reviews").click()
    page.get_by_role("button", name="Yes, approve 1 review").click()
    expect(page.get_by_text("1 review approved.")).to_be_visible()
    page.goto(f"/admin/reviews/?q={review.title.split()[0]}")
    page.get_by_role("link", name=f"Reply to the review “{review.title}”").click()
    page.get_by_label("Reply from the shop").fill("Thank you! Glad they fit over your frames.")
    page.get_by_role("button", name="Save reply").click()
    expect(page.get_by_text(f"Reply saved for “{review.title}”.")).to_be_visible()
    second_page.goto("/shop/protective-glasses/")
    expect(second_page.locator(f"#review-{review.pk}")).to_contain_text("Glad they fit over your frames.")

    # Evening: the bookkeeper's export, one row per order line.
    page.goto("/admin/orders/")
    page.get_by_role("button", name="Actions", exact=True).click()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    with open(download_info.value.path(), newline="", encoding="utf-8") as file:
        mine = [row for row in csv.DictReader(file) if row["Order"] == order.number]
    assert sorted(row["Product"] for row in mine) == sorted(line.name for line in order.lines.all())
    assert {row["Payment status"] for row in mine} == {"Partially refunded"}
    assert {row["Tracking number"] for row in mine} == {TRACKING}

    order.refresh_from_db()
    assert (order.payment_status, order.fulfilment_status) == (Order.PaymentStatus.PARTIALLY_REFUNDED, Order.FulfilmentStatus.FULFILLED)
