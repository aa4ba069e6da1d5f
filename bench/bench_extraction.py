"""Extraction quality: mean token F1 of our extractor vs bare `trafilatura.extract` defaults.

Pages and their true article text: ../shared/data/extraction/scrapinghub (181 real pages).
Target (issue 8): ours must not be lower than the baseline.
"""

from __future__ import annotations

import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402 - the baseline is the library itself, called bare
from lxml.html import HtmlElementClassLookup  # noqa: E402

from bench.common import scrapinghub_pages  # noqa: E402
from monitor.errors import ExtractError  # noqa: E402
from monitor.extract import FAST_LOOKUP, HTML_PARSER, extract_page  # noqa: E402

_TOKEN = re.compile(r"\w+", re.UNICODE)


def token_f1(predicted: str, truth: str) -> float:
    """Return the bag-of-words F1 between two texts (the benchmark's usual measure)."""
    p, t = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(truth.lower()))
    overlap = sum((p & t).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def bare(html: bytes, url: str) -> str:
    """Run trafilatura as shipped: importing monitor.extract switched its parser's lookup."""
    HTML_PARSER.set_element_class_lookup(HtmlElementClassLookup())
    try:
        return trafilatura.extract(html, url=url) or ""
    finally:
        HTML_PARSER.set_element_class_lookup(FAST_LOOKUP)


def ours(html: bytes, url: str) -> str:
    try:
        return extract_page(html, url).text
    except ExtractError:
        return ""


def main() -> int:
    pages = list(scrapinghub_pages())
    scores: dict[str, list[float]] = {"baseline": [], "ours": []}
    times = {"baseline": 0.0, "ours": 0.0}
    for _page_id, html, url, truth in pages:
        started = time.perf_counter()
        base = bare(html, url)
        times["baseline"] += time.perf_counter() - started
        started = time.perf_counter()
        mine = ours(html, url)
        times["ours"] += time.perf_counter() - started
        scores["baseline"].append(token_f1(base, truth))
        scores["ours"].append(token_f1(mine, truth))
    mean = {k: sum(v) / len(v) for k, v in scores.items()}
    print(f"pages: {len(pages)} (extraction/scrapinghub)")
    print(
        f"mean token F1   bare trafilatura.extract: {mean['baseline']:.4f}   "
        f"ours: {mean['ours']:.4f}"
        f"   (ours - baseline: {mean['ours'] - mean['baseline']:+.4f})"
    )
    worse = sum(1 for a, b in zip(scores["ours"], scores["baseline"], strict=True) if a < b - 0.05)
    print(
        f"pages where ours is >0.05 worse: {worse}; time ratio ours/baseline: "
        f"{times['ours'] / times['baseline']:.2f}"
    )
    ok = mean["ours"] >= mean["baseline"]
    print("target ours >= baseline:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
