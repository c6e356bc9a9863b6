"""Pytest plugin: a real localstripe on a free port, and a receiver for the webhooks it sends."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

WEBHOOK_SECRET = "whsec_test_offline_localstripe"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port: int, timeout: float = 15) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


@pytest.fixture(scope="session")
def localstripe_url():
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture
def stripe_offline(localstripe_url, settings):
    """Point the payments module at the session's localstripe."""
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_SECRET_KEY = "sk_test_offline_localstripe"
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    return localstripe_url


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append((dict(self.headers), body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def webhook_receiver():
    """A tiny HTTP server that records what localstripe POSTs to it."""
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), _Receiver)
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"

    def events(type_=None, timeout=10):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = [(h, b) for h, b in server.received if type_ is None or json.loads(b)["type"] == type_]
            if found:
                return found
            time.sleep(0.1)
        return []

    server.events = events
    yield server
    server.shutdown()


def signed_event(event_type: str, obj: dict, event_id: str | None = None, secret: str = WEBHOOK_SECRET):
    """A Stripe event body and its real signature header, as Stripe would send it."""
    from shop import stripe_api

    body = json.dumps(
        {"id": event_id or f"evt_{time.monotonic_ns()}", "object": "event", "type": event_type, "data": {"object": obj}}
    ).encode()
    return body, stripe_api.sign_payload(body, secret)


@pytest.fixture
def fresh_localstripe(stripe_offline):
    """Empty localstripe's store (payments, refunds) for a test that lists everything in it."""
    import urllib.request

    urllib.request.urlopen(urllib.request.Request(f"{stripe_offline}/_config/data", method="DELETE"), timeout=5).close()
    return stripe_offline
