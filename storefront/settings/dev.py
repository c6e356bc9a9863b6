"""`make run`: DEBUG on, console e-mail, offline Stripe (localstripe) unless real keys are set."""

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}

if not STRIPE_SECRET_KEY:  # noqa: F405
    # Offline Stripe: devstripe sends the shop's Stripe requests to localstripe (started by `make run`)
    # and serves the Stripe.js stand-in and its endpoints.
    INSTALLED_APPS = [*INSTALLED_APPS, "devstripe"]  # noqa: F405
    STRIPE_HTTP_CLIENT = "devstripe.client.LocalStripeHTTPClient"
    STRIPE_API_BASE = env(
        "STRIPE_API_BASE", default=f"http://127.0.0.1:{env('LOCALSTRIPE_PORT', default='8420')}"
    )
    STRIPE_JS_URL = STATIC_URL + "devstripe/stripe-offline.js"  # noqa: F405
    STRIPE_SECRET_KEY = "sk_test_offline_localstripe"
    STRIPE_PUBLISHABLE_KEY = "pk_test_offline_localstripe"
    STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="whsec_offline_localstripe")
