"""`make bench`: the figures this project promises, measured on this machine.

The claim engine's throughput (MB/s on a large generated text) and the time it adds to the article page
(rendered with cold caches, with and without the claims pass); then the site under gunicorn with
production settings, PostgreSQL and Redis (tools/bench/load.py): each public page's requests per second
as a ratio of a bare view's, with the page cache on and off, for the demo store and for a grown catalogue
(tools/bench/grow.py), the first request after start and after publishing, the admin pages' server time,
Lighthouse and the HTTP Observatory. Results go to var/bench.json (`pages` holds each page's `cached`
and `uncached` ratio) and a table is printed, ending with issue 16's targets met or not.
"""

from __future__ import annotations

import json
import os
import statistics
import tempfile
import time
from pathlib import Path


def article_page_timing(rounds: int = 15) -> dict:
    from django.core.cache import cache
    from django.test import Client
    from django.utils.safestring import mark_safe

    from claims import learned, ruleset

    client = Client()
    url = "/learn/red-light-therapy-for-peripheral-neuropathy/"

    def timed() -> float:
        cache.clear()
        ruleset._compiled.clear()
        if learned.classifier() is not None:  # verdicts come from the database, as in a new worker
            learned.classifier()._memo.clear()
        started = time.perf_counter()
        response = client.get(url)
        assert response.status_code == 200
        return (time.perf_counter() - started) * 1000

    timed()  # warm imports and templates
    with_claims = [timed() for _ in range(rounds)]
    original = ruleset.annotate_page
    ruleset.annotate_page = lambda passages: ruleset.AnnotatedPage(html and mark_safe(html) for html, _ in passages)
    try:
        without = [timed() for _ in range(rounds)]
    finally:
        ruleset.annotate_page = original
    cached = []
    for _ in range(rounds):
        started = time.perf_counter()
        client.get(url)
        cached.append((time.perf_counter() - started) * 1000)
    return {
        "article_ms_with_claims_cold": round(statistics.median(with_claims), 1),
        "article_ms_without_claims": round(statistics.median(without), 1),
        "claims_added_ms_cold": round(statistics.median(with_claims) - statistics.median(without), 1),
        "claims_share_of_cold_render": round(
            (statistics.median(with_claims) - statistics.median(without)) / statistics.median(with_claims), 3
        ),
        "article_ms_with_claims_warm": round(statistics.median(cached), 1),
    }


def main() -> None:
    root = Path(__file__).resolve().parents[2]
    database = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{database}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "storefront.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    from claims.engine import bench as engine_bench

    call_command("migrate", verbosity=0)
    call_command("load_demo", stdout=open(os.devnull, "w"))
    results = {"claim_engine": engine_bench.run(5), "article": article_page_timing()}
    from . import load

    results["load"] = load.run(seconds=int(os.environ.get("BENCH_SECONDS", "5")), soak_seconds=int(os.environ.get("BENCH_SOAK_SECONDS", "30")))
    load_results = results["load"]
    results["pages"] = {name: {"cached": f["cached"], "uncached": f["uncached"]} for name, f in load_results["pages"].items()}
    out = root / "var" / "bench.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, indent=2))
    engine, article = results["claim_engine"], results["article"]
    print("\n| measure | value |\n|---|---|")
    print(f"| claim engine scan() | {engine['scan_mb_per_s']} MB/s on {engine['megabytes']} MB |")
    print(f"| claim engine annotate_html() | {engine['annotate_mb_per_s']} MB/s |")
    print(f"| article page, claims pass on, cold caches | {article['article_ms_with_claims_cold']} ms |")
    print(f"| article page, claims pass off | {article['article_ms_without_claims']} ms |")
    print(f"| time the claims pass adds (cold) | {article['claims_added_ms_cold']} ms "
          f"({article['claims_share_of_cold_render']:.1%} of the render; target under 5 %) |")
    print(f"| article page, repeat visit (page cache) | {article['article_ms_with_claims_warm']} ms |")
    load = load_results
    print(f"\ngunicorn ({load['workers']} workers, production settings, PostgreSQL, cache {load['cache']}), wrk 16 connections;")
    print("each page's req/s divided by the bare 10 KB view's, measured on the same server just before it.")
    print(f"Grown catalogue: {load['grown_catalogue']}\n")
    print("| page | cached | uncached | req/s cached | req/s uncached | p50 ms uncached |\n|---|---|---|---|---|---|")
    for name, f in load["pages"].items():
        print(f"| {name} | {f['cached']} | {f['uncached']} | {f['cached_detail']['page']['rps']:.0f} | "
              f"{f['uncached_detail']['page']['rps']:.0f} | {f['uncached_detail']['page']['p50_ms']:.1f} |")
    print("\n| first request (new process, empty cache) | ms |\n|---|---|")
    for name, ms in load["first_request_ms"].items():
        print(f"| {name} | {ms} |")
    print("\n| admin page (grown catalogue, server time, median of 10) | ms |\n|---|---|")
    for name, ms in load["admin_ms"].items():
        print(f"| {name} | {ms} |")
    soak = load["soak_64_connections"]
    print(f"\n{soak['seconds']} s at 64 connections across the storefront pages: {soak['requests']} requests, "
          f"{soak['rps']:.0f} req/s, p50 {soak['p50_ms']:.1f} ms, p99 {soak['p99_ms']:.1f} ms, "
          f"{soak['socket_errors']} socket errors, {soak['non_2xx']} non-2xx responses")
    missed = [t for t in load["targets"] if not t["met"]]
    print(f"\nTargets (issue 16): {len(load['targets']) - len(missed)} of {len(load['targets'])} met")
    for t in missed:
        print(f"  not met: {t['target']} (measured {t['value']})")
    print(f"\nLighthouse (mobile preset, Debian Chromium, over {load['lighthouse_mobile'].get('served_over', 'http')}), scores out of 100:\n")
    print("| page | performance | accessibility | best practices | SEO |\n|---|---|---|---|---|")
    for name, scores in load["lighthouse_mobile"].items():
        if name == "served_over":
            continue
        if "error" in scores:
            print(f"| {name} | {scores['error']} | | | |")
        else:
            print(f"| {name} | {scores.get('performance')} | {scores.get('accessibility')} | {scores.get('best-practices')} | {scores.get('seo')} |")
    obs = load["observatory"]
    if "error" in obs:
        print(f"\nHTTP Observatory: {obs['error']}")
    else:
        print(f"\nHTTP Observatory (storefront on https://127.0.0.1 with port 80 redirecting): grade {obs['grade']}, score {obs['score']}; failed: {', '.join(obs['failed']) or 'none'}")
    print(f"\nFigures written to {out.relative_to(root)}")


if __name__ == "__main__":
    main()
