"""Two app server processes on one PostgreSQL: the same checkout and the same webhook sent to both
give one order, one payment and one confirmation e-mail."""

import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from django.db import connection

from devstripe import cards
from shop.models import Order, StripeEvent
from tests.stripe_server import WEBHOOK_SECRET, free_port, signed_event

ROOT = Path(__file__).resolve().parents[2]


def wait_for_port(port: int, timeout: float) -> None:
    import socket

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"no app server on port {port}")
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def two_servers(demo_rows, stripe_offline, tmp_path):
    from tests import demo_snapshot

    demo_snapshot.replace_with_demo()  # the rows of this process's one load_demo, committed for the servers
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="storefront.settings.test",
        DATABASE_URL=f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        STRIPE_API_BASE=stripe_offline,
        TEST_EMAIL_BACKEND="django.core.mail.backends.filebased.EmailBackend",
        EMAIL_FILE_PATH=str(tmp_path / "mail"),
    )
    ports = [free_port(), free_port()]
    servers = [
        subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "storefront.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1", "--threads", "4"],
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        for port in ports
    ]
    try:
        for port in ports:
            wait_for_port(port, timeout=30)
        yield [f"http://127.0.0.1:{port}" for port in ports], tmp_path / "mail"
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=10)


def test_same_checkout_and_same_webhook_on_two_servers(two_servers):
    (a, b), mail_dir = two_servers
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    from shop.models import Product, ShippingMethod

    opener.open(a + "/cart/add/", urllib.parse.urlencode({"product": Product.objects.get(slug="clinicred").pk, "quantity": 1}).encode())
    checkout = opener.open(a + "/checkout/").read().decode()
    form = {
        "csrfmiddlewaretoken": re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', checkout).group(1),
        "checkout_key": re.search(r'name="checkout_key" value="([^"]+)"', checkout).group(1),
        "email": "two.servers@example.com", "full_name": "Test Shopper", "address_line1": "1 Main St", "city": "Springfield",
        "region": "IL", "postal_code": "62701", "shipping_method": ShippingMethod.objects.get(name="Standard").pk,
    }

    def place(base):
        request = urllib.request.Request(base + "/checkout/", urllib.parse.urlencode(form).encode(), headers={"Accept": "application/json", "Referer": base + "/checkout/"})
        return json.loads(opener.open(request).read())

    with ThreadPoolExecutor(4) as pool:
        answers = list(pool.map(place, [a, b, a, b]))
    assert len({answer["order"] for answer in answers}) == 1
    assert len({answer["client_secret"] for answer in answers}) == 1
    order = Order.objects.get()
    method = cards.create_card_payment_method(number="4242424242424242", exp_month=12, exp_year=2034, cvc="123")
    intent = cards.confirm_payment_intent(order.payment_intent_id, payment_method_id=method)
    assert intent.status == "succeeded"

    body, signature = signed_event("payment_intent.succeeded", {
        "id": intent.id, "object": "payment_intent", "amount": intent.amount, "currency": "usd",
        "status": "succeeded", "metadata": {"order_number": order.number},
    }, event_id="evt_two_servers", secret=WEBHOOK_SECRET)

    def deliver(base):
        request = urllib.request.Request(base + "/stripe/webhook/", body, headers={"Stripe-Signature": signature, "Content-Type": "application/json"})
        return urllib.request.urlopen(request).status

    with ThreadPoolExecutor(4) as pool:
        assert set(pool.map(deliver, [a, b, a, b])) == {200}
    order.refresh_from_db()
    assert order.payment_status == Order.PaymentStatus.PAID and Order.objects.count() == 1
    assert StripeEvent.objects.filter(event_id="evt_two_servers").count() == 1
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and not (mail_dir.exists() and any(mail_dir.iterdir())):
        time.sleep(0.1)
    time.sleep(0.5)
    messages = [p.read_text() for p in mail_dir.iterdir()] if mail_dir.exists() else []
    assert len([m for m in messages if order.number in m]) == 1
