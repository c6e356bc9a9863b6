"""The page cache is one for every process: stock given back by the separate `manage.py expire_orders`
process shows at once on a page another app server had cached as "Out of stock"."""

import os
import subprocess
import sys
import urllib.request
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from shop.models import Order, Stock
from tests.scaling.test_two_app_servers import ROOT, wait_for_port
from tests.shop.conftest import make_order, standard  # noqa: F401  (fixtures)
from tests.stripe_server import free_port

pytestmark = pytest.mark.django_db(transaction=True)
PAGE = "/shop/protective-glasses/"


@pytest.fixture
def shared_env(stripe_offline):
    from django.conf import settings

    with connection.cursor() as cursor:  # the cache table outlives a test's data: start it empty
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(settings.CACHE_TABLE)}")
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_SETTINGS_MODULE="storefront.settings.test",
        DATABASE_URL=f"postgres://{db['USER'] or 'postgres'}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
        STRIPE_API_BASE=stripe_offline,
        TEST_SHARED_CACHE="1",
    )
    return env


@pytest.fixture
def app_server(shared_env):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "storefront.wsgi", "-b", f"127.0.0.1:{port}", "-w", "2"],
        env=shared_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, timeout=30)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def visit(base):
    with urllib.request.urlopen(base + PAGE) as response:
        return response.headers.get("X-Cache"), response.read().decode()


def test_stock_given_back_by_expire_orders_shows_at_once(app_server, shared_env, make_order):
    Stock.objects.filter(product__slug="protective-glasses").update(on_hand=1)
    order = make_order("protective-glasses", 1)
    Order.objects.filter(pk=order.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    before = [visit(app_server) for _ in range(4)]  # two workers, one cache: served from it after the first
    assert all("Out of stock" in page for _, page in before)
    assert [state for state, _ in before].count("HIT") == 3

    out = subprocess.run([sys.executable, "manage.py", "expire_orders"], env=shared_env, cwd=ROOT, capture_output=True, text=True)
    assert "Expired 1 unpaid order(s)." in out.stdout, out.stdout + out.stderr

    after = [visit(app_server) for _ in range(4)]  # whichever worker answers
    assert all("In stock" in page for _, page in after)
    assert [state for state, _ in after] == ["MISS", "HIT", "HIT", "HIT"]
