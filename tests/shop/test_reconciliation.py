"""Reconciliation tells the truth: each run is recorded (when, what it compared, what it found, or why
it failed) and the dashboard says when it last ran and what it found, or that it never ran.
Real localstripe, PostgreSQL."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

from devstripe import cards
from shop.models import Mismatch, Order, ReconciliationRun
from shop.orders.checkout import start_payment
from shop.orders.payment_events import mark_paid
from shop.payments.reconciliation import run_reconciliation


@pytest.fixture
def manager(client, django_user_model, demo):
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    user.groups.add(Group.objects.get(name="Order managers"))
    client.force_login(user)
    return client


def pay(order):
    intent = start_payment(order)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    return intent


@pytest.fixture
def paid_order(make_order, fresh_localstripe, django_capture_on_commit_callbacks):
    order = make_order(quantity=2)
    intent = pay(order)
    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    return order


def panel(manager) -> str:
    page = manager.get("/admin/").content.decode()
    start = page.index('aria-labelledby="panel-reconciliation"')
    return page[start: page.index("</section>", start)]


def test_the_dashboard_says_reconciliation_never_ran(manager, make_order):
    text = panel(manager)
    assert "Reconciliation has never run" in text
    assert "agree" not in text and "no mismatch" not in text


def test_a_clean_run_is_recorded_with_what_it_compared(manager, paid_order):
    run = run_reconciliation(days=3)
    run.refresh_from_db()
    assert run.finished_at is not None and run.error == ""
    assert (run.payments_compared, run.orders_compared, run.mismatches_found) == (1, 1, 0)
    text = panel(manager)
    assert f"{run.finished_at:%Y-%m-%d %H:%M}" in text and "UTC" in text
    assert "1 Stripe payment and 1 order compared" in text and "no mismatch" in text
    assert "never run" not in text


def test_a_run_that_finds_mismatches_lists_them_with_its_date(manager, paid_order, make_order):
    unpaid = make_order(key="paid-in-stripe-only")
    pay(unpaid)  # Stripe took the money, the order was never marked paid
    Order.objects.filter(pk=paid_order.pk).update(amount_paid_cents=paid_order.total_cents - 1)
    run = run_reconciliation(days=3)
    assert run.mismatches_found == 2 and run.payments_compared == 2 and run.orders_compared == 2
    assert set(run.mismatches.values_list("kind", "order_id")) == {
        (Mismatch.Kind.PAYMENT_WITHOUT_ORDER, unpaid.pk),
        (Mismatch.Kind.AMOUNT_DIFFERS, paid_order.pk),
    }
    text = panel(manager)
    assert "2 mismatches" in text and unpaid.number in text and paid_order.number in text
    assert f"{run.finished_at:%Y-%m-%d %H:%M}" in text


def test_stripe_unreachable_is_recorded_and_the_last_findings_stay(manager, paid_order, make_order, settings, capsys):
    Order.objects.filter(pk=paid_order.pk).update(amount_paid_cents=paid_order.total_cents - 1)
    good = run_reconciliation(days=3)
    settings.STRIPE_API_BASE = "http://127.0.0.1:9"  # nothing listens there
    with pytest.raises(CommandError, match="Stripe could not be reached"):
        call_command("reconcile_payments")
    failed = ReconciliationRun.objects.latest()
    assert failed.pk != good.pk and failed.finished_at is not None and "Stripe could not be reached" in failed.error
    assert Mismatch.objects.get().run == good  # the last known differences are kept
    text = panel(manager)
    assert "failed" in text and "Stripe could not be reached" in text
    assert f"{good.finished_at:%Y-%m-%d %H:%M}" in text and paid_order.number in text and "1 mismatch" in text


def test_a_run_older_than_a_day_is_overdue(manager, paid_order):
    run_reconciliation(days=3)
    ReconciliationRun.objects.update(
        started_at=timezone.now() - timedelta(days=2), finished_at=timezone.now() - timedelta(days=2)
    )
    assert "it should run daily" in panel(manager)


def test_command_and_task_record_a_run(paid_order, capsys):
    call_command("reconcile_payments", "--days", "1")
    assert "Compared 1 Stripe payment(s) and 1 order(s) of the last 1 day(s): 0 mismatch(es)." in capsys.readouterr().out
    from shop.tasks import reconcile_payments

    result = reconcile_payments.enqueue(days=2)
    assert result.return_value == 0
    assert list(ReconciliationRun.objects.values_list("days", "mismatches_found")) == [(2, 0), (1, 0)]


def test_command_refuses_a_window_of_no_days(db):
    with pytest.raises(CommandError, match="at least 1"):
        call_command("reconcile_payments", "--days", "0")
    assert not ReconciliationRun.objects.exists()


def test_editors_do_not_see_the_panel(client, django_user_model, demo):
    user = django_user_model.objects.create_user("content-editor", "ed@example.com", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    assert "panel-reconciliation" not in client.get("/admin/").content.decode()
