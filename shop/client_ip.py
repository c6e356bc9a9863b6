"""The visitor's address, as the rate limits and the admin lockout see it.

Behind a TLS proxy every request comes from the proxy's address, so REMOTE_ADDR alone would put every
visitor in one bucket. Each proxy appends the address it received the request from to X-Forwarded-For;
anything to the left of what our own proxies wrote was sent by the client and can be forged. So the
chain (X-Forwarded-For, then REMOTE_ADDR) is read from the right, skipping only hops that are trusted
proxies: the first TRUSTED_PROXY_COUNT hops, and any hop inside TRUSTED_PROXIES. Without either
setting, X-Forwarded-For is ignored.

django-axes uses this function too (AXES_CLIENT_IP_CALLABLE).
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(ipaddress.ip_network(proxy, strict=False) for proxy in proxies)


def _address(hop: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    hop = hop.strip()
    if hop.startswith("["):  # "[2001:db8::1]:443"
        hop = hop[1:].partition("]")[0]
    elif hop.count(":") == 1:  # "203.0.113.7:51234"
        hop = hop.partition(":")[0]
    try:
        return ipaddress.ip_address(hop)
    except ValueError:
        return None


def client_ip(request) -> str | None:
    """The address of the client that reached our first trusted proxy (or us, without proxies).

    None when the request has no valid address (a request Django builds itself, as in force_login).
    """
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    if remote is None:
        return None
    count = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    networks = _networks(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if not count and not networks:
        return str(remote)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    chain = [hop for hop in forwarded.split(",") if hop.strip()]
    client = remote
    for position, hop in enumerate([str(remote), *reversed(chain)]):
        address = _address(hop)
        if address is None:
            break  # a hop no proxy of ours would write: trust nothing further left
        client = address
        if position >= count and not any(address in network for network in networks):
            break  # the first hop that is not one of our proxies: the client
    return str(client)
