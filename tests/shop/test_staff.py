"""Staff run the shop from the admin: orders, actions, refunds (real localstripe), stock, reviews, permissions."""

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from devstripe import cards
from shop.models import Mismatch, Order, Refund, Review, Stock
from shop.orders.payment_events import mark_paid
from shop.payments import stripe_api

from .conftest import stock_of


@pytest.fixture
def manager(client, django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(user)
    return client


@pytest.fixture
def editor_only(client, django_user_model, demo):
    user = django_user_model.objects.create_user("content-editor", "ed@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


@pytest.fixture
def paid_order(make_order, stripe_offline, django_capture_on_commit_callbacks):
    """An order paid for real on localstripe."""
    order = make_order(quantity=2)
    from shop.orders.checkout import start_payment

    intent = start_payment(order)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    mail.outbox.clear()
    return order


def inspect_url(order):
    return reverse("wagtailsnippets_shop_order:inspect", args=(order.pk,))


def action_url(order, action):
    return reverse(f"wagtailsnippets_shop_order:{action}", args=(order.pk,))


def test_listing_search_filter_and_export(manager, make_order):
    a = make_order()
    b = make_order("protective-glasses")
    Order.objects.filter(pk=b.pk).update(email="someone.else@example.com", full_name="Other Buyer")
    page = manager.get("/admin/orders/").content.decode()
    assert a.number in page and b.number in page and "$195.95" in page
    page = manager.get("/admin/orders/?q=someone.else").content.decode()
    assert b.number in page and a.number not in page
    page = manager.get("/admin/orders/?status=paid").content.decode()
    assert a.number not in page
    csv = manager.get("/admin/orders/?export=csv&q=someone.else")
    assert csv.status_code == 200 and "text/csv" in csv["Content-Type"]
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert b.number in body and a.number not in body and "Customer" in body
    xlsx = manager.get("/admin/orders/?export=xlsx")
    assert xlsx.status_code == 200 and "spreadsheetml" in xlsx["Content-Type"]


def test_editor_cannot_open_orders_or_their_export(editor_only, make_order):
    order = make_order()
    for url in ["/admin/orders/", inspect_url(order), "/admin/orders/?export=csv", action_url(order, "note")]:
        response = editor_only.get(url)
        assert response.status_code in (302, 403), url
        assert order.email not in response.content.decode()


def test_order_manager_cannot_publish_pages(manager, article):
    response = manager.get(reverse("wagtailadmin_pages:edit", args=(article.pk,)))
    assert response.status_code in (302, 403)
    from content.models import ArticlePage

    assert not ArticlePage.objects.get(pk=article.pk).permissions_for_user(
        __import__("django.contrib.auth", fromlist=["get_user_model"]).get_user_model().objects.get(username="order-manager")
    ).can_publish()


def test_inspect_shows_lines_totals_intent_and_timeline(manager, paid_order):
    page = manager.get(inspect_url(paid_order)).content.decode()
    assert paid_order.payment_intent_id in page and "ClinicRed™" in page and "$391.90" in page
    assert 'data-log-action="shop.order.placed"' in page and 'data-log-action="shop.order.paid"' in page
    assert 'data-log-action="shop.order.email"' in page


def test_fulfil_sends_the_tracking_email_and_is_logged(manager, paid_order, django_capture_on_commit_callbacks):
    assert manager.get(action_url(paid_order, "fulfil")).status_code == 200  # confirmation step
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(action_url(paid_order, "fulfil"), {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"})
    assert response.status_code == 302
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.FULFILLED
    assert len(mail.outbox) == 1 and "1Z999AA10123456784" in mail.outbox[0].body
    assert "https://www.ups.com/track?tracknum=1Z999AA10123456784" in mail.outbox[0].body
    entry = ModelLogEntry.objects.for_instance(paid_order).get(action="shop.order.fulfilled")
    assert entry.user.username == "order-manager"


def test_fulfilling_an_unpaid_order_is_refused_with_a_message(manager, make_order):
    order = make_order()
    response = manager.post(action_url(order, "fulfil"), {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"}, follow=True)
    assert "cannot become fulfilled" in response.content.decode()
    order.refresh_from_db()
    assert order.status == Order.Status.PENDING_PAYMENT


def test_partial_then_full_refund_through_localstripe(manager, paid_order):
    before = stock_of("clinicred")
    manager.post(action_url(paid_order, "refund"), {"amount": "100.00", "reason": "damaged box"})
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.PARTIALLY_REFUNDED and paid_order.amount_refunded_cents == 10000
    assert [r.amount for r in stripe_api.list_refunds(payment_intent_id=paid_order.payment_intent_id)] == [10000]
    response = manager.post(action_url(paid_order, "refund"), {"amount": "291.91"}, follow=True)
    assert "At most $291.90 can be refunded" in response.content.decode()
    manager.post(action_url(paid_order, "refund"), {"amount": "291.90", "restock": "on"})
    paid_order.refresh_from_db()
    assert paid_order.status == Order.Status.REFUNDED and paid_order.amount_refunded_cents == paid_order.total_cents
    assert stock_of("clinicred") == before + 2
    assert Refund.objects.filter(order=paid_order).count() == 2
    assert sum(r.amount for r in stripe_api.list_refunds(payment_intent_id=paid_order.payment_intent_id)) == paid_order.total_cents


def test_refund_stripe_rejects_changes_nothing(manager, paid_order, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: Stripe cannot be reached
    response = manager.post(action_url(paid_order, "refund"), {"amount": "10.00"}, follow=True)
    assert "Refund failed" in response.content.decode()
    paid_order.refresh_from_db()
    assert paid_order.amount_refunded_cents == 0 and paid_order.status == Order.Status.PAID
    assert not Refund.objects.exists()


def test_cancel_unpaid_returns_stock_and_note_is_logged(manager, make_order):
    before = stock_of("clinicred")
    order = make_order(quantity=3)
    manager.post(action_url(order, "cancel"), {"confirm": "on"})
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and stock_of("clinicred") == before
    manager.post(action_url(order, "note"), {"note": "Customer phoned: wrong address."})
    page = manager.get(inspect_url(order)).content.decode()
    assert "Customer phoned: wrong address." in page and 'data-log-action="shop.order.cancelled"' in page


def test_dashboard_panels(manager, paid_order, make_order):
    Stock.objects.filter(product__slug="protective-glasses").update(on_hand=2)
    disputed = make_order()
    Order.objects.filter(pk=disputed.pk).update(status=Order.Status.DISPUTED, needs_attention="Dispute opened by the card holder (fraudulent).")
    page = manager.get("/admin/").content.decode()
    assert "Paid orders waiting to ship" in page and paid_order.number in page
    assert "Low stock" in page and "Protective Glasses: 2 left" in page
    assert disputed.number in page and "fraudulent" in page


def test_reconciliation_finds_mismatches_made_on_purpose(fresh_localstripe, paid_order, make_order):
    from shop.payments.reconciliation import reconcile

    assert reconcile() == []
    # 1. a refund made in Stripe's dashboard, not on the order
    stripe_api.refund(payment_intent_id=paid_order.payment_intent_id, amount=500, idempotency_key="dash-1")
    # 2. a payment whose order we never marked paid
    unpaid = make_order(key="recon-unpaid")
    from shop.orders.checkout import start_payment

    intent = start_payment(unpaid)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    # 3. an order marked paid without a succeeded payment
    ghost = make_order(key="recon-ghost")
    start_payment(ghost)
    Order.objects.filter(pk=ghost.pk).update(status=Order.Status.PAID, paid_at=ghost.created_at, amount_paid_cents=ghost.total_cents)
    # 4. an amount that differs
    Order.objects.filter(pk=paid_order.pk).update(amount_paid_cents=paid_order.total_cents - 1)
    kinds = {(m.kind, m.order_id) for m in reconcile()}
    assert (Mismatch.Kind.REFUND_NOT_RECORDED, paid_order.pk) in kinds
    assert (Mismatch.Kind.PAYMENT_WITHOUT_ORDER, unpaid.pk) in kinds
    assert (Mismatch.Kind.ORDER_WITHOUT_PAYMENT, ghost.pk) in kinds
    assert (Mismatch.Kind.AMOUNT_DIFFERS, paid_order.pk) in kinds
    assert Mismatch.objects.count() == len(kinds)


def test_reconcile_command(fresh_localstripe, paid_order, capsys):
    from django.core.management import call_command

    call_command("reconcile_payments", "--days", "1")
    assert "0 mismatch(es)." in capsys.readouterr().out


# Reviews


def review_data(**extra):
    data = {"rating": "4", "title": "Good glasses", "body": "Comfortable and fit over my own glasses.", "author_name": "Tester", "email": "buyer@example.com", "website": ""}
    data.update(extra)
    return data


def test_review_waits_for_moderation(client, demo):
    response = client.post("/shop/protective-glasses/reviews/", review_data(), follow=True)
    assert "will appear once a moderator has read it" in response.content.decode()
    review = Review.objects.get(title="Good glasses")
    assert review.status == Review.Status.PENDING
    assert "Comfortable and fit" not in client.get("/shop/protective-glasses/").content.decode()


def test_honeypot_and_rate_limit(client, demo):
    client.post("/shop/protective-glasses/reviews/", review_data(website="http://spam.example"))
    assert not Review.objects.filter(product__slug="protective-glasses").exists()
    for n in range(5):
        client.post("/shop/protective-glasses/reviews/", review_data(title=f"Review {n}"))
    assert Review.objects.filter(product__slug="protective-glasses").count() == 3


@pytest.mark.parametrize("field, value", [("rating", "6"), ("rating", "0"), ("rating", "x"), ("email", "nope"), ("title", "")])
def test_bad_review_input_is_a_400_with_a_message(client, demo, field, value):
    response = client.post("/shop/protective-glasses/reviews/", review_data(**{field: value}))
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert not Review.objects.filter(product__slug="protective-glasses").exists()


def test_bulk_approve_and_verified_badge(manager, paid_order):
    r1 = Review.objects.create(product=paid_order.lines.get().product, rating=5, title="From a buyer", body="Works well.", author_name="A", email=paid_order.email.upper())
    r2 = Review.objects.create(product=paid_order.lines.get().product, rating=1, title="Not a buyer", body="Meh.", author_name="B", email="x@example.com")
    url = reverse("wagtail_bulk_action", args=("shop", "review", "approve")) + f"?id={r1.pk}&id={r2.pk}"
    assert manager.get(url).status_code == 200
    manager.post(url)
    assert set(Review.objects.filter(pk__in=[r1.pk, r2.pk]).values_list("status", flat=True)) == {"approved"}
    page = manager.get("/shop/clinicred/").content.decode()
    page = page[page.index('id="reviews-heading"'):]
    buyer = page[page.index("From a buyer"):]
    assert "Verified buyer" in buyer[: buyer.index("</li>")]
    other = page[page.index("Not a buyer"):]
    assert "Verified buyer" not in other[: other.index("</li>")]
    assert "23 reviews" in page
    assert manager.get("/admin/reviews/").status_code == 200
