"""Throughput of the claim engine on a large generated text: `python -m claims.engine.bench`."""

from __future__ import annotations

import random
import time

from .markup import annotate_html
from .scanner import default_ruleset

SENTENCES = [
    "Red light therapy may reduce inflammation after exercise.",
    "Parcels leave our warehouse within one working day.",
    "In one trial, infrared light reduced foot pain by 40% [3].",
    "The panel measures 45 by 30 centimetres.",
    "Neuropathy is relatively common with 1 in 3 Americans experiencing the condition [1].",
    "Near-infrared light brings more oxygen to damaged nerves.",
    "Wear the protective glasses whenever the panel is switched on.",
    "Light therapy is a gentle, drug-free alternative to painkillers.",
    "Harkless et al. reported results on 2,239 patients, e.g. fewer numb sites.",
    "Our support team answers e-mail on weekdays.",
]


def generate(megabytes: float, seed: int = 1) -> list[str]:
    rng = random.Random(seed)
    paragraphs, size = [], 0
    while size < megabytes * 1_000_000:
        paragraph = " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(3, 8)))
        paragraphs.append(paragraph)
        size += len(paragraph.encode()) + 1
    return paragraphs


def run(megabytes: float = 5) -> dict:
    """MB/s for scan() over plain paragraphs and for annotate_html() over the same text as <p> blocks."""
    ruleset = default_ruleset()
    paragraphs = generate(megabytes)
    size = sum(len(p.encode()) + 1 for p in paragraphs) / 1_000_000
    started = time.perf_counter()
    claims = sum(len(ruleset.scan(p)) for p in paragraphs)
    scan_seconds = time.perf_counter() - started
    html = "".join(f"<p>{p}</p>" for p in paragraphs[: max(1, len(paragraphs) // 5)])
    html_size = len(html.encode()) / 1_000_000
    started = time.perf_counter()
    annotate_html(html)
    annotate_seconds = time.perf_counter() - started
    return {
        "megabytes": round(size, 2),
        "claims": claims,
        "scan_mb_per_s": round(size / scan_seconds, 2),
        "annotate_mb_per_s": round(html_size / annotate_seconds, 2),
    }


if __name__ == "__main__":
    result = run()
    print(
        f"claim engine: scan {result['scan_mb_per_s']} MB/s, annotate_html {result['annotate_mb_per_s']} MB/s "
        f"({result['megabytes']} MB, {result['claims']} claims)"
    )
