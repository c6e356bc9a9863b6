"""Tests: fast hasher, locmem cache, immediate tasks, plain static storage, offline Stripe."""

from .base import *  # noqa: F403
from .base import env

SECRET_KEY = "test-only-key"
DEBUG = False
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = env("TEST_EMAIL_BACKEND", default="django.core.mail.backends.locmem.EmailBackend")
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", default=str(BASE_DIR / "var" / "test-mail"))  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env.bool("TEST_SHARED_CACHE", default=False):
    # App servers started by a test (tests/scaling) share the database cache table, as `make run` does.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": CACHE_TABLE}}  # noqa: F405
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
MEDIA_ROOT = env.path("MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))  # noqa: F405
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Offline Stripe through devstripe; tests/stripe_server.py points STRIPE_API_BASE at its localstripe.
INSTALLED_APPS = [*INSTALLED_APPS, "devstripe"]  # noqa: F405
STRIPE_HTTP_CLIENT = "devstripe.client.LocalStripeHTTPClient"
STRIPE_SECRET_KEY = "sk_test_offline_localstripe"
STRIPE_PUBLISHABLE_KEY = "pk_test_offline_localstripe"
STRIPE_WEBHOOK_SECRET = "whsec_test_offline_localstripe"
STRIPE_API_BASE = env("STRIPE_API_BASE", default="http://127.0.0.1:8420")
STRIPE_JS_URL = STATIC_URL + "devstripe/stripe-offline.js"  # noqa: F405

if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # The same PostgreSQL, emptied by DELETE rather than TRUNCATE after each transactional test (see
    # tests/postgres_backend); commits do not wait for the disk: a test database need not survive a crash.
    DATABASES["default"]["ENGINE"] = "tests.postgres_backend"  # noqa: F405
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"  # noqa: F405

# Each test reads the rules version afresh (a test that changes rules sees the change at once);
# tests/claims/test_rules_version_memo.py checks the production memo with the setting raised.
CLAIMS_VERSION_LOCAL_SECONDS = 0
