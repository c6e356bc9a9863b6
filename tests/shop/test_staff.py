"""Staff run the shop from the admin: orders, actions, refunds (real localstripe), stock, reviews, permissions."""

import pytest
import stripe
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
    page = manager.get("/admin/orders/?payment_status=paid").content.decode()
    assert a.number not in page
    page = manager.get("/admin/orders/?payment_status=pending&fulfilment_status=unfulfilled").content.decode()
    assert a.number in page and 'data-payment-status="pending"' in page and 'data-fulfilment-status="unfulfilled"' in page
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
    assert (paid_order.payment_status, paid_order.fulfilment_status) == (Order.PaymentStatus.PAID, Order.FulfilmentStatus.FULFILLED)
    assert len(mail.outbox) == 1 and "1Z999AA10123456784" in mail.outbox[0].body
    assert "https://www.ups.com/track?tracknum=1Z999AA10123456784" in mail.outbox[0].body
    entry = ModelLogEntry.objects.for_instance(paid_order).get(action="shop.order.fulfilled")
    assert entry.user.username == "order-manager"


def test_fulfilling_an_unpaid_order_is_refused_with_a_message(manager, make_order):
    order = make_order()
    response = manager.post(action_url(order, "fulfil"), {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"}, follow=True)
    assert "cannot become fulfilled" in response.content.decode()
    order.refresh_from_db()
    assert order.fulfilment_status == Order.FulfilmentStatus.UNFULFILLED and not mail.outbox


def line_field(order, slug="clinicred"):
    return f"line_{order.lines.get(product__slug=slug).pk}"


def test_refund_by_line_then_the_rest_through_localstripe(manager, paid_order, django_capture_on_commit_callbacks):
    """Two units of ClinicRed ($195.95 each, free shipping): one refunded and restocked, then the other."""
    before = stock_of("clinicred")
    field = line_field(paid_order)
    with django_capture_on_commit_callbacks(execute=True):
        manager.post(action_url(paid_order, "refund"), {field: "1", "restock": "on", "reason": "damaged box"})
    paid_order.refresh_from_db()
    assert paid_order.payment_status == Order.PaymentStatus.PARTIALLY_REFUNDED and paid_order.amount_refunded_cents == 19595
    assert stock_of("clinicred") == before + 1
    assert [r.amount for r in stripe_api.list_refunds(payment_intent_id=paid_order.payment_intent_id)] == [19595]
    refund = Refund.objects.get(order=paid_order)
    assert [(rl.quantity, rl.amount_cents, rl.restocked) for rl in refund.lines.all()] == [(1, 19595, True)]
    assert len(mail.outbox) == 1 and "$195.95" in mail.outbox[0].subject and "1 × ClinicRed™" in mail.outbox[0].body
    entry = ModelLogEntry.objects.for_instance(paid_order).filter(action="shop.order.refunded").get()
    assert entry.user.username == "order-manager" and entry.data["amount"] == "$195.95" and entry.data["lines"] == ["1 × ClinicRed™"]
    # More than is left of the line: refused by the form, nothing changes.
    response = manager.post(action_url(paid_order, "refund"), {field: "2"})
    assert response.status_code == 200 and "less than or equal to 1" in response.content.decode()
    manager.post(action_url(paid_order, "refund"), {field: "1"})
    paid_order.refresh_from_db()
    assert paid_order.payment_status == Order.PaymentStatus.REFUNDED and paid_order.amount_refunded_cents == paid_order.total_cents
    assert stock_of("clinicred") == before + 1  # the second unit was not restocked
    assert Refund.objects.filter(order=paid_order).count() == 2
    assert sum(r.amount for r in stripe_api.list_refunds(payment_intent_id=paid_order.payment_intent_id)) == paid_order.total_cents
    page = manager.get(inspect_url(paid_order)).content.decode()
    assert 'data-payment-status="refunded"' in page and ">Refund<" not in page


def test_an_extra_amount_is_capped_at_what_is_left(manager, paid_order):
    manager.post(action_url(paid_order, "refund"), {"extra": "10000.00", "reason": "goodwill"})
    paid_order.refresh_from_db()
    assert paid_order.amount_refunded_cents == paid_order.total_cents  # $391.90, not $10,000
    assert Refund.objects.get(order=paid_order).amount_cents == paid_order.total_cents
    response = manager.post(action_url(paid_order, "refund"), {"extra": "1.00"}, follow=True)
    assert Refund.objects.filter(order=paid_order).count() == 1 and response.status_code == 200


def test_shipping_is_refunded_once(manager, make_order, stripe_offline, django_capture_on_commit_callbacks):
    order = make_order("protective-glasses")  # $40.00 + $7.95 shipping
    from shop.orders.checkout import start_payment

    intent = start_payment(order)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=order.total_cents, currency="usd")
    manager.post(action_url(order, "refund"), {"shipping": "on"})
    order.refresh_from_db()
    assert order.amount_refunded_cents == 795
    response = manager.post(action_url(order, "refund"), {"shipping": "on"}, follow=True)
    assert "Choose lines, shipping or an amount" in response.content.decode()
    order.refresh_from_db()
    assert order.amount_refunded_cents == 795 and Refund.objects.filter(order=order).count() == 1


def test_restock_after_a_late_payment_returns_only_units_the_order_holds(paid_order, make_order, django_user_model):
    """An order paid after its hold expired takes its stock again and may restock; one whose stock was
    gone holds nothing and may not."""
    from datetime import timedelta

    from django.utils import timezone

    from shop.orders import staff

    user = django_user_model.objects.create_user("refunder")
    # Late payment, stock still there: the order holds its unit again.
    late = make_order(key="late-ok")
    staff.expire_unpaid_orders(now=timezone.now() + timedelta(hours=1))
    Order.objects.filter(pk=late.pk).update(payment_intent_id=paid_order.payment_intent_id)
    before = stock_of("clinicred")
    assert mark_paid(order_id=late.pk, payment_intent_id=paid_order.payment_intent_id, amount=late.total_cents, currency="usd")
    assert stock_of("clinicred") == before - 1
    staff.refund(order_id=late.pk, quantities={late.lines.get().pk: 1}, restock=True, user=user)
    assert stock_of("clinicred") == before
    # Late payment, stock gone: flagged, and a restock is refused (nothing put back, nothing refunded).
    gone = make_order(key="late-gone")
    staff.expire_unpaid_orders(now=timezone.now() + timedelta(hours=1))
    Order.objects.filter(pk=gone.pk).update(payment_intent_id=paid_order.payment_intent_id)
    Stock.objects.filter(product__slug="clinicred").update(on_hand=0)
    assert mark_paid(order_id=gone.pk, payment_intent_id=paid_order.payment_intent_id, amount=gone.total_cents, currency="usd")
    gone.refresh_from_db()
    assert "stock is gone" in gone.needs_attention and not gone.stock_reserved
    with pytest.raises(staff.OrderActionError, match="no longer holds its units"):
        staff.refund(order_id=gone.pk, quantities={gone.lines.get().pk: 1}, restock=True, user=user)
    assert stock_of("clinicred") == 0 and not Refund.objects.filter(order=gone).exists()
    # The same unit is never restocked twice: it cannot be refunded twice.
    with pytest.raises(staff.OrderActionError, match="Nothing is left to refund"):
        staff.refund(order_id=late.pk, quantities={late.lines.get().pk: 1}, restock=True, user=user)
    assert stock_of("clinicred") == 0


def test_a_refunded_line_of_another_order_is_refused(manager, paid_order, make_order):
    other = make_order(key="other-order")
    response = manager.post(action_url(paid_order, "refund"), {f"line_{other.lines.get().pk}": "1", "extra": ""}, follow=True)
    assert "Choose lines, shipping or an amount" in response.content.decode()  # the field is not this order's: ignored
    from shop.orders import staff

    with pytest.raises(staff.OrderActionError, match="not part of this order"):
        staff.refund(order_id=paid_order.pk, quantities={other.lines.get().pk: 1}, restock=False, user=None)
    assert not Refund.objects.exists()


def test_refund_stripe_rejects_changes_nothing(manager, paid_order, settings):
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens: Stripe cannot be reached
    response = manager.post(action_url(paid_order, "refund"), {line_field(paid_order): "1", "restock": "on"}, follow=True)
    assert "Refund failed" in response.content.decode()
    paid_order.refresh_from_db()
    assert paid_order.amount_refunded_cents == 0 and paid_order.payment_status == Order.PaymentStatus.PAID
    assert not Refund.objects.exists() and not mail.outbox


def test_resend_the_confirmation(manager, paid_order, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        manager.post(action_url(paid_order, "resend"), {"email": "confirmation"})
    assert len(mail.outbox) == 1 and "is confirmed" in mail.outbox[0].subject
    entry = ModelLogEntry.objects.for_instance(paid_order).filter(action="shop.order.email_resent").get()
    assert entry.user.username == "order-manager"
    response = manager.post(action_url(paid_order, "resend"), {"email": "shipping"}, follow=True)
    assert "has not shipped" in response.content.decode() and len(mail.outbox) == 1


# An order manager with a forged post: nothing changes but through an action it holds.


def test_an_order_manager_cannot_rewrite_an_order(manager, paid_order):
    before = Order.objects.filter(pk=paid_order.pk).values().get()
    edit = f"/admin/orders/edit/{paid_order.pk}/"
    forged = {"payment_status": "refunded", "status": "cancelled", "amount_paid_cents": str(paid_order.total_cents * 3),
              "amount_refunded_cents": "0", "email": "attacker@example.com", "total_cents": "1"}
    assert manager.get(edit).status_code == 404 and manager.post(edit, forged).status_code == 404
    assert manager.post("/admin/orders/add/", forged).status_code == 404
    assert manager.post(f"/admin/orders/delete/{paid_order.pk}/").status_code == 404
    # An action's form takes no amounts or statuses: extra fields are ignored, the amount is worked out.
    manager.post(action_url(paid_order, "refund"), {**forged, line_field(paid_order): "1", "amount": "999999"})
    after = Order.objects.filter(pk=paid_order.pk).values().get()
    assert after["amount_paid_cents"] == before["amount_paid_cents"] and after["email"] == before["email"]
    assert after["amount_refunded_cents"] == 19595 and after["payment_status"] == "partially_refunded"


def test_each_action_needs_its_own_permission(client, django_user_model, paid_order, demo):
    from django.contrib.auth.models import Permission

    user = django_user_model.objects.create_user("note-taker", "nt@example.com", "pw")
    user.user_permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_order", "annotate_order"]))
    client.force_login(user)
    page = client.get(inspect_url(paid_order)).content.decode()
    assert "Add note" in page and "Mark fulfilled" not in page and ">Refund<" not in page and "Resend e-mail" not in page
    assert client.post(action_url(paid_order, "note"), {"note": "Called the customer."}).status_code == 302
    for action, data in [("fulfil", {"carrier": "UPS", "tracking_number": "1Z999AA10123456784"}), ("refund", {line_field(paid_order): "2"}),
                         ("cancel", {"confirm": "on"}), ("resend", {"email": "confirmation"})]:
        response = client.post(action_url(paid_order, action), data)  # Wagtail answers a refusal by sending to /admin/
        assert response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/"), action
    paid_order.refresh_from_db()
    assert paid_order.fulfilment_status == "unfulfilled" and paid_order.amount_refunded_cents == 0 and not mail.outbox
    assert not Refund.objects.exists()


def test_order_managers_hold_the_action_permissions_and_not_change_order(demo):
    codenames = set(Group.objects.get(name="Order managers").permissions.filter(content_type__model="order").values_list("codename", flat=True))
    assert codenames == {"view_order", "fulfil_order", "refund_order", "cancel_order", "annotate_order", "resend_order_email"}


def test_cancel_unpaid_returns_stock_and_note_is_logged(manager, make_order):
    before = stock_of("clinicred")
    order = make_order(quantity=3)
    manager.post(action_url(order, "cancel"), {"confirm": "on"})
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and order.payment_status == Order.PaymentStatus.PENDING
    assert stock_of("clinicred") == before
    manager.post(action_url(order, "note"), {"note": "Customer phoned: wrong address."})
    page = manager.get(inspect_url(order)).content.decode()
    assert "Customer phoned: wrong address." in page and 'data-log-action="shop.order.cancelled"' in page


def test_a_cancelled_orders_payment_can_no_longer_be_taken(make_order, stripe_offline, django_capture_on_commit_callbacks):
    """Expired or replaced: the order's PaymentIntent is cancelled at Stripe (localstripe), so a checkout
    page left open in another tab cannot take the money; a late attempt is refused by Stripe."""
    from shop.orders.checkout import start_payment
    from shop.orders.staff import cancel_unpaid

    order = make_order()
    intent = start_payment(order)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_unpaid(order.pk, reason="replaced by a new checkout")
    assert stripe_api.retrieve_payment_intent(intent.id).status == "canceled"
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    with pytest.raises(stripe.InvalidRequestError):
        cards.confirm_payment_intent(intent.id, payment_method_id=method)
    assert stripe_api.retrieve_payment_intent(intent.id).status == "canceled"


def test_dashboard_panels(manager, paid_order, make_order):
    Stock.objects.filter(product__slug="protective-glasses").update(on_hand=2)
    disputed = make_order()
    Order.objects.filter(pk=disputed.pk).update(payment_status=Order.PaymentStatus.DISPUTED, needs_attention="Dispute opened by the card holder (fraudulent).")
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
    Order.objects.filter(pk=ghost.pk).update(payment_status=Order.PaymentStatus.PAID, paid_at=ghost.created_at, amount_paid_cents=ghost.total_cents)
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


@pytest.mark.parametrize(
    "field, value",
    [("rating", "6"), ("rating", "0"), ("rating", "x"), ("email", "nope"), ("email", "a" * 250 + "@example.com"), ("title", "")],
)
def test_bad_review_input_is_a_400_with_a_message(client, demo, field, value):
    response = client.post("/shop/protective-glasses/reviews/", review_data(**{field: value}))
    assert response.status_code == 400 and "errorlist" in response.content.decode()
    assert not Review.objects.filter(product__slug="protective-glasses").exists()


def test_bulk_approve_and_verified_badge(manager, paid_order, django_capture_on_commit_callbacks):
    line = paid_order.lines.get()
    r1 = Review.objects.create(product=line.product, order_line=line, rating=5, title="From a buyer", body="Works well.", author_name="A")
    # typing the buyer's e-mail proves nothing: only the review link (the order line) does
    r2 = Review.objects.create(product=line.product, rating=1, title="Not a buyer", body="Meh.", author_name="B", email=paid_order.email)
    url = reverse("wagtail_bulk_action", args=("shop", "review", "approve")) + f"?id={r1.pk}&id={r2.pk}"
    assert manager.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
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
