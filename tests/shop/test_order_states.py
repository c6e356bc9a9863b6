"""The order state machines: Order.transition() is the only way an order's payment, fulfilment and
lifecycle statuses change, and a move a table does not allow is refused loudly (TransitionNotAllowed)
with the order left as it was, from every entry point: the model, the payment events, the webhook,
the staff actions and the admin."""

import itertools
import logging

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from shop.models import Order, Refund, Shipment, StripeEvent
from shop.orders import payment_events, staff
from shop.orders.models import TransitionNotAllowed
from tests.stripe_server import signed_event

from .conftest import stock_of

S = Order.Status
P = Order.PaymentStatus
F = Order.FulfilmentStatus
CHOICES = {"payment_status": P, "fulfilment_status": F, "status": S}
ILLEGAL = [
    (field, start, to)
    for field, choices in CHOICES.items()
    for start, to in itertools.product(choices, choices)
    if to not in Order.TRANSITIONS[field][start]
]


def set_state(order, **fields):
    """Put an order in a state for a test, bypassing the state machine as only a test may."""
    Order.objects.filter(pk=order.pk).update(**fields)
    order.refresh_from_db()
    return order


def snapshot(order):
    order = Order.objects.get(pk=order.pk)
    fields = [f.attname for f in Order._meta.concrete_fields]
    return {name: getattr(order, name) for name in fields}, timeline(order)


def timeline(order):
    return list(ModelLogEntry.objects.for_instance(order).values_list("action", flat=True).order_by("id"))


def deliver(client, event_type, obj):
    body, signature = signed_event(event_type, obj)
    return client.post("/stripe/webhook/", data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature)


def paid(order, amount=None):
    assert payment_events.mark_paid(
        order_id=order.pk, payment_intent_id=order.payment_intent_id or "pi_states", amount=amount or order.total_cents, currency="usd"
    )
    order.refresh_from_db()
    return order


# The table and the model


def test_the_tables_name_every_status():
    for field, choices in CHOICES.items():
        assert set(Order.TRANSITIONS[field]) == set(choices), field
        assert set().union(*Order.TRANSITIONS[field].values()) <= set(choices)
    assert P.PENDING not in set().union(*Order.TRANSITIONS["payment_status"].values())  # nothing goes back to unpaid
    assert F.UNFULFILLED not in set().union(*Order.TRANSITIONS["fulfilment_status"].values())


def test_every_move_outside_the_tables_is_refused_and_changes_nothing(make_order):
    order = make_order()
    for field, start, to in ILLEGAL:
        order = set_state(order, **{field: start})
        before = snapshot(order)
        with pytest.raises(TransitionNotAllowed, match="cannot become") as refused:
            order.transition(action="shop.order.note", changes={"needs_attention": "should not be written"}, **{field: to})
        assert (refused.value.order, refused.value.to) == (order, to)
        assert getattr(order, field) == start and order.needs_attention == ""  # the instance is untouched too
        assert snapshot(order) == before, (field, start, to)


def test_a_legal_move_saves_the_status_and_its_changes_and_writes_the_timeline(make_order, django_user_model):
    order = make_order()
    user = django_user_model.objects.create_user("someone")
    order.transition(status=S.CANCELLED, action="shop.order.cancelled", user=user, changes={"cancelled_at": timezone.now()}, data={"reason": "test"})
    saved = Order.objects.get(pk=order.pk)
    assert saved.status == S.CANCELLED and saved.cancelled_at is not None and saved.payment_status == P.PENDING
    entry = ModelLogEntry.objects.for_instance(order).get(action="shop.order.cancelled")
    assert entry.user == user and entry.data == {"reason": "test"}


def test_two_moves_at_once_are_all_or_nothing(make_order):
    order = set_state(make_order(), payment_status=P.PAID, fulfilment_status=F.FULFILLED)
    before = snapshot(order)
    with pytest.raises(TransitionNotAllowed):  # the payment move is legal, the fulfilment one is not
        order.transition(action="shop.order.refunded", payment_status=P.REFUNDED, fulfilment_status=F.UNFULFILLED)
    assert (order.payment_status, order.fulfilment_status) == (P.PAID, F.FULFILLED) and snapshot(order) == before


@pytest.mark.parametrize("field, value", [("status", S.CANCELLED), ("payment_status", P.PAID), ("fulfilment_status", F.FULFILLED)])
def test_a_status_changed_by_hand_cannot_be_saved(make_order, field, value):
    order = make_order()
    original = getattr(order, field)
    setattr(order, field, value)
    with pytest.raises(TransitionNotAllowed, match="only through Order.transition"):
        order.save()
    with pytest.raises(TransitionNotAllowed):
        order.save(update_fields=[field])
    assert getattr(Order.objects.get(pk=order.pk), field) == original
    setattr(order, field, original)
    order.needs_attention = "a note"
    order.save()  # other fields save as before
    assert Order.objects.get(pk=order.pk).needs_attention == "a note"


# Payment events


def test_refunding_an_unpaid_order_is_refused(make_order, django_user_model):
    order = make_order()
    before = snapshot(order)
    with pytest.raises(TransitionNotAllowed):
        order.transition(payment_status=P.REFUNDED, action="shop.order.refunded")
    with pytest.raises(staff.OrderActionError, match="Only a paid order"):
        staff.refund(order_id=order.pk, quantities={}, extra_cents=100, restock=False, user=django_user_model.objects.create_user("x"))
    assert snapshot(order) == before and not Refund.objects.exists()


def test_a_refunded_order_cannot_be_paid_again(make_order):
    order = paid(make_order())
    order = set_state(order, payment_status=P.REFUNDED, amount_refunded_cents=order.total_cents)
    before = snapshot(order)
    with pytest.raises(TransitionNotAllowed, match="is refunded: it cannot become paid"):
        order.transition(payment_status=P.PAID, action="shop.order.paid")
    assert snapshot(order) == before


def test_mark_paid_on_an_order_that_cannot_become_paid_is_refused_and_takes_nothing(make_order, django_capture_on_commit_callbacks):
    order = set_state(make_order(), payment_status=P.REFUNDED)  # unpaid but refunded: impossible, so refused
    stock, before = stock_of("clinicred"), snapshot(order)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(TransitionNotAllowed):
        payment_events.mark_paid(order_id=order.pk, payment_intent_id="pi_x", amount=order.total_cents, currency="usd")
    assert snapshot(order) == before and stock_of("clinicred") == stock and not mail.outbox


def test_a_late_payment_of_an_expired_order_is_a_legal_move(make_order):
    """Paying a cancelled order stays allowed: Stripe took the money after the order expired; it opens again."""
    order = make_order()
    staff.cancel_unpaid(order.pk)
    order = paid(order)
    assert (order.status, order.payment_status) == (S.OPEN, P.PAID) and timeline(order)[-1] == "shop.order.paid"


def test_a_refund_seen_before_the_payment_is_applied_after_it(make_order):
    order = make_order()
    payment_events.record_refund(order_id=order.pk, amount_refunded=5000)
    assert Order.objects.get(pk=order.pk).payment_status == P.PENDING
    order = paid(order)
    assert order.payment_status == P.PARTIALLY_REFUNDED and order.amount_refunded_cents == 5000
    assert timeline(order)[-2:] == ["shop.order.paid", "shop.order.refunded"]
    assert list(Refund.objects.filter(order=order).values_list("amount_cents", flat=True)) == [5000]


def test_a_refund_the_order_cannot_take_is_refused_with_nothing_recorded(make_order):
    order = paid(make_order())
    order = set_state(order, payment_status=P.PENDING)  # paid yet pending: impossible, so refused
    before = snapshot(order)
    with pytest.raises(TransitionNotAllowed):
        payment_events.record_refund(order_id=order.pk, amount_refunded=1000)
    assert snapshot(order) == before and not Refund.objects.exists()


def test_refunds_from_stripe_are_capped_at_what_was_paid(make_order):
    order = paid(make_order())
    payment_events.record_refund(order_id=order.pk, amount_refunded=order.total_cents + 500)
    order.refresh_from_db()
    assert order.payment_status == P.REFUNDED and order.amount_refunded_cents == order.total_cents
    assert Refund.objects.get(order=order).amount_cents == order.total_cents
    payment_events.record_refund(order_id=order.pk, amount_refunded=order.total_cents + 900)  # nothing new
    assert Refund.objects.filter(order=order).count() == 1


# The webhook


def test_a_dispute_before_the_payment_event_flags_the_order_and_leaves_its_status(client, make_order, caplog):
    order = set_state(make_order(), payment_intent_id="pi_early_dispute")
    with caplog.at_level(logging.WARNING, logger="shop.payments.webhooks"):
        response = deliver(client, "charge.dispute.created", {"id": "dp_1", "payment_intent": "pi_early_dispute", "reason": "fraudulent"})
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.payment_status == P.PENDING
    assert "fraudulent" in order.needs_attention and "cannot become disputed" in order.needs_attention
    assert timeline(order)[-1] == "shop.order.disputed"
    assert "not applied" in caplog.text
    assert StripeEvent.objects.filter(type="charge.dispute.created", order=order).exists()
    assert paid(order).payment_status == P.PAID  # the payment event still counts when it comes


def test_a_dispute_on_a_refunded_order_flags_it_and_keeps_it_refunded(client, make_order):
    order = paid(make_order())
    payment_events.record_refund(order_id=order.pk, amount_refunded=order.total_cents)
    response = deliver(client, "charge.dispute.created", {"id": "dp_2", "payment_intent": "pi_states", "reason": "duplicate"})
    assert response.status_code == 200
    order.refresh_from_db()
    assert order.payment_status == P.REFUNDED and "duplicate" in order.needs_attention


def test_an_event_the_order_cannot_follow_is_refused_with_409_and_not_recorded(client, make_order, caplog):
    order = set_state(make_order(), payment_intent_id="pi_refused", payment_status=P.REFUNDED)
    before = snapshot(order)
    obj = {"id": "pi_refused", "amount": order.total_cents, "currency": "usd", "metadata": {"order_number": order.number}}
    with caplog.at_level(logging.ERROR, logger="shop.payments.webhooks"):
        response = deliver(client, "payment_intent.succeeded", obj)
    assert response.status_code == 409 and "cannot become paid" in response.content.decode()
    assert "refused, nothing applied" in caplog.text
    assert snapshot(order) == before and not StripeEvent.objects.exists()  # Stripe's retry is handled afresh


# Staff actions and the admin


def test_fulfilling_a_cancelled_order_is_refused(make_order, django_user_model):
    order = make_order()
    staff.cancel_unpaid(order.pk)
    before = snapshot(order)
    with pytest.raises(TransitionNotAllowed, match="is cancelled: it cannot become fulfilled"):
        staff.fulfil(order_id=order.pk, carrier="UPS", tracking_number="1Z999AA1", user=django_user_model.objects.create_user("x"))
    assert snapshot(order) == before and not Shipment.objects.exists() and not mail.outbox


def test_cancelling_a_paid_order_is_refused_and_keeps_its_stock(make_order):
    order = paid(make_order())
    stock, before = stock_of("clinicred"), snapshot(order)
    with pytest.raises(TransitionNotAllowed, match="is paid: it cannot become cancelled"):
        staff.cancel_unpaid(order.pk)
    assert snapshot(order) == before and stock_of("clinicred") == stock


def test_expiry_skips_an_order_paid_meanwhile(make_order, monkeypatch):
    order = set_state(make_order(), expires_at=timezone.now())
    cancel = staff.cancel_unpaid

    def paid_between_the_query_and_the_lock(pk, **kwargs):
        paid(Order.objects.get(pk=pk))
        return cancel(pk, **kwargs)

    monkeypatch.setattr(staff, "cancel_unpaid", paid_between_the_query_and_the_lock)
    assert staff.expire_unpaid_orders(now=timezone.now()) == 0
    assert Order.objects.get(pk=order.pk).payment_status == P.PAID


def test_a_refund_the_state_machine_refuses_never_reaches_stripe(make_order, django_user_model, monkeypatch):
    order = set_state(paid(make_order()), payment_status=P.PENDING)  # impossible state, so the move is refused
    monkeypatch.setattr("shop.payments.stripe_api.refund", lambda **kw: pytest.fail("Stripe was asked"))
    with pytest.raises(TransitionNotAllowed):
        staff.refund(order_id=order.pk, quantities={}, extra_cents=100, restock=False, user=django_user_model.objects.create_user("x"))
    assert Order.objects.get(pk=order.pk).amount_refunded_cents == 0


@pytest.fixture
def manager(client, django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(user)
    return client


def test_no_one_has_an_edit_form_for_an_order(manager, admin_client, make_order):
    order = make_order()
    for client in (manager, admin_client):
        for url in (f"/admin/orders/edit/{order.pk}/", "/admin/orders/add/", f"/admin/orders/delete/{order.pk}/"):
            assert client.get(url).status_code == 404, url
        page = client.get(f"/admin/orders/inspect/{order.pk}/").content.decode()
        assert f"/admin/orders/edit/{order.pk}/" not in page and f"/admin/orders/delete/{order.pk}/" not in page


def test_the_admin_cancel_button_on_a_paid_order_says_why(manager, make_order):
    order = paid(make_order())
    response = manager.post(f"/admin/orders/{order.pk}/cancel/", {"confirm": "on"}, follow=True)
    assert "Only an order waiting for payment can be cancelled." in response.content.decode()
    assert Order.objects.get(pk=order.pk).payment_status == P.PAID
