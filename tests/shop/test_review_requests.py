"""The review request e-mail: sent once, SHOP_REVIEW_REQUEST_DAYS after an order ships, with one
"Review <product>" link per line; the link is the order line's signed one, so the review it writes
shows "Verified buyer" once approved."""

import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from shop.catalogue.reviews import set_status
from shop.models import Order, Review, Shipment
from shop.orders import staff
from shop.orders.review_requests import send_due_review_requests

SUBJECT = re.compile(r"Review your ClinicRed order")


@pytest.fixture
def manager(django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    return user


@pytest.fixture
def shipped(make_order, manager):
    """A paid order for ClinicRed, shipped `days` ago."""

    def ship(days, slug="clinicred"):
        order = make_order(slug=slug)
        Order.objects.filter(pk=order.pk).update(paid_at=timezone.now(), payment_status=Order.PaymentStatus.PAID)
        staff.fulfil(order_id=order.pk, carrier="USPS", tracking_number="9400100000000000000000", user=manager)
        Shipment.objects.filter(order=order).update(shipped_at=timezone.now() - timedelta(days=days))
        order.refresh_from_db()
        return order

    return ship


def requests_in(mailoutbox):
    return [m for m in mailoutbox if SUBJECT.search(m.subject)]


def review_links(message) -> list[str]:
    return re.findall(r"Review ClinicRed\S*: (\S+)", message.body)


def test_sent_once_after_seven_days(shipped, mailoutbox, settings):
    assert settings.SHOP_REVIEW_REQUEST_DAYS == 7
    early, due = shipped(6), shipped(8)

    call_command("send_review_requests")
    sent = requests_in(mailoutbox)
    assert len(sent) == 1 and sent[0].to == [due.email] and due.number in sent[0].subject
    assert "How is ClinicRed" in sent[0].subject
    assert "critical ones included" in sent[0].body and "no reward" in sent[0].body
    html = sent[0].alternatives[0][0]
    assert re.search(r'<a href="http[^"]+/shop/clinicred/review/[^"]+">Review ClinicRed', html)

    call_command("send_review_requests")
    assert send_due_review_requests() == 0
    assert len(requests_in(mailoutbox)) == 1  # idempotent
    due.refresh_from_db()
    early.refresh_from_db()
    assert due.review_request_sent_at is not None and early.review_request_sent_at is None

    # the day the earlier order reaches seven days, it is asked too
    assert send_due_review_requests(now=timezone.now() + timedelta(days=1, minutes=1)) == 1
    assert [m.to for m in requests_in(mailoutbox)] == [[due.email], [early.email]]


def test_the_number_of_days_is_a_setting(shipped, mailoutbox, settings):
    settings.SHOP_REVIEW_REQUEST_DAYS = 2
    shipped(3)
    assert send_due_review_requests() == 1


def test_orders_not_to_ask(shipped, make_order, mailoutbox):
    refunded = shipped(8)
    Order.objects.filter(pk=refunded.pk).update(payment_status=Order.PaymentStatus.REFUNDED)
    shipped(90)  # shipped long before the request was due: never asked
    unshipped = make_order()
    Order.objects.filter(pk=unshipped.pk).update(paid_at=timezone.now() - timedelta(days=20), payment_status=Order.PaymentStatus.PAID)
    assert send_due_review_requests() == 0 and not requests_in(mailoutbox)


def test_a_line_already_reviewed_is_not_asked_again(shipped, mailoutbox):
    order = shipped(8)
    Review.objects.create(product=order.lines.get().product, order_line=order.lines.get(), rating=4, title="Done", body="x", author_name="B")
    assert send_due_review_requests() == 0 and not requests_in(mailoutbox)
    order.refresh_from_db()
    assert order.review_request_sent_at is not None  # asked (nothing to ask), not tried again every run


def test_the_link_writes_a_verified_review(shipped, mailoutbox, client, manager, settings):
    order = shipped(8)
    send_due_review_requests()
    (link,) = review_links(requests_in(mailoutbox)[0])
    assert link.startswith(settings.WAGTAILADMIN_BASE_URL)
    path = link.removeprefix(settings.WAGTAILADMIN_BASE_URL)

    page = client.get(path)
    assert page.status_code == 200 and "Verified buyer" in page.content.decode()
    response = client.post(path, {"rating": "3", "title": "Asked by e-mail", "body": "Fine, a bit loud.", "author_name": "Buyer"})
    assert response.status_code == 302
    review = Review.objects.get(title="Asked by e-mail")
    assert review.order_line == order.lines.get() and review.is_verified_buyer

    set_status([review.pk], Review.Status.APPROVED, user=manager)
    product_page = client.get("/shop/clinicred/").content.decode()
    start = product_page.index(f'id="review-{review.pk}"')
    assert "Verified buyer" in product_page[start: product_page.index("</li>", start)]


def test_a_task_runner_can_send_them_too(shipped, mailoutbox):
    from shop import tasks

    shipped(8)
    assert tasks.send_review_requests.enqueue().return_value == 1
    assert tasks.send_review_requests.enqueue().return_value == 0
    assert len(requests_in(mailoutbox)) == 1
