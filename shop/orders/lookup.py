"""Find my order: a shopper who lost the order link types the e-mail address and the order number, and
the order's link is e-mailed to the address the order was placed with.

Nothing here tells the asker whether an order matched: the request is counted and the e-mail task is
enqueued with what was typed, whatever it is; the task looks the order up and sends only on a match.
So the answer, its status and the work done while answering are the same for a right and a wrong
guess. Asking is rate limited per client address and per e-mail address (through checkout's counter),
and the limits count every request, matched or not, so a refusal says nothing about any order either.
"""

from __future__ import annotations

import hashlib
import re

from .checkout import NUMBER_ALPHABET, client_address, count_in_window
from .emails import send_order_link
from .models import Order

IP_LIMIT, IP_WINDOW_SECONDS = 5, 10 * 60
EMAIL_LIMIT, EMAIL_WINDOW_SECONDS = 3, 60 * 60
NUMBER_PREFIX = "CR-"
NUMBER_RE = re.compile(f"CR-[{NUMBER_ALPHABET}]{{8}}")  # as checkout.new_order_number makes them


class LookupRateLimited(Exception):
    """Asked too often from one address, or for one e-mail address; nothing is looked up or sent."""


def normalise_email(email: str) -> str:
    return email.strip().lower()


def normalise_number(number: str) -> str:
    """The order number as stored ("CR-7K2M9QXP"), from what a shopper may type: any case, spaces or
    dashes where they like, with or without the "CR-" in front."""
    compact = re.sub(r"[\s\-–—]", "", number).upper()
    if compact.startswith("CR"):
        compact = compact[2:]
    return NUMBER_PREFIX + compact


def matching_order(*, email: str, number: str) -> Order | None:
    """The order with this number placed with this e-mail address (case-insensitive), or None."""
    number = normalise_number(number)
    if not NUMBER_RE.fullmatch(number):
        return None
    return Order.objects.filter(number=number, email__iexact=normalise_email(email)).first()


def count_lookup(*, ip: str | None, email: str) -> None:
    """Count one request from `ip` for `email`; refuse past either limit (nothing else is counted then)."""
    if count_in_window(f"find-order:ip:{client_address(ip) or 'unknown'}", window_seconds=IP_WINDOW_SECONDS) > IP_LIMIT:
        raise LookupRateLimited(
            f"You have asked for order links many times in a short while. Please wait {IP_WINDOW_SECONDS // 60} minutes and try again."
        )
    digest = hashlib.sha256(normalise_email(email).encode()).hexdigest()
    if count_in_window(f"find-order:email:{digest}", window_seconds=EMAIL_WINDOW_SECONDS) > EMAIL_LIMIT:
        raise LookupRateLimited(
            "Order links for this e-mail address have been asked for several times in the last hour. "
            "Please check that inbox (and its spam folder), or try again in an hour."
        )


def request_order_link(*, email: str, number: str, ip: str | None) -> None:
    """Count the request and enqueue the e-mail task with what was typed; raises LookupRateLimited."""
    count_lookup(ip=ip, email=email)
    send_order_link.enqueue(normalise_email(email), number.strip()[:40])
