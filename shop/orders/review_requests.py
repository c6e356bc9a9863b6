"""The review request: a few days after an order ships, one e-mail asking the shopper to review what
they bought, with each line's "Review <product>" link (the signed order-line link of
catalogue/reviews.py, so the review shows "Verified buyer" once approved).

Due: a paid order, not cancelled, not refunded in full, fulfilled, whose shipment went out at least
SHOP_REVIEW_REQUEST_DAYS (7) days ago and at most SHOP_REVIEW_REQUEST_WINDOW_DAYS (30) days after that
(so turning this on does not e-mail every old order). Each order is asked once: `review_request_sent_at`
is set in the same transaction that sends, under a row lock, however often cron runs the command
(`manage.py send_review_requests`) or a task runner the task (`shop.tasks.send_review_requests`).
Lines already reviewed through their link are left out; an order whose lines are all reviewed gets no
e-mail but is marked asked. Every buyer is asked the same way, whatever they might say (16 CFR 465:
no review gating, no reward).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from ..catalogue.reviews import review_link
from .emails import _send_order_email
from .models import Order


def due_orders(now=None):
    """The orders whose review request is due at `now`, not yet sent."""
    now = now or timezone.now()
    latest = now - timedelta(days=settings.SHOP_REVIEW_REQUEST_DAYS)
    earliest = latest - timedelta(days=settings.SHOP_REVIEW_REQUEST_WINDOW_DAYS)
    return (
        Order.objects.filter(
            review_request_sent_at__isnull=True,
            status=Order.Status.OPEN,
            paid_at__isnull=False,
            fulfilment_status=Order.FulfilmentStatus.FULFILLED,
            shipment__shipped_at__lte=latest,
            shipment__shipped_at__gt=earliest,
        )
        .exclude(payment_status=Order.PaymentStatus.REFUNDED)
        .order_by("pk")
    )


def send_review_request(order_id: int, *, now=None) -> bool:
    """Send the order's review request if it is due and was not sent; True if an e-mail went out."""
    now = now or timezone.now()
    with transaction.atomic():
        order = due_orders(now).select_for_update(of=("self",)).filter(pk=order_id).first()
        if order is None:
            return False
        lines = []
        for line in order.lines.select_related("product", "order"):
            link = review_link(line)
            if link and not line.reviews.exists():
                lines.append({"name": line.name, "product": line.product.name, "link": link})
        if lines:
            names = lines[0]["product"] if len(lines) == 1 else "your order"
            _send_order_email(
                order, template="review_request", subject=f"How is {names}? Review your ClinicRed order {order.number}",
                label="review request", review_lines=lines,
            )
        order.review_request_sent_at = now
        order.save(update_fields=["review_request_sent_at"])
        return bool(lines)


def send_due_review_requests(now=None) -> int:
    """Send every due review request; returns how many e-mails went out. Safe to run again at once."""
    now = now or timezone.now()
    return sum(send_review_request(pk, now=now) for pk in list(due_orders(now).values_list("pk", flat=True)))
