"""Links in e-mails go to the address the site is served on: by default the port `make run` serves on
(PORT=8123 make run -> http://127.0.0.1:8123/). (Production requires WAGTAILADMIN_BASE_URL: see
storefront/settings/production.py and its tests.)"""

import os
import subprocess
import sys

from django.core import mail

from shop.models import Product, ShippingMethod
from shop.orders.checkout import Customer, place_order
from shop.orders.emails import send_order_confirmation


def test_dev_settings_follow_the_port_make_run_serves_on():
    env = {k: v for k, v in os.environ.items() if k not in ("WAGTAILADMIN_BASE_URL", "STRIPE_SECRET_KEY")}
    env.update(DJANGO_SETTINGS_MODULE="storefront.settings.dev", PORT="8123")
    code = "import django; django.setup(); from django.conf import settings; print(settings.WAGTAILADMIN_BASE_URL)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "http://127.0.0.1:8123"


def test_order_emails_link_to_the_base_url(demo, settings):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8123"
    customer = Customer(email="buyer@example.com", full_name="Test Buyer", address_line1="1 Main Street", address_line2="",
                        city="Springfield", region="IL", postal_code="62701")
    order = place_order(items={str(Product.objects.get(slug="clinicred").pk): 1}, customer=customer,
                        shipping_method_id=ShippingMethod.objects.get(name="Standard").pk, checkout_key="site-url")
    send_order_confirmation.enqueue(order.pk)
    (message,) = mail.outbox
    link = f"http://127.0.0.1:8123/orders/{order.token}/"
    assert link in message.body and f'href="{link}"' in message.alternatives[0][0]
