"""Pytest plugin: a real localstripe on a free port, and a receiver for the webhooks it sends.

Registered from the root conftest (`pytest_plugins = ["tests.stripe_server"]`), or `-p tests.stripe_server`.

localstripe 1.15 has only `--port` and `--from-scratch`, always listens on every interface ("::")
and pickles its whole store to the fixed path /tmp/localstripe.pickle after every write, which
would overwrite the development server's saved data and slow down as the store grows. So the
session's localstripe is started through a three-line launcher that runs localstripe's own aiohttp
app on 127.0.0.1 with that dump switched off (and therefore starting empty).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

SECRET_KEY = "sk_test_offline_localstripe"  # localstripe accepts any "sk_..." key; not a secret
WEBHOOK_SECRET = "whsec_test_offline_localstripe"
HTTP_CLIENT = "devstripe.client.LocalStripeHTTPClient"

_LAUNCHER = """
import sys
from aiohttp import web
from localstripe import resources, server
resources.Store.dump_to_disk = lambda self: None
web.run_app(server.app, host="127.0.0.1", port=int(sys.argv[1]), access_log=None, print=None)
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/js.stripe.com/v3/", timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def start_localstripe(timeout: float = 20) -> tuple[subprocess.Popen[bytes], str]:
    """Start localstripe on a free 127.0.0.1 port; return the process and its base URL once it answers."""
    for _attempt in range(3):  # the free port may be taken between choosing and binding it
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        log = tempfile.TemporaryFile()
        proc = subprocess.Popen(
            [sys.executable, "-c", _LAUNCHER, str(port)], stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and proc.poll() is None:
            if _answers(url):
                log.close()
                return proc, url
            time.sleep(0.05)
        stop(proc)
        log.seek(0)
        output = log.read().decode(errors="replace")
        log.close()
        if "address already in use" not in output.lower():
            break
    raise RuntimeError(f"localstripe did not start:\n{output}")


def stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the process we started (by its PID), killing it if it does not stop."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


@pytest.fixture(scope="session")
def localstripe_url() -> Iterator[str]:
    """Base URL of a localstripe started for this test session (empty store, 127.0.0.1 only)."""
    proc, url = start_localstripe()
    try:
        yield url
    finally:
        stop(proc)


@pytest.fixture
def stripe_offline(localstripe_url: str) -> Iterator[str]:
    """Send the shop's Stripe requests, through devstripe, to the session's localstripe for one test; yields its URL."""
    from django.test import override_settings

    with override_settings(
        STRIPE_HTTP_CLIENT=HTTP_CLIENT,
        STRIPE_API_BASE=localstripe_url,
        STRIPE_SECRET_KEY=SECRET_KEY,
        STRIPE_WEBHOOK_SECRET=WEBHOOK_SECRET,
    ):
        yield localstripe_url


class _Receiver(BaseHTTPRequestHandler):
    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.server.received.append((dict(self.headers), body))  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


def _matches(body: bytes, type_: str | None, object_id: str | None) -> bool:
    try:
        event = json.loads(body)
        return (type_ is None or event.get("type") == type_) and (object_id is None or event["data"]["object"]["id"] == object_id)
    except (ValueError, AttributeError, KeyError, TypeError):
        return False


@pytest.fixture
def webhook_receiver() -> Iterator[ThreadingHTTPServer]:
    """A tiny HTTP server on a free port that records every POST as (headers, body).

    `.url` is where to send webhooks; `.received` the list of (headers, body);
    `.events(type_=None, timeout=10, object_id=None)` waits until at least one delivery of that event
    type (about that object) arrived and returns them. localstripe sends an event a second after it
    happened to the endpoints registered then, so a new endpoint may get the previous test's events.
    """
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Receiver)
    server.received = []  # type: ignore[attr-defined]
    server.url = f"http://127.0.0.1:{server.server_address[1]}/hook"  # type: ignore[attr-defined]

    def events(type_: str | None = None, timeout: float = 10, object_id: str | None = None) -> list[tuple[dict[str, str], bytes]]:
        deadline = time.monotonic() + timeout
        while True:
            found = [(h, b) for h, b in list(server.received) if _matches(b, type_, object_id)]  # type: ignore[attr-defined]
            if found or time.monotonic() >= deadline:
                return found
            time.sleep(0.1)

    server.events = events  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def sign_payload(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    """A valid Stripe-Signature header value for `payload` (scheme v1: HMAC-SHA256 of "<t>.<body>")."""
    timestamp = int(time.time()) if timestamp is None else int(timestamp)
    digest = hmac.new(secret.encode("utf-8"), f"{timestamp}.".encode() + payload, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def signed_event(event_type: str, obj: dict, event_id: str | None = None, secret: str = WEBHOOK_SECRET) -> tuple[bytes, str]:
    """A Stripe event body and its real signature header, as Stripe would send it."""
    body = json.dumps(
        {"id": event_id or f"evt_{time.monotonic_ns()}", "object": "event", "type": event_type, "data": {"object": obj}}
    ).encode()
    return body, sign_payload(body, secret)


@pytest.fixture
def fresh_localstripe(stripe_offline: str) -> str:
    """Empty localstripe's store (payments, refunds) for a test that lists everything in it."""
    request = urllib.request.Request(f"{stripe_offline}/_config/data", method="DELETE")
    urllib.request.urlopen(request, timeout=5).close()
    return stripe_offline
