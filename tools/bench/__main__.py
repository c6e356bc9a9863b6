"""`make bench`: the figures this project promises, measured on this machine.

For now: the claim engine's throughput (MB/s on a large generated text) and the time it adds to the
article page (rendered with cold caches, with and without the claims pass: with it, the page reads
the annotation stored when it was published, as a new worker would). Results go to
var/bench.json and a table is printed.
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
    ruleset.annotate_page = lambda passages: [html and mark_safe(html) for html, _ in passages]
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

    results["load"] = load.run(seconds=int(os.environ.get("BENCH_SECONDS", "8")), soak_seconds=int(os.environ.get("BENCH_SOAK_SECONDS", "60")))
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
    load = results["load"]
    print(f"\ngunicorn ({load['workers']} workers, production settings, PostgreSQL), wrk 16 connections per page:\n")
    print("| page | req/s | p50 ms | p99 ms | errors | non-2xx | ratio to minimal view |\n|---|---|---|---|---|---|---|")
    for name, f in load["pages"].items():
        print(f"| {name} | {f['rps']:.0f} | {f['p50_ms']:.1f} | {f['p99_ms']:.1f} | {f['socket_errors']} | {f['non_2xx']} | {f['ratio_to_minimal']} |")
    soak = load["soak_64_connections"]
    print(f"\n{soak['seconds']} s at 64 connections across the storefront pages: {soak['requests']} requests, "
          f"{soak['rps']:.0f} req/s, p50 {soak['p50_ms']:.1f} ms, p99 {soak['p99_ms']:.1f} ms, "
          f"{soak['socket_errors']} socket errors, {soak['non_2xx']} non-2xx responses")
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
