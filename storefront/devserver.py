"""`make run`: start localstripe when Stripe is offline, then Django's development server.

Stops localstripe (by its PID) when the server stops.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time


def _port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.3)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def start_localstripe(port: int) -> subprocess.Popen | None:
    """Start localstripe on 127.0.0.1:port unless something already answers there."""
    if _port_open(port):
        print(f"localstripe: already running on 127.0.0.1:{port}")
        return None
    proc = subprocess.Popen(
        [sys.executable, "-m", "localstripe", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        if _port_open(port):
            print(f"localstripe: started on 127.0.0.1:{port} (pid {proc.pid})")
            return proc
        time.sleep(0.1)
    proc.terminate()
    raise SystemExit(f"localstripe did not start on port {port}")


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "storefront.settings.dev")
    import django

    django.setup()
    from django.conf import settings

    port = int(os.environ.get("PORT", "8000"))
    children: list[subprocess.Popen] = []
    if settings.STRIPE_OFFLINE:
        proc = start_localstripe(int(os.environ.get("LOCALSTRIPE_PORT", "8420")))
        if proc:
            children.append(proc)
        from shop.devtools import prepare_offline_stripe

        prepare_offline_stripe(site_url=f"http://127.0.0.1:{port}")
    children.append(
        subprocess.Popen([sys.executable, "manage.py", "expire_orders", "--every", "60"])
    )
    print(f"\nThe store: http://127.0.0.1:{port}/   admin: http://127.0.0.1:{port}/admin/")
    if settings.STRIPE_OFFLINE:
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
