"""Production: refuses to start unsafe instead of inventing a key or a host.

It will not start without PostgreSQL, Redis, a real e-mail backend, Stripe's keys and the public address;
storefront/deploy_checks.py lists every missing piece at once (and `check --deploy` reports them).
"""

from .base import *  # noqa: F403
from storefront.deploy_checks import refuse_unsafe

from .base import env

DEBUG = False
SECRET_KEY = env("SECRET_KEY", default="")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=[])
# Headers every environment sends (X-Frame-Options, nosniff, referrer and opener policies) are in base.py.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=63072000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

refuse_unsafe(globals())
