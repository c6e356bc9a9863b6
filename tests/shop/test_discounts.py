"""Discount codes: the arithmetic (shop/pricing.py), the rules (shop/orders/discounts.py check()), the
checkout page's Apply, the PaymentIntent amount (localstripe), refunds of discounted lines, the admin
for Order managers, and two orders racing for a code's last use (PostgreSQL, two connections)."""

import threading
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from devstripe import cards
from shop import pricing
from shop.models import DiscountCode, Order, Product, ShippingMethod
from shop.orders import discounts
from shop.orders.checkout import DiscountRefused, place_order, start_payment
from shop.orders.payment_events import mark_paid
from shop.orders.staff import cancel_unpaid, fulfil, refund
from shop.payments import stripe_api

from .conftest import CUSTOMER
from .test_checkout import checkout_form, place
from .test_export import download_csv

CLINICRED, GLASSES = 19595, 4000
STANDARD = {"shipping_price": 795, "free_over": 15000}
TEN_PERCENT = pricing.Discount(pricing.Discount.PERCENT, 10)


# The arithmetic, no database.


@pytest.mark.parametrize(
    "discount, subtotal, off",
    [
        (TEN_PERCENT, CLINICRED, 1960),  # 1959.5 rounds half up
        (TEN_PERCENT, 0, 0),
        (pricing.Discount(pricing.Discount.PERCENT, 100), CLINICRED, CLINICRED),
        (pricing.Discount(pricing.Discount.AMOUNT, 1000), GLASSES, 1000),
        (pricing.Discount(pricing.Discount.AMOUNT, 5000), GLASSES, GLASSES),  # never below 0
        (None, GLASSES, 0),
    ],
)
def test_what_a_discount_takes_off(discount, subtotal, off):
    assert pricing.discount_amount(discount, subtotal) == off


def test_totals_take_the_discount_off_the_goods_and_judge_free_shipping_after_it():
    one = [pricing.Line(CLINICRED, 1)]
    assert pricing.totals(one, **STANDARD, discount=TEN_PERCENT) == pricing.Totals(
        subtotal=CLINICRED, shipping=0, total=CLINICRED - 1960, discount=1960
    )
    # $160.00 of glasses ships free; 10% off leaves $144.00, under the $150 threshold: shipping is charged.
    four = [pricing.Line(GLASSES, 4)]
    assert pricing.totals(four, **STANDARD).shipping == 0
    discounted = pricing.totals(four, **STANDARD, discount=TEN_PERCENT)
    assert (discounted.discount, discounted.shipping, discounted.total) == (1600, 795, 16000 - 1600 + 795)
    # A fixed amount larger than the goods: the goods cost nothing, shipping is still paid.
    big = pricing.totals([pricing.Line(GLASSES, 1)], **STANDARD, discount=pricing.Discount(pricing.Discount.AMOUNT, 9999))
    assert (big.discount, big.total) == (GLASSES, 795)


@given(totals=st.lists(st.integers(min_value=1, max_value=10**6), min_size=1, max_size=6), percent=st.integers(1, 100))
def test_discount_shares_add_up_to_the_discount_and_never_exceed_a_line(totals, percent):
    discount = pricing.discount_amount(pricing.Discount(pricing.Discount.PERCENT, percent), sum(totals))
    shares = pricing.discount_shares(totals, discount)
    assert sum(shares) == discount
    assert all(0 <= share <= total for share, total in zip(shares, totals))


@given(
    unit=st.integers(min_value=1, max_value=10**5),
    ordered=st.integers(min_value=1, max_value=10),
    share_percent=st.integers(0, 100),
    steps=st.lists(st.integers(min_value=1, max_value=10), max_size=10),
)
def test_refunding_a_discounted_line_in_any_steps_gives_back_exactly_what_it_cost(unit, ordered, share_percent, steps):
    share = unit * ordered * share_percent // 100
    before, given_back = 0, 0
    for step in steps + [ordered]:
        quantity = min(step, ordered - before)
        if not quantity:
            break
        given_back += pricing.RefundedUnits(unit_price=unit, quantity=quantity, ordered=ordered, before=before, discount=share).total
        before += quantity
    assert given_back == unit * ordered - share


def test_a_refund_quote_counts_what_was_paid_for_discounted_units():
    # 2 × $195.95 with 10% off the order ($39.19): a unit cost $176.355, so the first refund gives $176.35, the second $176.36.
    first = pricing.RefundedUnits(unit_price=CLINICRED, quantity=1, ordered=2, discount=3919)
    second = pricing.RefundedUnits(unit_price=CLINICRED, quantity=1, ordered=2, before=1, discount=3919)
    assert pricing.quote_refund(lines=[first], shipping=0, extra=0, paid=35271, refunded=0).amount == 17635
    assert pricing.quote_refund(lines=[second], shipping=0, extra=0, paid=35271, refunded=17635).amount == 17636
    with pytest.raises(ValueError):
        pricing.quote_refund(lines=[pricing.RefundedUnits(CLINICRED, 3, ordered=2)], shipping=0, extra=0, paid=35271, refunded=0)


# The rules.


@pytest.fixture
def code(demo):
    return DiscountCode.objects.create(code="SPRING", kind=DiscountCode.Kind.AMOUNT, value=1500)


def test_a_code_is_case_insensitive_and_says_what_it_takes_off(code):
    result = discounts.check(" spring ", GLASSES, "", timezone.now())
    assert result.ok and result.code == "SPRING" and result.amount == 1500
    with pytest.raises(IntegrityError), transaction.atomic():
        DiscountCode.objects.create(code="Spring", kind=DiscountCode.Kind.PERCENT, value=5)


@pytest.mark.parametrize(
    "change, typed, message",
    [
        ({}, "NOPE", "We don't recognise that code"),
        ({}, "", "We don't recognise that code"),
        ({}, "SPR\x00ING", "We don't recognise that code"),
        ({}, "S" * 500, "We don't recognise that code"),
        ({"active": False}, "SPRING", "We don't recognise that code"),
        ({"ends_at": timezone.now() - timedelta(minutes=1)}, "SPRING", "This code has expired"),
        ({"starts_at": timezone.now() + timedelta(days=1)}, "SPRING", "This code is not valid yet"),
        ({"minimum_subtotal_cents": 10000}, "SPRING", "This code needs a subtotal of $100.00"),
    ],
)
def test_each_refusal_has_its_sentence(code, change, typed, message):
    DiscountCode.objects.filter(pk=code.pk).update(**change)
    result = discounts.check(typed, GLASSES, "shopper@example.com", timezone.now())
    assert not result.ok and result.message == message and result.amount == 0


def test_the_minimum_is_met_by_the_subtotal_before_the_discount(code):
    DiscountCode.objects.filter(pk=code.pk).update(minimum_subtotal_cents=GLASSES)
    assert discounts.check("SPRING", GLASSES, "", timezone.now()).ok
    assert discounts.check("SPRING", GLASSES - 1, "", timezone.now()).message == "This code needs a subtotal of $40.00"


def test_usage_counts_paid_and_held_orders_but_not_expired_or_cancelled_ones(code):
    DiscountCode.objects.filter(pk=code.pk).update(usage_limit=2)
    now = timezone.now()
    held = place_order(items=_glasses(), customer=CUSTOMER, shipping_method_id=_standard(), checkout_key="held", discount_code="spring")
    assert held.discount_code == "SPRING" and held.discount_cents == 1500 and held.total_cents == GLASSES - 1500 + 795
    paid = place_order(items=_glasses(), customer=CUSTOMER, shipping_method_id=_standard(), checkout_key="paid", discount_code="SPRING")
    mark_paid(order_id=paid.pk, payment_intent_id="pi_paid", amount=paid.total_cents, currency="usd")
    assert discounts.uses(code, now=now) == 2
    assert discounts.check("SPRING", GLASSES, "", now).message == "This code has already been used"
    with pytest.raises(DiscountRefused, match="This code has already been used"):
        place_order(items=_glasses(), customer=CUSTOMER, shipping_method_id=_standard(), checkout_key="third", discount_code="SPRING")
    # The unpaid order is cancelled: its use comes back. An expired hold counts no more either.
    cancel_unpaid(held.pk)
    assert discounts.uses(code, now=now) == 1 and discounts.check("SPRING", GLASSES, "", now).ok
    later = place_order(items=_glasses(), customer=CUSTOMER, shipping_method_id=_standard(), checkout_key="later", discount_code="SPRING")
    assert discounts.uses(code, now=later.expires_at + timedelta(seconds=1)) == 1


def test_the_limit_per_e_mail_counts_that_address_only(code):
    DiscountCode.objects.filter(pk=code.pk).update(usage_limit_per_email=1)
    place_order(items=_glasses(), customer=CUSTOMER, shipping_method_id=_standard(), checkout_key="first", discount_code="SPRING")
    now = timezone.now()
    assert discounts.check("SPRING", GLASSES, "SHOPPER@example.com", now).message == "This code has already been used"
    assert discounts.check("SPRING", GLASSES, "other.shopper@example.com", now).ok
    assert discounts.check("SPRING", GLASSES, "", now).ok  # at Apply the e-mail may not be known yet: checked when paying


def test_a_code_that_leaves_less_than_a_card_payment_is_refused_and_places_nothing(demo):
    """Stripe takes no card payment under $0.50: a 100% code with free shipping would make an order
    nobody could pay (and a PaymentIntent Stripe refuses). It is refused with the reason."""
    DiscountCode.objects.create(code="FREEBIE", kind=DiscountCode.Kind.PERCENT, value=100)
    pickup = ShippingMethod.objects.create(name="Collect from the workshop", price_cents=0, active=True)
    with pytest.raises(DiscountRefused, match=r"comes to \$0\.00, and a card payment must be at least \$0\.50"):
        place_order(items=_glasses(), customer=CUSTOMER, shipping_method_id=pickup.pk, checkout_key="free", discount_code="FREEBIE")
    assert not Order.objects.exists()
    order = place_order(items=_glasses(), customer=CUSTOMER, shipping_method_id=_standard(), checkout_key="paid-shipping", discount_code="FREEBIE")
    assert (order.discount_cents, order.total_cents) == (GLASSES, order.shipping_cents) and order.total_cents >= 50


def _glasses():
    return {str(Product.objects.get(slug="protective-glasses").pk): 1}


def _standard():
    return ShippingMethod.objects.get(name="Standard").pk


# The checkout page.


@pytest.fixture
def cart(client, demo, stripe_offline):
    product = Product.objects.get(slug="clinicred")
    client.post("/cart/add/", {"product": product.pk, "quantity": "1"})
    return product


def apply(client, code, **extra):
    return client.post("/checkout/", {"discount_code": code, "discount_action": "apply", **extra})


def test_the_demo_has_welcome10(demo):
    welcome = DiscountCode.objects.get(code="WELCOME10")
    assert (welcome.kind, welcome.value, welcome.minimum_subtotal_cents, welcome.active) == ("percent", 10, None, True)


def test_applying_a_code_shows_it_in_the_summary_and_the_payment_is_for_the_discounted_total(client, cart):
    page = apply(client, "welcome10", email="shopper@example.com", city="Springfield")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Code WELCOME10 applied" in html and "\u2212$19.60" in html
    assert 'value="shopper@example.com"' in html and 'value="Springfield"' in html  # the details typed so far stay
    express = ShippingMethod.objects.get(name="Express")
    methods = dict((m.pk, quote) for m, quote in page.context["methods"])
    assert methods[express.pk].total == CLINICRED - 1960 + 2495
    answer = place(client, checkout_form(client)).json()
    order = Order.objects.get(number=answer["order"])
    assert (order.discount_code, order.discount_cents, order.total_cents) == ("WELCOME10", 1960, CLINICRED - 1960 + 2495)
    assert answer["total"] == order.total_cents
    assert stripe_api.retrieve_payment_intent(order.payment_intent_id).amount == CLINICRED - 1960 + 2495


def test_a_bad_code_says_why_under_the_field_and_changes_nothing(client, cart):
    page = apply(client, "NOT-A-CODE")
    html = page.content.decode()
    assert page.status_code == 400
    assert '<p class="field-error" id="id_discount_code_errors">We don&#x27;t recognise that code</p>' in html
    assert 'aria-describedby="id_discount_code_errors"' in html and 'value="NOT-A-CODE"' in html
    answer = place(client, checkout_form(client)).json()
    order = Order.objects.get(number=answer["order"])
    assert order.discount_cents == 0 and stripe_api.retrieve_payment_intent(order.payment_intent_id).amount == CLINICRED + 2495


@pytest.mark.parametrize(
    "junk, status, text",
    [
        ("WELCOME10\x00", 200, "Code WELCOME10 applied"),  # control characters are dropped from what was typed
        ("\x00", 400, "Enter a discount code."),
        ("' OR 1=1 --", 400, "We don&#x27;t recognise that code"),
        ("\U0001f642" * 60, 400, "We don&#x27;t recognise that code"),
        ("<script>", 400, "We don&#x27;t recognise that code"),
    ],
)
def test_junk_in_the_code_field_is_answered_never_a_500(client, cart, junk, status, text):
    page = apply(client, junk)
    html = page.content.decode()
    assert page.status_code == status and text in html
    assert "\x00" not in html and "<script>" not in html.split('id="id_discount_code"')[-1][:300]


def test_a_minimum_is_named_in_dollars(client, cart):
    DiscountCode.objects.create(code="BIG", kind="amount", value=2000, minimum_subtotal_cents=50000)
    assert "This code needs a subtotal of $500.00" in apply(client, "big").content.decode()


def test_a_removed_code_no_longer_applies(client, cart):
    apply(client, "WELCOME10")
    page = client.post("/checkout/", {"discount_action": "remove"})
    assert page.status_code == 200 and "\u2212$" not in page.content.decode()
    answer = place(client, checkout_form(client)).json()
    assert Order.objects.get(number=answer["order"]).discount_cents == 0


def test_a_code_used_up_after_it_was_applied_is_refused_at_payment_and_taken_off(client, cart):
    apply(client, "WELCOME10")
    form = checkout_form(client)  # the page, with the code applied, open while the code ends
    DiscountCode.objects.filter(code="WELCOME10").update(ends_at=timezone.now() - timedelta(seconds=1))
    response = place(client, form)
    assert response.status_code == 409 and "This code has expired." in response.json()["errors"]["__all__"][0]
    assert not Order.objects.exists()
    answer = place(client, checkout_form(client)).json()  # the page again: the code is off, the full price
    assert Order.objects.get(number=answer["order"]).total_cents == CLINICRED + 2495


def test_the_checkout_page_says_when_the_applied_code_stopped_applying(client, cart):
    apply(client, "WELCOME10")
    DiscountCode.objects.filter(code="WELCOME10").update(minimum_subtotal_cents=50000)
    html = client.get("/checkout/").content.decode()
    assert 'id="id_discount_code_errors">This code needs a subtotal of $500.00</p>' in html and "\u2212$" not in html


def test_too_many_codes_tried_is_a_429(client, cart, settings):
    settings.SHOP_DISCOUNT_RATE_LIMIT = 2
    assert apply(client, "A").status_code == 400 and apply(client, "B").status_code == 400
    page = apply(client, "WELCOME10")
    assert page.status_code == 429 and "tried many discount codes" in page.content.decode()


def test_the_order_page_e_mail_receipt_and_export_show_the_discount(client, cart, django_capture_on_commit_callbacks, django_user_model):
    apply(client, "WELCOME10")
    order = Order.objects.get(number=place(client, checkout_form(client)).json()["order"])
    with django_capture_on_commit_callbacks(execute=True):
        mark_paid(order_id=order.pk, payment_intent_id=order.payment_intent_id, amount=order.total_cents, currency="usd")
    page = client.get(order.get_absolute_url()).content.decode()
    assert "Discount (WELCOME10)" in page and "\u2212$19.60" in page
    assert "checkout_discount" not in client.session  # paid: the next order starts without the code
    receipt = client.get(f"/orders/{order.token}/receipt/").content.decode()
    assert "Discount (WELCOME10)" in receipt and "\u2212$19.60" in receipt
    confirmation = [m for m in mail.outbox if order.number in m.subject][0]
    assert "Discount (WELCOME10): \u2212$19.60" in confirmation.body
    manager = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    manager.groups.add(Group.objects.get(name="Order managers"))
    with django_capture_on_commit_callbacks(execute=True):
        fulfil(order_id=order.pk, carrier="USPS", tracking_number="9400100000000000000000", user=manager)
    shipped = [m for m in mail.outbox if m.subject == f"Your ClinicRed order {order.number} has shipped"][0]
    assert "Discount (WELCOME10): \u2212$19.60" in shipped.body and "Total paid: $201.30" in shipped.body  # express shipping
    client.force_login(manager)
    inspect = client.get(reverse("wagtailsnippets_shop_order:inspect", args=(order.pk,))).content.decode()
    assert "WELCOME10: \u2212$19.60" in inspect
    columns = download_csv(client)[0]
    assert columns["Discount code"] == "WELCOME10" and columns["Order discount (cents)"] == "1960"
    assert columns["Order total (cents)"] == str(CLINICRED - 1960 + 2495)


def test_a_refund_of_a_discounted_line_gives_back_what_was_paid_for_it(demo, stripe_offline, django_user_model, django_capture_on_commit_callbacks):
    clinicred = Product.objects.get(slug="clinicred")
    order = place_order(
        items={str(clinicred.pk): 2}, customer=CUSTOMER, shipping_method_id=_standard(), checkout_key="refund-me", discount_code="WELCOME10"
    )
    assert (order.discount_cents, order.shipping_cents, order.total_cents) == (3919, 0, 2 * CLINICRED - 3919)
    intent = start_payment(order)
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    cards.confirm_payment_intent(intent.id, payment_method_id=method)
    mark_paid(order_id=order.pk, payment_intent_id=intent.id, amount=order.total_cents, currency="usd")
    manager = django_user_model.objects.create_user("order-manager", "om@example.com", "pw")
    line = order.lines.get()
    first = refund(order_id=order.pk, quantities={line.pk: 1}, restock=False, user=manager)
    assert first.amount_cents == 17635 and first.lines.get().amount_cents == 17635  # not $195.95
    second = refund(order_id=order.pk, quantities={line.pk: 1}, restock=False, user=manager)
    order.refresh_from_db()
    assert second.amount_cents == 17636 and order.amount_refunded_cents == order.amount_paid_cents == 2 * CLINICRED - 3919
    assert order.payment_status == Order.PaymentStatus.REFUNDED
    assert sum(r.amount for r in stripe_api.list_refunds(payment_intent_id=order.payment_intent_id)) == order.total_cents


# The admin.


@pytest.fixture
def staff(client, django_user_model, demo):
    def sign_in(group):
        user = django_user_model.objects.create_user(group.lower().replace(" ", "-"), f"{group[:3].lower()}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return sign_in


def test_order_managers_manage_discount_codes_in_the_admin(staff):
    manager = staff("Order managers")
    assert "Discount codes" in manager.get("/admin/").content.decode()
    assert "WELCOME10" in manager.get("/admin/snippets/shop/discountcode/").content.decode()
    response = manager.post(
        "/admin/snippets/shop/discountcode/add/",
        {"code": "summer20", "kind": "percent", "value": "20", "active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    created = DiscountCode.objects.get(code__iexact="summer20")
    assert created.code == "SUMMER20" and discounts.check("Summer20", CLINICRED, "", timezone.now()).amount == 3919
    duplicate = manager.post("/admin/snippets/shop/discountcode/add/", {"code": "Summer20", "kind": "amount", "value": "100"})
    assert duplicate.status_code == 200 and "Another discount code is spelled the same way." in duplicate.content.decode()
    too_much = manager.post("/admin/snippets/shop/discountcode/add/", {"code": "HALFPLUS", "kind": "percent", "value": "150"})
    assert too_much.status_code == 200 and "A percentage is from 1 to 100." in too_much.content.decode()
    delete = manager.post(f"/admin/snippets/shop/discountcode/delete/{created.pk}/")
    assert delete.status_code == 302 and not DiscountCode.objects.filter(pk=created.pk).exists()


def test_editors_do_not_see_discount_codes(staff):
    editor = staff("Editors")
    assert "Discount codes" not in editor.get("/admin/").content.decode()
    assert editor.get("/admin/snippets/shop/discountcode/").status_code in (302, 403)
    editor.post("/admin/snippets/shop/discountcode/add/", {"code": "FREE", "kind": "percent", "value": "100"})
    assert not DiscountCode.objects.filter(code="FREE").exists()


# Two orders race for a code's last use, on PostgreSQL with a connection each.


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_orders_cannot_use_a_code_beyond_its_limit(demo):
    """`demo` in a transactional test puts the demo's rows in, committed, for the shoppers' own connections."""
    assert connection.vendor == "postgresql", "run the suite on PostgreSQL (make test)"
    DiscountCode.objects.filter(code="WELCOME10").update(usage_limit=1)
    items, standard = _glasses(), _standard()
    results, barrier = [], threading.Barrier(6)

    def shopper(n):
        from django.db import connection as thread_connection

        barrier.wait()
        try:
            customer = CUSTOMER.__class__(**{**CUSTOMER.__dict__, "email": f"shopper{n}@example.com"})
            place_order(items=items, customer=customer, shipping_method_id=standard, checkout_key=f"race-{n}", discount_code="WELCOME10")
            results.append("ok")
        except DiscountRefused:
            results.append("refused")
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=shopper, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok"] + ["refused"] * 5
    assert Order.objects.filter(discount_code="WELCOME10").count() == 1
