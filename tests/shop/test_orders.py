import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from shop.models import Order, Product, Stock
from shop.orders.checkout import CheckoutError, place_order
from shop.orders.models import TransitionNotAllowed
from shop.orders.payment_events import mark_paid
from shop.orders.staff import expire_unpaid_orders

from .conftest import CUSTOMER, stock_of


def test_order_is_priced_from_the_database(make_order, clinicred, standard):
    order = make_order(quantity=2)
    assert order.subtotal_cents == 2 * 19595
    assert order.shipping_cents == 0  # standard is free over $150
    assert order.total_cents == 39190
    line = order.lines.get()
    assert (line.name, line.sku, line.unit_price_cents, line.quantity) == ("ClinicRed™", "CR-PANEL-01", 19595, 2)


def test_shipping_comes_from_the_method(make_order, express, standard):
    assert make_order("protective-glasses", 1, method=standard).shipping_cents == 795
    assert make_order("protective-glasses", 1, method=express).total_cents == 4000 + 2495


def test_placing_reserves_stock_and_snapshots_prices(make_order, clinicred):
    before = stock_of("clinicred")
    order = make_order(quantity=3)
    assert stock_of("clinicred") == before - 3
    Product.objects.filter(pk=clinicred.pk).update(price_cents=1)
    order.refresh_from_db()
    assert order.total_cents == 3 * 19595 and order.lines.get().unit_price_cents == 19595


def test_same_checkout_key_places_one_order(make_order):
    first = make_order(key="same")
    second = make_order(key="same")
    assert first.pk == second.pk and Order.objects.count() == 1


def test_order_token_is_long_and_random(make_order):
    a, b = make_order(), make_order()
    assert len(a.token) >= 43 and a.token != b.token and a.number != b.number


def test_not_enough_stock_places_nothing(make_order, clinicred):
    Stock.objects.filter(product=clinicred).update(on_hand=1)
    with pytest.raises(CheckoutError, match="not enough ClinicRed"):
        make_order(quantity=2)
    assert stock_of("clinicred") == 1 and not Order.objects.exists()


def test_draft_product_cannot_be_ordered(make_order, clinicred):
    Product.objects.filter(pk=clinicred.pk).update(live=False)
    with pytest.raises(CheckoutError):
        make_order()


def test_unpaid_orders_expire_and_release_stock(make_order):
    before = stock_of("clinicred")
    order = make_order(quantity=2)
    assert expire_unpaid_orders() == 0
    assert expire_unpaid_orders(now=timezone.now() + timedelta(minutes=31)) == 1
    order.refresh_from_db()
    assert order.status == Order.Status.CANCELLED and order.payment_status == Order.PaymentStatus.PENDING and stock_of("clinicred") == before
    assert expire_unpaid_orders(now=timezone.now() + timedelta(minutes=31)) == 0
    assert stock_of("clinicred") == before


def test_expire_command(make_order, capsys):
    from django.core.management import call_command

    order = make_order()
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    call_command("expire_orders")
    assert "Expired 1 unpaid order(s)." in capsys.readouterr().out


def test_mark_paid_once_and_one_email(make_order, django_capture_on_commit_callbacks):
    order = make_order()
    with django_capture_on_commit_callbacks(execute=True):
        assert mark_paid(order_id=order.pk, payment_intent_id="pi_1", amount=order.total_cents, currency="usd")
    with django_capture_on_commit_callbacks(execute=True):
        assert not mark_paid(order_id=order.pk, payment_intent_id="pi_1", amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PAID and order.amount_paid_cents == order.total_cents
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert order.number in message.subject and message.to == ["shopper@example.com"]
    assert "$195.95" in message.body and message.alternatives[0][1] == "text/html"


@pytest.mark.parametrize("amount, currency", [(1, "usd"), (19595 + 1, "usd"), (19595, "eur")])
def test_mark_paid_refuses_a_wrong_amount_or_currency(make_order, amount, currency):
    order = make_order()
    assert not mark_paid(order_id=order.pk, payment_intent_id="pi_x", amount=amount, currency=currency)
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PENDING and "not marked paid" in order.needs_attention
    assert len(mail.outbox) == 0


def test_late_payment_of_expired_order_takes_stock_again(make_order):
    before = stock_of("clinicred")
    order = make_order()
    expire_unpaid_orders(now=timezone.now() + timedelta(hours=1))
    assert mark_paid(order_id=order.pk, payment_intent_id="pi_late", amount=order.total_cents, currency="usd")
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PAID and order.status == Order.Status.OPEN
    assert order.stock_reserved and stock_of("clinicred") == before - 1


@pytest.mark.parametrize(
    "field, start, target",
    [
        ("payment_status", "pending", "refunded"),
        ("payment_status", "refunded", "paid"),
        ("payment_status", "paid", "pending"),
        ("fulfilment_status", "unfulfilled", "returned"),
        ("fulfilment_status", "fulfilled", "unfulfilled"),
        ("status", "open", "open"),
    ],
)
def test_transitions_that_are_not_allowed_are_refused(field, start, target):
    order = Order(number="CR-TEST", **{field: start})
    with pytest.raises(TransitionNotAllowed, match="cannot become"):
        order.transition(action="shop.order.note", **{field: target})
    assert getattr(order, field) == start


@pytest.mark.django_db(transaction=True)
def test_last_units_are_sold_once_under_concurrency(demo):
    """`demo` in a transactional test puts the demo's rows in, committed, for the buyers' own connections."""
    from shop.models import ShippingMethod

    assert connection.vendor == "postgresql", "run the suite on PostgreSQL (make test)"
    standard = ShippingMethod.objects.get(name="Standard")
    product = Product.objects.get(slug="clinicred")
    Stock.objects.filter(product=product).update(on_hand=5)
    results, barrier = [], threading.Barrier(20)

    def buyer(n):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            place_order(items={str(product.pk): 1}, customer=CUSTOMER, shipping_method_id=standard.pk, checkout_key=f"race-{n}")
            results.append("ok")
        except CheckoutError:
            results.append("sold out")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=buyer, args=(n,)) for n in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == 5 and results.count("sold out") == 15
    assert Order.objects.count() == 5
    assert Stock.objects.get(product=product).on_hand == 0


def test_the_shoppers_page_says_what_is_true_about_the_confirmation_e_mail(client, make_order, django_capture_on_commit_callbacks):
    order = make_order()
    mark_paid(order_id=order.pk, payment_intent_id="pi_page", amount=order.total_cents, currency="usd")  # e-mail not sent yet
    page = client.get(order.get_absolute_url()).content.decode()
    assert "A confirmation e-mail is on its way" in page and 'data-payment-status="paid"' in page
    from shop.orders.emails import send_order_confirmation

    send_order_confirmation.call(order.pk)
    page = client.get(order.get_absolute_url()).content.decode()
    assert "on its way" not in page and "We sent the confirmation to shopper@example.com" in page
    assert 'data-fulfilment-status="unfulfilled"' in page
