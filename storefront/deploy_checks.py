"""What production needs before it may take an order, checked in one place.

`production_problems(values)` lists every missing or unsafe piece, each with what to set. The production
settings raise ImproperlyConfigured with the whole list (so one deploy attempt shows everything to fix),
and `manage.py check --deploy` reports the same list under any settings module (storefront.E101...).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, NamedTuple
from urllib.parse import urlsplit

from django.core import checks

POSTGRES_ENGINES = {"django.db.backends.postgresql", "django.contrib.gis.db.backends.postgis"}
SHARED_CACHES = {"django.core.cache.backends.redis.RedisCache", "django_redis.cache.RedisCache"}
LOCAL_EMAIL = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}
OFFLINE_STRIPE = "offline_localstripe"  # the dev and test settings' stand-in keys end with it


class Problem(NamedTuple):
    id: str
    message: str  # starts with the setting to set
    hint: str


def _stripe_key(name: str, prefixes: tuple[str, ...], what: str) -> Callable[[Mapping[str, Any]], Problem | None]:
    def check(values):
        value = values.get(name) or ""
        if value.startswith(prefixes) and OFFLINE_STRIPE not in value:
            return None
        return Problem("", f"{name} must be set: {what}.", f"Set {name} to the key from the Stripe dashboard ({' or '.join(p + '...' for p in prefixes)}).")

    return check


def _secret_key(values):
    if values.get("SECRET_KEY"):
        return None
    return Problem("", "SECRET_KEY must be set: Django's secret key.", "Set SECRET_KEY to 50 or more random characters.")


def _allowed_hosts(values):
    if values.get("ALLOWED_HOSTS"):
        return None
    return Problem("", "ALLOWED_HOSTS must be set: the host names the shop answers to.", "Set ALLOWED_HOSTS=shop.example.com (comma-separated).")


def _database(values):
    engine = (values.get("DATABASES") or {}).get("default", {}).get("ENGINE", "")
    if engine in POSTGRES_ENGINES:
        return None
    return Problem(
        "", f"DATABASE_URL must be set to PostgreSQL (the database is {engine or 'not configured'}).",
        "Set DATABASE_URL=postgres://user:password@host:5432/store: orders and stock rely on its row locks.",
    )


def _cache(values):
    backend = (values.get("CACHES") or {}).get("default", {}).get("BACKEND", "")
    if backend in SHARED_CACHES:
        return None
    return Problem(
        "", f"REDIS_URL must be set: a cache every app server shares (the cache is {backend or 'not configured'}).",
        "Set REDIS_URL=redis://host:6379/0: the page cache, its freshness counter and the rate limits live in it.",
    )


def _email(values):
    backend = values.get("EMAIL_BACKEND") or ""
    if backend and backend not in LOCAL_EMAIL:
        return None
    return Problem(
        "", f"EMAIL_URL must be set to an SMTP server or an e-mail API backend (e-mail goes to {backend.rsplit('.', 2)[-2] if backend else 'nowhere'}).",
        "Set EMAIL_URL=smtp+tls://user:password@smtp.example.com:587 (or EMAIL_BACKEND to an API backend).",
    )


def _stripe_client(values):
    client = values.get("STRIPE_HTTP_CLIENT") or ""
    if not client and "devstripe" not in (values.get("INSTALLED_APPS") or ()):
        return None
    return Problem(
        "", f"STRIPE_HTTP_CLIENT must be unset (it is {client!r}): the offline Stripe (devstripe) is for development and tests only.",
        "Unset STRIPE_HTTP_CLIENT and use the production settings: they talk to Stripe through the stripe library's own client.",
    )


def _base_url(values):
    url = values.get("WAGTAILADMIN_BASE_URL") or ""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname and parts.hostname not in LOCAL_HOSTS:
        return None
    return Problem(
        "", f"WAGTAILADMIN_BASE_URL must be set: the shop's public https address, used in the links of e-mails (it is {url!r}).",
        "Set WAGTAILADMIN_BASE_URL=https://shop.example.com",
    )


CHECKS = [
    _secret_key, _allowed_hosts, _database, _cache, _email,
    _stripe_key("STRIPE_SECRET_KEY", ("sk_live_", "sk_test_"), "the Stripe secret key"),
    _stripe_key("STRIPE_PUBLISHABLE_KEY", ("pk_live_", "pk_test_"), "the Stripe publishable key"),
    _stripe_key("STRIPE_WEBHOOK_SECRET", ("whsec_",), "the signing secret of the Stripe webhook endpoint"),
    _stripe_client, _base_url,
]


def production_problems(values: Mapping[str, Any]) -> list[Problem]:
    """Every piece production lacks, in a fixed order, each with a stable check id."""
    problems = []
    for number, check in enumerate(CHECKS, start=101):
        problem = check(values)
        if problem:
            problems.append(problem._replace(id=f"storefront.E{number}"))
    return problems


def refuse_unsafe(values: Mapping[str, Any]) -> None:
    """Raise ImproperlyConfigured listing every problem at once (called by the production settings)."""
    from django.core.exceptions import ImproperlyConfigured

    problems = production_problems(values)
    if problems:
        lines = "\n".join(f"- {p.message} {p.hint}" for p in problems)
        raise ImproperlyConfigured(f"Production refuses to start, {len(problems)} setting(s) to fix:\n{lines}")


@checks.register(checks.Tags.security, deploy=True)
def check_production_pieces(app_configs=None, **kwargs):
    from django.conf import settings

    names = {"SECRET_KEY", "ALLOWED_HOSTS", "DATABASES", "CACHES", "EMAIL_BACKEND", "STRIPE_SECRET_KEY",
             "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "STRIPE_HTTP_CLIENT", "INSTALLED_APPS",
             "WAGTAILADMIN_BASE_URL"}
    values = {name: getattr(settings, name, None) for name in names}
    return [checks.Error(p.message, hint=p.hint, id=p.id) for p in production_problems(values)]
