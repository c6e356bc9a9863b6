"""`make run`: DEBUG on, console e-mail, offline Stripe (localstripe) unless real keys are set."""

import os
import secrets
from pathlib import Path

from .base import *  # noqa: F403
from .base import BASE_DIR, env

# This copy's own files: localstripe's saved state and the webhook secret (never committed: /var/ is ignored).
VAR_DIR = env.path("VAR_DIR", default=str(BASE_DIR / "var"))


def install_secret(path: Path, prefix: str) -> str:
    """A random secret made on this copy's first start and kept in var/, readable by its owner only.

    Written to a temporary file and linked into place, so processes starting together read one secret.
    """
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        draft = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as file:
            file.write(prefix + secrets.token_urlsafe(32) + "\n")
        try:
            os.link(draft, path)
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


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
    # Random per copy, so no one else on the network can sign a "paid" event for this store; devserver.py
    # registers the webhook with localstripe under the same secret.
    STRIPE_WEBHOOK_SECRET = env("STRIPE_WEBHOOK_SECRET", default="") or install_secret(
        Path(VAR_DIR) / "stripe-webhook-secret", prefix="whsec_"
    )
    LOCALSTRIPE_STATE = Path(VAR_DIR) / "localstripe.pickle"
