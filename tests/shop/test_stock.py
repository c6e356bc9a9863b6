"""Stock nobody can overwrite: staff change it only by adjustments (received, damaged or lost, count
correction), each recorded with who, why and the figure it left; sales and put-backs are in the same
ledger; the settings form cannot write an old on-hand figure back; an attacker changes nothing."""

import threading

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.urls import reverse
from wagtail.models import ModelLogEntry

from shop.catalogue.stock import MAX_ON_HAND, StockAdjustmentError, adjust_stock
from shop.models import Order, Product, Stock, StockMovement
from shop.orders import staff

from .conftest import stock_of


def staff_client(client_class, django_user_model, username, group):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    client = client_class()
    client.force_login(user)
    client.user = user
    return client


@pytest.fixture
def manager(client, django_user_model, demo):
    return staff_client(type(client), django_user_model, "order-manager", "Order managers")


@pytest.fixture
def editor(client, django_user_model, demo):
    return staff_client(type(client), django_user_model, "content-editor", "Editors")


@pytest.fixture
def stock(demo):
    stock = Stock.objects.select_related("product").get(product__slug="clinicred")
    Stock.objects.filter(pk=stock.pk).update(on_hand=93)
    return stock


def adjust_url(stock):
    return reverse("wagtailsnippets_shop_stock:adjust", args=(stock.pk,))


def inspect_url(stock):
    return reverse("wagtailsnippets_shop_stock:inspect", args=(stock.pk,))


def on_hand(stock):
    return Stock.objects.get(pk=stock.pk).on_hand


# The bug of issue 13, reproduced: the form was opened at 93, three units sold, only the threshold changed.


def test_saving_the_stock_form_keeps_the_units_sold_while_it_was_open(manager, stock):
    edit = reverse("wagtailsnippets_shop_stock:edit", args=(stock.pk,))
    form = manager.get(edit)
    assert form.status_code == 200 and "93" in form.content.decode()
    assert Stock.objects.take_all([(stock.product_id, 3)])
    # What the old form posted: the threshold, and the on-hand figure it had shown (forged here).
    response = manager.post(edit, {"product": stock.product_id, "on_hand": "93", "low_stock_threshold": "7"})
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = Stock.objects.get(pk=stock.pk)
    assert (saved.on_hand, saved.low_stock_threshold) == (90, 7)


def test_saving_a_loaded_stock_never_writes_its_old_figure(stock):
    loaded = Stock.objects.get(pk=stock.pk)
    assert Stock.objects.take(stock.product_id, 2)
    loaded.low_stock_threshold = 9
    loaded.save()
    assert on_hand(stock) == 91 and Stock.objects.get(pk=stock.pk).low_stock_threshold == 9


# The service.


def test_each_adjustment_is_recorded_with_who_why_and_the_figure_it_left(manager, stock):
    user = manager.user
    received = adjust_stock(stock_id=stock.pk, kind="received", quantity=20, note="Delivery DN-1001", user=user)
    damaged = adjust_stock(stock_id=stock.pk, kind="damaged", quantity=1, note="Cracked lens", user=user)
    assert (received.change, received.on_hand_after) == (20, 113)
    assert (damaged.change, damaged.on_hand_after) == (-1, 112)
    assert on_hand(stock) == 112
    assert received.user == user and received.note == "Delivery DN-1001" and received.created_at
    entry = ModelLogEntry.objects.for_instance(stock).filter(action="shop.stock.adjusted").first()
    assert entry.user == user and entry.data["change"] == -1 and entry.data["on_hand"] == 112


def test_a_count_correction_sets_the_counted_number_at_the_moment_it_is_saved(manager, stock):
    # Opened at 93; two units sell before the count is saved; the counted 95 is what is on hand now.
    assert Stock.objects.take(stock.product_id, 2)
    movement = adjust_stock(stock_id=stock.pk, kind="count", quantity=95, note="Shelf count", user=manager.user)
    assert (movement.change, movement.on_hand_after) == (4, 95) and on_hand(stock) == 95
    same = adjust_stock(stock_id=stock.pk, kind="count", quantity=95, note="Recount", user=manager.user)
    assert same.change == 0  # a count that confirms the figure is recorded too


@pytest.mark.parametrize(
    ("kind", "quantity", "message"),
    [
        ("damaged", 94, "Only 93 of ClinicRed™ on hand: cannot remove 94"),
        ("count", -1, "whole number of units"),
        ("received", 0, "at least one unit"),
        ("received", 100_001, "whole number of units"),
        ("received", "5", "whole number of units"),
        ("sold", 1, "Choose received"),
    ],
)
def test_a_refused_adjustment_changes_nothing(manager, stock, kind, quantity, message):
    with pytest.raises(StockAdjustmentError, match=message):
        adjust_stock(stock_id=stock.pk, kind=kind, quantity=quantity, note="Attempt", user=manager.user)
    assert on_hand(stock) == 93 and not StockMovement.objects.exists()


def test_the_figure_has_a_ceiling(manager, stock):
    Stock.objects.filter(pk=stock.pk).update(on_hand=MAX_ON_HAND - 10)
    with pytest.raises(StockAdjustmentError, match="the most the shop records"):
        adjust_stock(stock_id=stock.pk, kind="received", quantity=11, note="Typo", user=manager.user)
    assert on_hand(stock) == MAX_ON_HAND - 10


def test_a_note_is_required(manager, stock):
    with pytest.raises(StockAdjustmentError, match="note"):
        adjust_stock(stock_id=stock.pk, kind="received", quantity=1, note="   ", user=manager.user)


# Sales and put-backs are in the same ledger.


def test_sales_and_cancellations_are_in_the_ledger(make_order, clinicred):
    before = stock_of("clinicred")
    order = make_order(quantity=2)
    staff.cancel_unpaid(order.pk)
    rows = list(StockMovement.objects.filter(stock__product=clinicred).order_by("id").values_list("kind", "change", "on_hand_after", "order", "note"))
    assert rows == [("sold", -2, before - 2, order.pk, "Checkout"), ("put_back", 2, before, order.pk, "Cancelled")]


def test_callers_may_name_the_order_reason_and_user(manager, make_order, clinicred):
    order = make_order()
    Stock.objects.put_back([(clinicred.pk, 1)], order=order, reason="Refund, restocked", user=manager.user)
    movement = StockMovement.objects.filter(kind="put_back").get()
    assert movement.order == order and movement.note == "Refund, restocked" and movement.user == manager.user
    page = manager.get(inspect_url(movement.stock)).content.decode()
    assert order.number in page and "Refund, restocked" in page
    assert Stock.objects.take_all([(clinicred.pk, 1)], order=order)
    assert StockMovement.objects.filter(kind="sold", order=order).count() == 2  # checkout's, then this one
    with pytest.raises(ValueError):
        Stock.objects.put_back([(clinicred.pk, -1)])


# The admin.


def test_order_manager_adjusts_and_sees_the_history_newest_first(manager, stock, make_order):
    make_order()  # a sale of one unit
    response = manager.post(adjust_url(stock), {"kind": "received", "quantity": "20", "note": "Delivery DN-1002"})
    assert response.status_code == 302 and response["Location"] == inspect_url(stock)
    assert on_hand(stock) == 93 - 1 + 20
    page = manager.get(inspect_url(stock)).content.decode()
    assert 'data-stock-on-hand>112<' in page
    assert page.index('data-stock-movement="received"') < page.index('data-stock-movement="sold"')
    assert "Delivery DN-1002" in page and "order-manager" in page
    listing = manager.get(reverse("wagtailsnippets_shop_stock:list")).content.decode()
    assert inspect_url(stock) in listing


def test_the_history_is_paginated(manager, stock):
    StockMovement.objects.bulk_create(
        StockMovement(stock=stock, kind="received", change=1, on_hand_after=93, note=f"Row {n:02d}") for n in range(30)
    )
    first = manager.get(inspect_url(stock)).content.decode()
    assert "Row 29" in first and "Row 05" in first and "Row 04" not in first and "Page 1 of 2" in first
    second = manager.get(inspect_url(stock) + "?p=2").content.decode()
    assert "Row 04" in second and "Row 29" not in second
    assert manager.get(inspect_url(stock) + "?p=abc").status_code == 200


def test_the_settings_form_shows_on_hand_read_only(manager, stock):
    page = manager.get(reverse("wagtailsnippets_shop_stock:edit", args=(stock.pk,))).content.decode()
    assert 'name="low_stock_threshold"' in page and 'name="on_hand"' not in page


# An attacker with an order manager's login, and people without the permission.


@pytest.mark.parametrize(
    ("post", "message"),
    [
        ({"kind": "count", "quantity": "-5", "note": "x"}, "greater than or equal to 0"),
        ({"kind": "received", "quantity": "ten", "note": "x"}, "Enter a whole number of units."),
        ({"kind": "received", "quantity": "1.5", "note": "x"}, "Enter a whole number of units."),
        ({"kind": "received", "quantity": "99999999999999999999", "note": "x"}, "less than or equal to 100000"),
        ({"kind": "damaged", "quantity": "500", "note": "x"}, "Only 93 of ClinicRed™ on hand: cannot remove 500."),
        ({"kind": "sold", "quantity": "5", "note": "x"}, "Select a valid choice."),
        ({"kind": "received", "quantity": "5", "note": ""}, "This field is required."),
        ({"kind": "received", "quantity": "5", "note": "x" * 501}, "at most 500 characters"),
    ],
)
def test_bad_adjustments_get_a_message_and_change_nothing(manager, stock, post, message):
    response = manager.post(adjust_url(stock), post)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert on_hand(stock) == 93 and not StockMovement.objects.exists()


def test_an_adjustment_cannot_be_aimed_at_another_product(manager, stock):
    other = Stock.objects.get(product__slug="protective-glasses")
    other_before = other.on_hand
    response = manager.post(
        adjust_url(stock),
        {"kind": "received", "quantity": "4", "note": "Delivery", "stock": other.pk, "stock_id": other.pk, "product": other.product_id},
    )
    assert response.status_code == 302
    assert on_hand(stock) == 97 and on_hand(other) == other_before
    assert list(StockMovement.objects.values_list("stock_id", flat=True)) == [stock.pk]
    missing = reverse("wagtailsnippets_shop_stock:adjust", args=(Stock.objects.order_by("-pk").first().pk + 1000,))
    assert manager.post(missing, {"kind": "received", "quantity": "4", "note": "x"}).status_code == 404


def test_people_without_the_permission_change_nothing_and_see_no_stock(client, editor, manager, stock, django_user_model):
    bare = staff_client(type(client), django_user_model, "admin-only", None)
    bare.user.user_permissions.add(Permission.objects.get(codename="access_admin"))  # the admin, but no stock
    anonymous = type(client)()
    for who in (editor, bare, anonymous):
        response = who.post(adjust_url(stock), {"kind": "received", "quantity": "50", "note": "x"})
        assert response.status_code in (302, 403)
        for url in (inspect_url(stock), reverse("wagtailsnippets_shop_stock:list"), adjust_url(stock),
                    reverse("wagtailsnippets_shop_stock:edit", args=(stock.pk,)),
                    reverse("wagtailsnippetchoosers_shop_stock:choose"),
                    reverse("wagtailsnippetchoosers_shop_stock:choose_results"),
                    reverse("wagtailsnippetchoosers_shop_stock:chosen", args=(stock.pk,))):
            response = who.get(url)
            assert response.status_code in (302, 403), url
            assert "93" not in response.content.decode() and "on hand" not in response.content.decode()
    chooser = manager.get(reverse("wagtailsnippetchoosers_shop_stock:choose_results"))
    assert chooser.status_code == 200 and "93 on hand" in chooser.content.decode()  # stock staff still can
    assert on_hand(stock) == 93 and not StockMovement.objects.exists()


def test_order_manager_cannot_forge_the_on_hand_figure_through_the_settings_form(manager, stock):
    edit = reverse("wagtailsnippets_shop_stock:edit", args=(stock.pk,))
    other = Product.objects.get(slug="protective-glasses")
    manager.post(edit, {"product": other.pk, "on_hand": "100000", "low_stock_threshold": "5"})
    saved = Stock.objects.get(pk=stock.pk)
    assert (saved.on_hand, saved.product_id) == (93, stock.product_id)


# Adjustments and sales at the same time, on PostgreSQL: every one is counted.


@pytest.mark.django_db(transaction=True)
def test_adjustments_and_sales_at_the_same_time_are_all_counted(demo, django_user_model):
    """`demo` in a transactional test puts the demo's rows in, committed, for the workers' own connections."""
    assert connection.vendor == "postgresql", "run the suite on PostgreSQL (make test)"
    user = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    stock = Stock.objects.get(product__slug="clinicred")
    Stock.objects.filter(pk=stock.pk).update(on_hand=50)
    StockMovement.objects.all().delete()
    jobs = [("received", 3)] * 8 + [("damaged", 1)] * 4 + [("sale", 2)] * 12
    barrier, errors = threading.Barrier(len(jobs)), []

    def work(kind, quantity):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            if kind == "sale":
                assert Stock.objects.take_all([(stock.product_id, quantity)])
            else:
                adjust_stock(stock_id=stock.pk, kind=kind, quantity=quantity, note="Concurrent", user=user)
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=work, args=job) for job in jobs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Stock.objects.get(pk=stock.pk).on_hand == 50 + 8 * 3 - 4 - 12 * 2 == 46
    ledger = list(StockMovement.objects.filter(stock=stock).order_by("id").values_list("change", "on_hand_after"))
    assert len(ledger) == len(jobs)
    running = 50
    for change, after in ledger:  # each row's figure is the one before it plus its change: none lost
        running += change
        assert after == running
    assert Order.objects.count() == 0
