"""The delivery estimate beside Add to cart (shop/delivery.py), at fixed moments: before and after the
2 pm ET cut-off, on a Friday afternoon, at the weekend, across a month and a year, in summer time."""

from __future__ import annotations

import datetime as dt

import pytest

from shop import delivery
from shop.models import ShippingMethod

UTC = dt.UTC
ET = dt.timezone(dt.timedelta(hours=-5))  # New York in December (EST)


def at(y, m, d, hour, minute=0, tz=ET):
    return dt.datetime(y, m, d, hour, minute, tzinfo=tz)


def standard(now):
    return delivery.estimate(now, min_days=3, max_days=5, method="Standard")


def test_a_weekday_morning_order_ships_today_and_arrives_in_three_to_five_working_days():
    estimate = standard(at(2026, 12, 1, 10))  # Tuesday
    assert estimate.ships == "Order by 2 pm ET and it ships today"
    assert estimate.dispatch == dt.date(2026, 12, 1)
    assert estimate.arrives == "Arrives Fri 4 – Tue 8 Dec"  # the weekend is not counted
    assert estimate.returns == "30-day returns"


def test_the_cutoff_is_two_pm_new_york_time_whatever_the_server_clock_says():
    assert standard(dt.datetime(2026, 12, 1, 18, 59, tzinfo=UTC)).ships_today  # 1:59 pm EST
    late = standard(dt.datetime(2026, 12, 1, 19, 0, tzinfo=UTC))  # 2:00 pm EST
    assert late.ships == "Order now and it ships tomorrow"
    assert late.arrives == "Arrives Mon 7 – Wed 9 Dec"
    # Summer time: 2 pm EDT is 18:00 UTC; still called ET.
    assert standard(dt.datetime(2026, 7, 1, 17, 59, tzinfo=UTC)).ships == "Order by 2 pm ET and it ships today"
    assert not standard(dt.datetime(2026, 7, 1, 18, 0, tzinfo=UTC)).ships_today


def test_friday_after_the_cutoff_ships_on_monday():
    estimate = standard(at(2026, 12, 4, 15, 30))  # Friday
    assert estimate.dispatch == dt.date(2026, 12, 7)
    assert estimate.ships == "Order now and it ships Monday"
    assert estimate.arrives == "Arrives Thu 10 – Mon 14 Dec"


@pytest.mark.parametrize("moment", [at(2026, 12, 5, 9), at(2026, 12, 5, 23, 59), at(2026, 12, 6, 10)])
def test_a_weekend_order_ships_on_monday(moment):
    estimate = standard(moment)
    assert estimate.dispatch == dt.date(2026, 12, 7) and not estimate.ships_today
    assert estimate.arrives == "Arrives Thu 10 – Mon 14 Dec"


def test_sunday_says_tomorrow_and_saturday_says_monday():
    assert standard(at(2026, 12, 6, 10)).ships == "Order now and it ships tomorrow"
    assert standard(at(2026, 12, 5, 10)).ships == "Order now and it ships Monday"


def test_dates_across_months_and_years_name_both_months():
    assert standard(at(2026, 11, 27, 9)).arrives == "Arrives Wed 2 – Fri 4 Dec"  # Friday 27 Nov ships that day
    assert standard(at(2026, 11, 25, 9)).arrives == "Arrives Mon 30 Nov – Wed 2 Dec"
    assert standard(at(2026, 12, 28, 9)).arrives == "Arrives Thu 31 Dec – Mon 4 Jan"
    assert standard(at(2026, 12, 29, 9)).arrives == "Arrives Fri 1 – Tue 5 Jan"


def test_one_day_delivery_names_one_day():
    assert delivery.estimate(at(2026, 12, 3, 9), min_days=1, max_days=1).arrives == "Arrives Fri 4 Dec"


def test_without_delivery_days_there_is_no_arrival_date():
    estimate = delivery.estimate(at(2026, 12, 1, 10))
    assert estimate.arrives == "" and estimate.ships == "Order by 2 pm ET and it ships today"


def test_settings_move_the_cutoff_the_time_zone_and_the_returns(settings):
    settings.SHOP_DISPATCH_CUTOFF_HOUR = 12
    settings.SHOP_DISPATCH_TIME_ZONE = "America/Los_Angeles"
    settings.SHOP_RETURN_DAYS = 60
    morning = standard(dt.datetime(2026, 12, 1, 19, 59, tzinfo=UTC))  # 11:59 am PST
    assert morning.ships == "Order by noon PT and it ships today"
    assert not standard(dt.datetime(2026, 12, 1, 20, 0, tzinfo=UTC)).ships_today
    assert morning.returns == "60-day returns"


def test_the_cache_token_changes_at_the_cutoff_and_at_midnight_only():
    tokens = [delivery.cache_token(at(2026, 12, 1, hour, minute)) for hour, minute in [(0, 0), (9, 0), (13, 59)]]
    assert len(set(tokens)) == 1
    after_cutoff = delivery.cache_token(at(2026, 12, 1, 14))
    assert after_cutoff != tokens[0] and after_cutoff == delivery.cache_token(at(2026, 12, 1, 23, 59))
    assert delivery.cache_token(at(2026, 12, 2, 0)) not in (tokens[0], after_cutoff)


@pytest.mark.django_db
def test_the_estimate_uses_the_cheapest_active_method_with_delivery_days():
    assert ShippingMethod.cheapest_with_days().name == "Standard"  # 3–5 working days (migration 0016)
    estimate = delivery.estimate_for_cheapest_method(at(2026, 12, 1, 10))
    assert estimate.arrives == "Arrives Fri 4 – Tue 8 Dec" and estimate.method == "Standard"
    # saved as the admin saves them: the method is kept in the shared cache until a save (shop/freshness.py)
    standard_method = ShippingMethod.objects.get(name="Standard")
    standard_method.active = False
    standard_method.save()
    assert delivery.estimate_for_cheapest_method(at(2026, 12, 1, 10)).arrives == "Arrives Wed 2 – Thu 3 Dec"  # Express, 1–2 days
    for method in ShippingMethod.objects.all():
        method.min_days = method.max_days = None
        method.save()
    assert delivery.estimate_for_cheapest_method(at(2026, 12, 1, 10)).arrives == ""
