"""The load part of `make bench`: the site under gunicorn with production settings on PostgreSQL,
driven by wrk on 127.0.0.1 for a bounded time, compared with a minimal 10 KB Django view."""

from __future__ import annotations

import contextlib
import json
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
ARTICLE = "/learn/red-light-therapy-for-peripheral-neuropathy/"
BARE = "/_bench/minimal/"
# The demo store's pages, then the same URLs once tools/bench/grow.py has grown the catalogue.
PAGES = {"home": "/", "article": ARTICLE, "shop": "/shop/", "product": "/shop/clinicred/", "cart": "/cart/", "static": None}
GROWN = {"shop_30": "/shop/", "product_500": "/shop/clinicred/", "article_36": ARTICLE}
PUBLIC = ("home", "article", "shop", "product", "shop_30", "product_500", "article_36")
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
        # what production refuses to start without; the bench sends no mail and makes no Stripe call
        REDIS_URL=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/15"),
        EMAIL_URL="smtp://127.0.0.1:1025",
        STRIPE_SECRET_KEY="sk_test_bench_no_calls",
        STRIPE_PUBLISHABLE_KEY="pk_test_bench_no_calls",
        STRIPE_WEBHOOK_SECRET="whsec_bench_no_calls",
        WAGTAILADMIN_BASE_URL="https://shop.bench.example",  # links only; the bench never follows them
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
        # the latency distribution's own lines ("     50%    4.98ms"), not the "+/- Stdev" column of
        # the thread stats, whose value can end in "50%" too
        "p50_ms": ms(number(r"(?m)^\s*50%\s+(\S+)", "0ms")),
        "p99_ms": ms(number(r"(?m)^\s*99%\s+(\S+)", "0ms")),
        "requests": int(number(r"(\d+) requests in")),
        "non_2xx": int(number(r"Non-2xx or 3xx responses: (\d+)")),
        "socket_errors": errors,
    }


@contextlib.contextmanager
def gunicorn(env: dict, *, workers: int = 2):
    """The site under gunicorn on a free port of 127.0.0.1; yields its base URL once it answers."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "storefront.wsgi", "-b", f"127.0.0.1:{port}", "-w", str(workers)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            try:
                urllib.request.urlopen(base + BARE, timeout=2).read()
                break
            except OSError:
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def first_request_ms(base: str, path: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(base + path, timeout=30) as response:
        response.read()
    return round((time.perf_counter() - started) * 1000, 1)


def ratios(bases: dict[str, str], pages: dict[str, str], seconds: int) -> dict:
    """Each page's requests per second divided by the bare view's, measured on the same server just
    before it: once with the page cache on ("cached") and once with it off ("uncached")."""
    out = {}
    for name, path in pages.items():
        out[name] = {}
        for mode, base in bases.items():
            for _ in range(3):  # warm: renditions, annotations and templates made before the clock starts
                urllib.request.urlopen(base + path, timeout=60).read()
            bare = wrk(base + BARE, seconds=seconds, connections=16)
            page = wrk(base + path, seconds=seconds, connections=16)
            out[name][mode] = round(page["rps"] / (bare["rps"] or 1), 3)
            out[name][f"{mode}_detail"] = {"page": page, "bare_rps": bare["rps"]}
    return out


def flush_cache(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def manage(env: dict, *args: str) -> None:
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL)


def run(seconds: int = 5, soak_seconds: int = 60) -> dict:
    database_url = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/storefront_bench")
    ensure_database(database_url)
    static_root = tempfile.mkdtemp(prefix="bench-static-")
    env = bench_env(database_url, static_root)
    flush_cache(env["REDIS_URL"])
    # static files first: publishing the demo's pages renders them, with production's hashed static names
    for args in (["collectstatic", "--noinput", "-v0"], ["migrate", "--noinput", "-v0"], ["load_demo"]):
        manage(env, *args)
    uncached_env = dict(env, BENCH_PAGE_CACHE="off")
    workers = max(2, os.cpu_count() or 2)
    results: dict = {"workers": workers, "cache": env["REDIS_URL"].split("/")[0] + " (Redis)"}
    with gunicorn(env, workers=workers) as cached, gunicorn(uncached_env, workers=workers) as uncached:
        # a new process on the store `make run` leaves: nothing rendered, nothing cached yet
        results["first_request_ms"] = {name: first_request_ms(cached, path) for name, path in PAGES.items() if name in PUBLIC}
        html = urllib.request.urlopen(cached + "/").read().decode()
        css = re.search(r'href="(/static/css/site\.[0-9a-f]+\.css)"', html)
        pages = dict(PAGES, static=css.group(1) if css else "/static/css/site.css")
        bases = {"cached": cached, "uncached": uncached}
        results["pages"] = ratios(bases, pages, seconds)
        script = Path(tempfile.mkdtemp()) / "mixed.lua"
        script.write_text(MIXED_LUA % ", ".join(f'"{p}"' for p in pages.values()))
        soak = wrk(cached + "/", seconds=soak_seconds, connections=64, script=str(script))
        results["soak_64_connections"] = soak | {"seconds": soak_seconds}
        # an editor publishes the article: the first visit after it renders it, from what was stored
        subprocess.run([sys.executable, "-m", "tools.bench.publish"], env=env, check=True, cwd=ROOT)
        results["first_request_ms"]["article after publishing"] = first_request_ms(cached, ARTICLE)
        grown = subprocess.run([sys.executable, "-m", "tools.bench.grow"], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
        results["grown_catalogue"] = grown.stdout.strip().splitlines()[-1]
        results["pages"].update(ratios(bases, GROWN, seconds))
    admin = subprocess.run([sys.executable, "-m", "tools.bench.admin_timing"], env=env, check=True, cwd=ROOT, capture_output=True, text=True)
    results["admin_ms"] = json.loads(admin.stdout.strip().splitlines()[-1])
    with gunicorn(env, workers=2) as base, served_over_tls(env) as https_base:
        audit_base = https_base or base
        audited = ("home", "article", "product", "cart")
        results["lighthouse_mobile"] = {name: lighthouse(audit_base + PAGES[name]) for name in audited} | {"served_over": audit_base.split(":")[0]}
        results["observatory"] = observatory("127.0.0.1") if https_base else {"error": "needs ports 80 and 443 on 127.0.0.1 (root)"}
    results["targets"] = targets(results)
    return results


def targets(results: dict) -> list[dict]:
    """Issue 16's targets, each with the measured figure and whether it is met."""
    pages = results["pages"]
    rows = []

    def target(what: str, value, met: bool) -> None:
        rows.append({"target": what, "value": value, "met": bool(met)})

    for name in PUBLIC:
        if name in pages:
            target(f"{name} uncached >= 0.05", pages[name]["uncached"], pages[name]["uncached"] >= 0.05)
            target(f"{name} cached >= 0.8", pages[name]["cached"], pages[name]["cached"] >= 0.8)
    target("cart >= 0.5", pages["cart"]["uncached"], pages["cart"]["uncached"] >= 0.5)
    target("static >= 0.9", pages["static"]["cached"], pages["static"]["cached"] >= 0.9)
    flat = pages["shop"]["uncached"] / (pages["shop_30"]["uncached"] or 1e-9)
    target("shop 3 / shop 30 uncached within 1.5x", round(flat, 2), flat <= 1.5)
    for name, ms in results["first_request_ms"].items():
        target(f"first request {name} < 100 ms", ms, ms < 100)
    for name, ms in results["admin_ms"].items():
        target(f"admin {name} < 300 ms", ms, ms < 300)
    return rows


TOOLS = ROOT / "tools" / "node_modules" / ".bin"
CHROME_FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--disable-sync --no-first-run --ignore-certificate-errors"  # the bench's own throwaway certificate
)


def lighthouse(url: str, tries: int = 2) -> dict:
    """Lighthouse's four category scores (0-100), mobile preset, with Debian's Chromium. A run that ends in
    a runtime error (its scores are null, e.g. Chromium gave no first paint) is run again once; if that
    fails too, the error is reported, not scores of 0."""
    import json

    if not (TOOLS / "lighthouse").exists():
        return {"error": "lighthouse not installed (make bench installs it)"}
    env = dict(os.environ, CHROME_PATH="/usr/bin/chromium")
    error = "lighthouse produced no report"
    for _ in range(tries):
        out = Path(tempfile.mkdtemp()) / "report.json"
        subprocess.run(
            [str(TOOLS / "lighthouse"), url, "--quiet", "--output=json", f"--output-path={out}", f"--chrome-flags={CHROME_FLAGS}", "--form-factor=mobile"],
            env=env, capture_output=True, timeout=180,
        )
        if not out.exists():
            continue
        report = json.loads(out.read_text())
        categories = report["categories"]
        if all(c["score"] is not None for c in categories.values()):
            return {name: round(c["score"] * 100) for name, c in categories.items()}
        error = (report.get("runtimeError") or {}).get("code", "a category had no score")
    return {"error": error}


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
