"""Links in e-mails go to the address the site is served on: `make run`'s port in development
(PORT=8123 make run -> http://127.0.0.1:8123/), SITE_URL in production, which refuses to start without
a valid one."""

import os
import subprocess
import sys

import pytest
from django.core import mail

from shop.models import Product, ShippingMethod
from shop.orders.checkout import Customer, place_order
from shop.orders.emails import send_order_confirmation

from .test_headers import production_env

PRINT_URLS = "from django.conf import settings; print(settings.SITE_URL, settings.WAGTAILADMIN_BASE_URL)"


def settings_of(env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {PRINT_URLS}"], capture_output=True, text=True, env=env
    )


def test_dev_settings_follow_the_port_make_run_serves_on():
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "STRIPE_SECRET_KEY")}
    out = settings_of({**env, "DJANGO_SETTINGS_MODULE": "storefront.settings.dev", "PORT": "8123"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["http://127.0.0.1:8123", "http://127.0.0.1:8123"]


def test_order_emails_link_to_the_site_url(demo, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    customer = Customer(email="buyer@example.com", full_name="Test Buyer", address_line1="1 Main Street", address_line2="",
                        city="Springfield", region="IL", postal_code="62701")
    order = place_order(items={str(Product.objects.get(slug="clinicred").pk): 1}, customer=customer,
                        shipping_method_id=ShippingMethod.objects.get(name="Standard").pk, checkout_key="site-url")
    send_order_confirmation.enqueue(order.pk)
    (message,) = mail.outbox
    link = f"http://127.0.0.1:8123/orders/{order.token}/"
    assert link in message.body and f'href="{link}"' in message.alternatives[0][0]


@pytest.mark.parametrize("value", ["", "shop.example", "https://", "https://shop.example/store?x=1"])
def test_production_refuses_a_missing_or_malformed_site_url(value):
    out = subprocess.run([sys.executable, "manage.py", "check"], capture_output=True, text=True, env=production_env(SITE_URL=value))
    assert out.returncode != 0 and "SITE_URL must be set" in out.stderr


def test_production_takes_the_site_url_for_wagtail_too():
    out = settings_of(production_env(SITE_URL="https://shop.example/"))
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["https://shop.example", "https://shop.example"]
