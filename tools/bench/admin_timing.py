"""Server time of the admin pages an editor or order manager waits on, with the grown catalogue: the
median of 10 requests after one warm-up, through the whole middleware stack, in milliseconds. Prints one
JSON line. Run with the bench's environment: `python -m tools.bench.admin_timing`."""

from __future__ import annotations

import json
import os
import statistics
import time


def measure() -> dict:
    from django.contrib.auth import get_user_model
    from django.test import Client

    from content.models import ArticlePage
    from shop.models import Order

    user, _ = get_user_model().objects.get_or_create(
        username="bench-admin", defaults={"is_superuser": True, "is_staff": True, "email": "bench-admin@example.com"}
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    article = ArticlePage.objects.live().get(slug="red-light-therapy-for-peripheral-neuropathy")
    order = Order.objects.order_by("-pk").first()
    pages = {
        "page edit": f"/admin/pages/{article.pk}/edit/",
        "orders list": "/admin/orders/",
        "order inspect": f"/admin/orders/inspect/{order.pk}/",
    }
    out = {}
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        times = []
        for _ in range(10):
            started = time.perf_counter()
            client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        out[name] = round(statistics.median(times), 1)
    return out


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tools.bench.settings")
    import django

    django.setup()
    print(json.dumps(measure()))
