"""The money arithmetic on its own (shop/pricing.py): pure functions on integer cents, no database."""

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from shop import pricing
from shop.pricing import Line

CLINICRED, MOBILE, GLASSES = 19595, 34900, 4000
STANDARD = {"shipping_price": 795, "free_over": 15000}
EXPRESS = {"shipping_price": 2495, "free_over": None}


def test_line_total_and_subtotal_are_exact_cents():
    assert pricing.line_total(CLINICRED, 3) == 58785
    assert Line(CLINICRED, 2).total == 39190
    assert pricing.subtotal([Line(CLINICRED, 1), Line(GLASSES, 2)]) == 27595
    assert pricing.subtotal([]) == 0


@pytest.mark.parametrize(
    "subtotal, expected",
    [(0, 795), (14999, 795), (15000, 0), (15001, 0)],
)
def test_standard_shipping_is_free_from_its_threshold(subtotal, expected):
    assert pricing.shipping_cost(price=795, free_over=15000, subtotal=subtotal) == expected


def test_a_method_without_threshold_always_costs_its_price():
    assert pricing.shipping_cost(price=2495, free_over=None, subtotal=10**9) == 2495


def test_totals_with_and_without_a_shipping_method():
    glasses = [Line(GLASSES, 1)]
    assert pricing.totals(glasses) == pricing.Totals(subtotal=4000, shipping=0, total=4000)
    assert pricing.totals(glasses, **STANDARD) == pricing.Totals(subtotal=4000, shipping=795, total=4795)
    assert pricing.totals(glasses, **EXPRESS) == pricing.Totals(subtotal=4000, shipping=2495, total=6495)
    panel = [Line(CLINICRED, 1)]
    assert pricing.totals(panel, **STANDARD).total == CLINICRED  # free over $150
    assert pricing.totals(panel, **EXPRESS).total == CLINICRED + 2495


def test_totals_take_anything_with_a_unit_price_and_a_quantity():
    class CartLine:
        unit_price, quantity = MOBILE, 2

    assert pricing.totals([CartLine()], **STANDARD) == pricing.Totals(subtotal=69800, shipping=0, total=69800)


@given(
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 99)), max_size=5),
    st.integers(0, 10**5),
    st.none() | st.integers(0, 10**6),
)
def test_the_total_is_always_subtotal_plus_shipping(lines, price, free_over):
    totals = pricing.totals([Line(*line) for line in lines], shipping_price=price, free_over=free_over)
    assert totals.subtotal == sum(unit * quantity for unit, quantity in lines)
    assert totals.shipping in (0, price)
    assert totals.total == totals.subtotal + totals.shipping


def test_refund_caps():
    assert pricing.refundable(paid=39190, refunded=0) == 39190
    assert pricing.refundable(paid=39190, refunded=10000) == 29190
    assert pricing.refundable(paid=39190, refunded=39190) == 0
    assert pricing.refundable(paid=0, refunded=0) == 0
    assert not pricing.is_fully_refunded(paid=39190, refunded=39189)
    assert pricing.is_fully_refunded(paid=39190, refunded=39190)


def test_a_refund_adds_to_the_refunded_total_within_what_is_left():
    assert pricing.after_refund(10000, paid=39190, refunded=0) == 10000
    assert pricing.after_refund(29190, paid=39190, refunded=10000) == 39190
    for amount in (0, -1, 29191):
        with pytest.raises(ValueError, match="left to refund"):
            pricing.after_refund(amount, paid=39190, refunded=10000)


@pytest.mark.parametrize(
    "stripe_total, refunded, expected",
    [
        (5000, 0, 5000),  # first refund
        (7000, 5000, 2000),  # Stripe's running total grew by 2000
        (5000, 5000, 0),  # the same figure again
        (2000, 5000, 0),  # an older, smaller figure arriving late
        (50000, 5000, 34190),  # more than was paid: capped at what is left
        (50000, 39190, 0),
    ],
)
def test_newly_refunded_counts_only_new_money_and_never_more_than_paid(stripe_total, refunded, expected):
    assert pricing.newly_refunded(stripe_total, paid=39190, refunded=refunded) == expected


@given(st.integers(0, 10**6), st.integers(0, 10**6), st.integers(0, 10**6))
def test_refunds_recorded_from_stripe_never_exceed_what_was_paid(paid, refunded, stripe_total):
    refunded = min(refunded, paid)
    new = pricing.newly_refunded(stripe_total, paid=paid, refunded=refunded)
    assert new >= 0 and refunded + new <= paid


@pytest.mark.parametrize(
    "cents, shown",
    [(19595, "$195.95"), (0, "$0.00"), (5, "$0.05"), (123456789, "$1,234,567.89"), (-795, "-$7.95")],
)
def test_format_money(cents, shown):
    assert pricing.format_money(cents) == shown


def test_format_money_refuses_another_currency():
    with pytest.raises(ValueError, match="Unsupported currency"):
        pricing.format_money(100, "eur")


@pytest.mark.parametrize("cents, text", [(19595, "195.95"), (5, "0.05"), (0, "0.00"), (-5, "-0.05")])
def test_cents_to_decimal_string(cents, text):
    assert pricing.cents_to_decimal_string(cents) == text


@pytest.mark.parametrize(
    "amount, cents",
    [("291.90", 29190), ("0.01", 1), ("100", 10000), ("12.345", 1235), ("12.344", 1234), ("0.005", 1)],
)
def test_cents_from_decimal_rounds_half_a_cent_up(amount, cents):
    assert pricing.cents_from_decimal(Decimal(amount)) == cents


@given(st.integers(0, 10**9))
def test_decimal_string_and_cents_round_trip(cents):
    assert pricing.cents_from_decimal(Decimal(pricing.cents_to_decimal_string(cents))) == cents


def test_pricing_imports_no_django():
    code = "import sys, shop.pricing; print(sorted(m for m in sys.modules if m == 'django' or m.startswith('django.')))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_a_refund_is_worked_out_from_lines_shipping_and_extra_and_capped_at_what_is_left():
    from shop.pricing import Line, quote_refund

    quote = quote_refund(lines=[Line(19595, 1), Line(4000, 2)], shipping=795, extra=100, paid=50000, refunded=0)
    assert (quote.lines, quote.shipping, quote.extra, quote.amount, quote.capped) == (27595, 795, 100, 28490, False)
    capped = quote_refund(lines=[Line(19595, 2)], shipping=0, extra=0, paid=39190, refunded=19595)
    assert (capped.amount, capped.capped) == (19595, True)
    assert quote_refund(lines=[], shipping=0, extra=0, paid=100, refunded=100).amount == 0
    with pytest.raises(ValueError):
        quote_refund(lines=[], shipping=0, extra=-1, paid=100, refunded=0)


def test_shipping_can_be_refunded_once():
    from shop.pricing import shipping_refundable

    assert shipping_refundable(shipping=795, refunded=0) == 795
    assert shipping_refundable(shipping=795, refunded=795) == 0


@pytest.mark.parametrize(
    "subtotal, remaining, percent",
    [(0, 15000, 0), (4000, 11000, 26), (14999, 1, 99), (15000, 0, 100), (39190, 0, 100)],
)
def test_free_shipping_progress_says_what_is_left_to_spend(subtotal, remaining, percent):
    progress = pricing.free_shipping_progress(subtotal=subtotal, free_over=15000)
    assert (progress.remaining, progress.percent, progress.reached) == (remaining, percent, remaining == 0)


def test_no_threshold_means_no_free_shipping_progress():
    assert pricing.free_shipping_progress(subtotal=4000, free_over=None) is None


@given(st.integers(0, 10**7), st.integers(0, 10**7))
def test_free_shipping_is_reached_exactly_when_shipping_costs_nothing(subtotal, free_over):
    progress = pricing.free_shipping_progress(subtotal=subtotal, free_over=free_over)
    assert progress.reached == (pricing.shipping_cost(price=795, free_over=free_over, subtotal=subtotal) == 0)
    assert 0 <= progress.percent <= 100
