"""Production refuses unsafe defaults: with only SECRET_KEY and ALLOWED_HOSTS it names every missing
piece at once, and `check --deploy` reports the same pieces under any settings (storefront/deploy_checks.py)."""

import os
import subprocess
import sys

import pytest

from tests.security.test_headers import production_env

PIECES = ["DATABASE_URL", "REDIS_URL", "EMAIL_URL", "STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY", "STRIPE_WEBHOOK_SECRET", "WAGTAILADMIN_BASE_URL"]


def bare_env(**extra):
    """Only what the attack report started production with."""
    env = {k: v for k, v in os.environ.items() if k not in PIECES and not k.startswith(("STRIPE_", "DJANGO_"))}
    env.update(SECRET_KEY="k" * 10 + "-production-test-key-with-enough-entropy-0123456789", ALLOWED_HOSTS="shop.example", **extra)
    return env


def start(env):
    return subprocess.run([sys.executable, "-c", "import storefront.settings.production"], capture_output=True, text=True, env=env)


def test_production_with_only_a_key_and_hosts_names_every_missing_piece():
    out = start(bare_env())
    assert out.returncode != 0 and "ImproperlyConfigured" in out.stderr
    for piece in PIECES:
        assert f"{piece} must be set" in out.stderr, piece
    assert "7 setting(s) to fix" in out.stderr


@pytest.mark.parametrize("unsafe, named", [
    ({"DATABASE_URL": "sqlite:////tmp/shop.sqlite3"}, "DATABASE_URL must be set to PostgreSQL"),
    ({"EMAIL_URL": "consolemail://"}, "EMAIL_URL must be set"),
    ({"STRIPE_SECRET_KEY": "sk_test_offline_localstripe"}, "STRIPE_SECRET_KEY must be set"),
    ({"STRIPE_HTTP_CLIENT": "devstripe.client.LocalStripeHTTPClient"}, "STRIPE_HTTP_CLIENT must be unset"),
    ({"WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"}, "WAGTAILADMIN_BASE_URL must be set"),
])
def test_production_refuses_each_unsafe_piece(unsafe, named):
    out = start(production_env(**unsafe))
    assert out.returncode != 0 and named in out.stderr and "1 setting(s) to fix" in out.stderr


def test_production_with_every_piece_starts():
    out = start(production_env())
    assert out.returncode == 0, out.stderr


def test_check_deploy_reports_the_missing_pieces_under_other_settings():
    env = bare_env(DJANGO_SETTINGS_MODULE="storefront.settings.base")
    deploy = subprocess.run([sys.executable, "manage.py", "check", "--deploy"], capture_output=True, text=True, env=env)
    assert deploy.returncode != 0
    for piece in PIECES:
        assert f"{piece} must be set" in deploy.stderr, piece
    plain = subprocess.run([sys.executable, "manage.py", "check"], capture_output=True, text=True, env=env)
    assert plain.returncode == 0 and "storefront.E1" not in plain.stdout + plain.stderr
