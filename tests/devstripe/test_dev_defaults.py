"""`make run`'s offline Stripe is safe on a shared network: localstripe listens on 127.0.0.1 only and keeps
its data in this copy's var/, and the webhook secret is random per copy (no one else can sign "paid")."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import urllib.request
from pathlib import Path

from devstripe.devserver import start_localstripe
from tests.stripe_server import SECRET_KEY, free_port, stop

ROOT = Path(__file__).resolve().parents[2]


def dev_settings(var_dir: Path) -> dict:
    """The two settings as Django reads them from storefront.settings.dev in a fresh process. Only the
    settings are loaded (no `django.setup()`): the secret and the path are made there, and importing
    every app (Stripe, Wagtail, the claim model) only cost each of the three processes seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "DJANGO_"))}
    env.update(DJANGO_SETTINGS_MODULE="storefront.settings.dev", VAR_DIR=str(var_dir))
    script = (
        "import json; from django.conf import settings as s; "
        "print(json.dumps({'secret': s.STRIPE_WEBHOOK_SECRET, 'state': str(s.LOCALSTRIPE_STATE)}))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=ROOT)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_webhook_secret_is_random_per_copy_and_the_dev_settings_use_it(tmp_path):
    first = dev_settings(tmp_path / "one")
    again = dev_settings(tmp_path / "one")
    other = dev_settings(tmp_path / "two")
    stored = tmp_path / "one" / "stripe-webhook-secret"
    assert first["secret"] == again["secret"] == stored.read_text().strip()
    assert first["secret"].startswith("whsec_") and len(first["secret"]) > 40
    assert other["secret"] != first["secret"] and "offline_localstripe" not in first["secret"]
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert first["state"] == str(tmp_path / "one" / "localstripe.pickle")
    ignored = subprocess.run(["git", "check-ignore", "-q", "var/stripe-webhook-secret"], cwd=ROOT)
    assert ignored.returncode == 0  # never committed


def listening_addresses(port: int) -> set[str]:
    """The local addresses of the sockets listening on `port` (from the kernel's own tables)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                found.add(address)
    return found


def test_localstripe_listens_on_loopback_only_and_keeps_its_data_in_var(tmp_path):
    port, state = free_port(), tmp_path / "var" / "localstripe.pickle"
    shared = Path("/tmp/localstripe.pickle")
    shared_before = shared.stat().st_mtime_ns if shared.exists() else None
    proc = start_localstripe(port, state)
    try:
        assert listening_addresses(port) == {"0100007F"}  # 127.0.0.1, and no "::" or 0.0.0.0
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/v1/customers", data=b"email=buyer%40example.com",
            headers={"Authorization": f"Bearer {SECRET_KEY}"},
        )
        customer = json.loads(urllib.request.urlopen(request).read())
        assert customer["id"].encode() in state.read_bytes()
        assert (shared.stat().st_mtime_ns if shared.exists() else None) == shared_before
    finally:
        stop(proc)
    restarted = start_localstripe(port, state)  # the data survives a restart of `make run`
    try:
        got = urllib.request.Request(f"http://127.0.0.1:{port}/v1/customers/{customer['id']}", headers={"Authorization": f"Bearer {SECRET_KEY}"})
        assert json.loads(urllib.request.urlopen(got).read())["email"] == "buyer@example.com"
    finally:
        stop(restarted)
