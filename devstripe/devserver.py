"""`make run`: Django's development server, with localstripe when Stripe is offline.

With the dev settings and no Stripe keys (devstripe installed), it starts localstripe on the port of
STRIPE_API_BASE unless something already answers there (on 127.0.0.1 only, its data in var/, see
localstripe_server.py), and registers the store's webhook with it under this copy's random secret.
Then it runs `manage.py expire_orders --every 60`, `manage.py reconcile_payments --every 86400`
(reconciliation with Stripe on start, then daily) and `manage.py send_review_requests --every 3600`
beside `manage.py runserver`, and stops what it
started (by PID) when the server stops. The port (PORT) is in the environment of all of them, so the
settings' WAGTAILADMIN_BASE_URL (the links in e-mails) is the address the server answers on.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start_localstripe(port: int, state: Path) -> subprocess.Popen | None:
    """Start localstripe on 127.0.0.1:port (only) with its data in `state`, unless something answers there."""
    if _port_open(port):
        print(f"localstripe: already running on 127.0.0.1:{port}")
        return None
    proc = subprocess.Popen(
        [sys.executable, "-m", "devstripe.localstripe_server", "--port", str(port), "--state", str(state)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):  # up to 30 s on a busy machine
        if _port_open(port):
            print(f"localstripe: started on 127.0.0.1:{port} (pid {proc.pid})")
            return proc
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit(f"localstripe did not start on port {port}")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.dev")
    os.environ.setdefault("PORT", "8000")  # read by the settings (WAGTAILADMIN_BASE_URL) here and in the children
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings

    port = int(os.environ["PORT"])
    offline = apps.is_installed("devstripe")
    children: list[subprocess.Popen] = []
    if offline:
        from .webhooks import register_webhook

        proc = start_localstripe(urlsplit(settings.STRIPE_API_BASE).port or 8420, settings.LOCALSTRIPE_STATE)
        if proc:
            children.append(proc)
        site_url = f"http://127.0.0.1:{port}"
        register_webhook(webhook_id="storefront", url=f"{site_url}/stripe/webhook/", secret=settings.STRIPE_WEBHOOK_SECRET)
        print(f"localstripe: webhooks go to {site_url}/stripe/webhook/")
    children.append(
        subprocess.Popen([sys.executable, "manage.py", "expire_orders", "--every", "60"])
    )
    children.append(
        subprocess.Popen([sys.executable, "manage.py", "reconcile_payments", "--every", str(24 * 60 * 60)])
    )
    children.append(  # hourly: an order shipped SHOP_REVIEW_REQUEST_DAYS ago gets its review request
        subprocess.Popen([sys.executable, "manage.py", "send_review_requests", "--every", "3600"])
    )
    print(f"\nThe store: http://127.0.0.1:{port}/   admin: http://127.0.0.1:{port}/admin/")
    if offline:
        print("Offline payments (localstripe): pay with card 4242 4242 4242 4242, any future date, any CVC.\n")
    try:
        subprocess.call(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        )
    except KeyboardInterrupt:
        pass
    finally:
        for child in children:
            child.terminate()
            child.wait(timeout=5)


if __name__ == "__main__":
    main()
