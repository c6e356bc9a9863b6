"""When an order placed now ships and arrives, and the returns window: the words beside Add to cart.

Plain functions of a moment (`now`, an aware datetime) and the cheapest shipping method's working days,
so tests pass fixed datetimes. Orders ship on working days (Monday to Friday) only; an order placed on a
working day before `SHOP_DISPATCH_CUTOFF_HOUR` (14) in `SHOP_DISPATCH_TIME_ZONE` (America/New_York) ships
that day, any later one on the next working day. Delivery takes the method's `min_days` to `max_days`
working days after dispatch. Public holidays are not known here.

The product page is served from the anonymous page cache, so its key holds `cache_token(now)`: the
dispatch day and today's date. The estimate's words change only when one of them does (at the cut-off and
at midnight), so a cached page is never stale.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone

WORKING_DAYS = range(0, 5)  # Monday .. Friday


def dispatch_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(getattr(settings, "SHOP_DISPATCH_TIME_ZONE", "America/New_York"))


def cutoff_hour() -> int:
    return int(getattr(settings, "SHOP_DISPATCH_CUTOFF_HOUR", 14))


def return_days() -> int:
    return int(getattr(settings, "SHOP_RETURN_DAYS", 30))


def is_working_day(day: dt.date) -> bool:
    return day.weekday() in WORKING_DAYS


def add_working_days(day: dt.date, count: int) -> dt.date:
    """The working day `count` working days after `day` (count 0: `day` itself, if it is a working day,
    else the next one)."""
    while not is_working_day(day):
        day += dt.timedelta(days=1)
    for _ in range(count):
        day += dt.timedelta(days=1)
        while not is_working_day(day):
            day += dt.timedelta(days=1)
    return day


def local_now(now: dt.datetime | None = None) -> dt.datetime:
    return (now or timezone.now()).astimezone(dispatch_zone())


def dispatch_date(now: dt.datetime | None = None) -> dt.date:
    """The day an order placed at `now` leaves the warehouse."""
    local = local_now(now)
    today = local.date()
    if is_working_day(today) and local.hour < cutoff_hour():
        return today
    return add_working_days(today + dt.timedelta(days=1), 0)


def cache_token(now: dt.datetime | None = None) -> str:
    """What the estimate's words depend on besides the shipping method: today's date and the dispatch
    day, both in the warehouse's time zone (the page cache's key holds it)."""
    return f"{local_now(now).date().isoformat()}>{dispatch_date(now).isoformat()}"


def hour_label(hour: int) -> str:
    """14 → "2 pm", 12 → "noon", 0 → "midnight", 9 → "9 am"."""
    if hour == 0:
        return "midnight"
    if hour == 12:
        return "noon"
    return f"{hour % 12} {'am' if hour < 12 else 'pm'}"


def zone_label(when: dt.datetime) -> str:
    """"ET" for the US Eastern zone (EST and EDT alike), else the zone's abbreviation at that moment."""
    name = when.tzname() or ""
    for abbreviations, label in ((("EST", "EDT"), "ET"), (("CST", "CDT"), "CT"), (("MST", "MDT"), "MT"), (("PST", "PDT"), "PT")):
        if name in abbreviations:
            return label
    return name


def day_label(day: dt.date) -> str:
    """"Thu 3 Dec"."""
    return f"{day:%a} {day.day} {day:%b}"


def range_label(first: dt.date, last: dt.date) -> str:
    """"Thu 3 – Mon 7 Dec", "Mon 30 Nov – Fri 4 Dec", "Thu 3 Dec" (one day), years apart: "Thu 31 Dec – Mon 4 Jan"."""
    if first == last:
        return day_label(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%a} {first.day} – {day_label(last)}"
    return f"{day_label(first)} – {day_label(last)}"


@dataclass(frozen=True)
class Estimate:
    dispatch: dt.date
    ships_today: bool
    ships_tomorrow: bool
    arrives_from: dt.date | None
    arrives_by: dt.date | None
    cutoff: str  # "2 pm ET"
    method: str  # the shipping method's name, "" when no method has its days set
    return_days: int

    @property
    def ships(self) -> str:
        """"Order by 2 pm ET and it ships today" / "Order now and it ships tomorrow" / "... ships Monday"."""
        if self.ships_today:
            return f"Order by {self.cutoff} and it ships today"
        if self.ships_tomorrow:
            return "Order now and it ships tomorrow"
        return f"Order now and it ships {self.dispatch:%A}"

    @property
    def arrives(self) -> str:
        """"Arrives Thu 3 – Mon 7 Dec", or "" when no shipping method says how long it takes."""
        if self.arrives_from is None:
            return ""
        return f"Arrives {range_label(self.arrives_from, self.arrives_by)}"

    @property
    def arrives_lower(self) -> str:
        """The arrival dates inside a sentence: "arrives Thu 3 – Mon 7 Dec"."""
        return self.arrives[:1].lower() + self.arrives[1:]

    @property
    def returns(self) -> str:
        return f"{self.return_days}-day returns" if self.return_days else ""


def estimate(now: dt.datetime | None = None, *, min_days: int | None = None, max_days: int | None = None, method: str = "") -> Estimate:
    """The estimate for an order placed at `now`, delivered in `min_days`..`max_days` working days after
    dispatch (both None: no arrival dates)."""
    local = local_now(now)
    dispatch = dispatch_date(now)
    today = local.date()
    cutoff_at = local.replace(hour=cutoff_hour(), minute=0, second=0, microsecond=0)
    known = min_days is not None and max_days is not None
    return Estimate(
        dispatch=dispatch,
        ships_today=dispatch == today,
        ships_tomorrow=dispatch == today + dt.timedelta(days=1),
        arrives_from=add_working_days(dispatch, min_days) if known else None,
        arrives_by=add_working_days(dispatch, max(min_days, max_days)) if known else None,
        cutoff=f"{hour_label(cutoff_hour())} {zone_label(cutoff_at)}".strip(),
        method=method if known else "",
        return_days=return_days(),
    )


CHEAPEST_SHIPPING = "cheapest-shipping-method"  # its kept key (shop/freshness.py)


def estimate_for_cheapest_method(now: dt.datetime | None = None) -> Estimate:
    """The estimate with the cheapest active shipping method whose delivery days are set (the method is
    kept in the shared cache until the shop changes: shop/freshness.py)."""
    from . import freshness
    from .catalogue.models import ShippingMethod

    method = freshness.kept(CHEAPEST_SHIPPING, ShippingMethod.cheapest_with_days)
    if method is None:
        return estimate(now)
    return estimate(now, min_days=method.min_days, max_days=method.max_days, method=method.name)
