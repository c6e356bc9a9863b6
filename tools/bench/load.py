"""The load part of `make bench`: the site under gunicorn with production settings on PostgreSQL,
driven by wrk on 127.0.0.1 for a bounded time, compared with a minimal 10 KB Django view."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "minimal 10 KB view": "/_bench/minimal/",
    "home": "/",
    "article": "/learn/red-light-therapy-for-peripheral-neuropathy/",
    "product list": "/shop/",
    "product page": "/shop/clinicred/",
    "cart": "/cart/",
    "static file": None,  # filled in: the hashed stylesheet
}
MIXED_LUA = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def bench_env(database_url: str, static_root: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("STRIPE_", "DJANGO_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="tools.bench.settings",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback; everything else as in production
        STATIC_ROOT=static_root,
        MEDIA_ROOT=tempfile.mkdtemp(prefix="bench-media-"),
        CONN_MAX_AGE="60",
    )
    return env


def ensure_database(url: str) -> None:
    """A fresh bench database each run, so every run measures the same demo store."""
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def wrk(url: str, *, seconds: int, connections: int, script: str | None = None) -> dict:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script:
        command[1:1] = ["-s", script]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    def number(pattern, default="0"):
        found = re.search(pattern, out)
        return found.group(1) if found else default

    def ms(value: str) -> float:
        found = re.match(r"([\d.]+)(us|ms|s|m)\b", value)
        if not found:  # wrk prints "-nan" when a run saw no responses
            return float("nan")
        amount, unit = found.groups()
        return float(amount) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]

    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", number(r"Socket errors: (.*)", "")))
    return {
        "rps": float(number(r"Requests/sec:\s+([\d.]+)")),
        "p50_ms": ms(number(r"50%\s+(\S+)", "0ms")),
        "p99_ms": ms(number(r"99%\s+(\S+)", "0ms")),
        "requests": int(number(r"(\d+) requests in")),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": errors,
    }


def run(seconds: int = 8, soak_seconds: int = 60) -> dict:
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/storefront_bench")
    ensure_database(database_url)
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = bench_env(database_url, static_root)
    manage = [sys.executable, str(ROOT / "manage.py")]
    for args in (["migrate", "--noinput", "-v0"], ["load_demo"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + args, env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    port = free_port()
    workers = str(max(2, (os.cpu_count() or 2)))
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "storefront.wsgi", "-b", f"127.0.0.1:{port}", "-w", workers, "--access-logfile", "-"],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                html = urllib.request.urlopen(base + "/", timeout=2).read().decode()
                break
            except OSError:
                time.sleep(0.2)
        css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html)
        pages = dict(PAGES, **{"static file": css.group(1) if css else "/static/css/site.css"})
        results = {}
        for name, path in pages.items():
            results[name] = wrk(base + path, seconds=seconds, connections=16)
        minimal = results["minimal 10 KB view"]["rps"] or 1
        for figures in results.values():
            figures["ratio_to_minimal"] = round(figures["rps"] / minimal, 2)
        paths = [p for n, p in pages.items() if n != "minimal 10 KB view"]
        script = Path(tempfile.mkdtemp()) / "mixed.lua"
        script.write_text(MIXED_LUA % ", ".join(f'"{p}"' for p in paths))
        soak = wrk(base + "/", seconds=soak_seconds, connections=64, script=str(script))
        audited = ("home", "article", "product page", "cart")
        with served_over_tls(env) as https_base:
            audit_base = https_base or base
            audits = {name: lighthouse(audit_base + pages[name]) for name in audited}
            grade = observatory("127.0.0.1") if https_base else {"error": "needs ports 80 and 443 on 127.0.0.1 (root)"}
        return {
            "workers": int(workers),
            "pages": results,
            "soak_64_connections": soak | {"seconds": soak_seconds},
            "lighthouse_mobile": audits | {"served_over": audit_base.split(":")[0]},
            "observatory": grade,
        }
    finally:
        server.terminate()
        server.wait(timeout=10)


TOOLS = ROOT / "tools" / "node_modules" / ".bin"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run --ignore-certificate-errors"  # the bench's own throwaway certificate
)


def lighthouse(url: str) -> dict:
    """Lighthouse's four category scores (0-100), mobile preset, with Debian's Chromium."""
    import json

    if not (TOOLS / "lighthouse").exists():
        return {"error": "lighthouse not installed (make bench installs it)"}
    out = Path(tempfile.mkdtemp()) / "report.json"
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    subprocess.run(
        [str(TOOLS / "lighthouse"), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile"],
        env=env, capture_output=True, timeout=180,
    )
    if not out.exists():
        return {"error": "lighthouse produced no report"}
    categories = json.loads(out.read_text())["categories"]
    return {name: round((c["score"] or 0) * 100) for name, c in categories.items()}


def observatory(host: str) -> dict:
    """Mozilla HTTP Observatory grade for the storefront (same rules as the hosted service)."""
    import json

    if not (TOOLS / "mdn-http-observatory-scan").exists():
        return {"error": "observatory not installed (make bench installs it)"}
    done = subprocess.run([str(TOOLS / "mdn-http-observatory-scan"), host], capture_output=True, text=True, timeout=120)
    try:
        report = json.loads(done.stdout)
    except ValueError:
        return {"error": done.stderr.strip()[-300:]}
    failed = [name for name, test in report.get("tests", {}).items() if not test["pass"]]
    return {"grade": report["scan"]["grade"], "score": report["scan"]["score"], "failed": failed}


def _port_free(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) != 0


@contextlib.contextmanager
def served_over_tls(env: dict):
    """The storefront as a real deployment is seen: HTTPS on 443 with a throwaway self-signed certificate
    for 127.0.0.1 (trusted only by the scanners) and port 80 redirecting to it. Yields the https base URL,
    or None when ports 80/443 cannot be used."""
    if os.geteuid() != 0 or not (_port_free(80) and _port_free(443)):
        yield None
        return
    certs = Path(tempfile.mkdtemp(prefix="bench-tls-"))
    key, cert = certs / "key.pem", certs / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )
    tls_env = dict(env, SECURE_SSL_REDIRECT="true")
    gunicorn = [sys.executable, "-m", "gunicorn", "storefront.wsgi", "-w", "2"]
    servers = [
        subprocess.Popen(gunicorn + ["-b", "127.0.0.1:443", "--certfile", str(cert), "--keyfile", str(key)], env=tls_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen(gunicorn + ["-b", "127.0.0.1:80"], env=tls_env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    # The Observatory's launcher always points NODE_EXTRA_CA_CERTS at this bundle (left empty by the
    # offline install): the throwaway certificate goes there while we scan.
    bundle = ROOT / "tools" / "node_modules" / "node_extra_ca_certs_mozilla_bundle" / "ca_bundle" / "ca_intermediate_bundle.pem"
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline and (_port_free(80) or _port_free(443)):
            time.sleep(0.2)
        bundle.parent.mkdir(parents=True, exist_ok=True)
        bundle.write_bytes(cert.read_bytes())
        yield "https://127.0.0.1"
    finally:
        bundle.unlink(missing_ok=True)
        for server in servers:
            server.terminate()
            server.wait(timeout=10)
