"""Extraction quality and cost: ours against bare `trafilatura.extract` on two page sets.

Sets: ../shared/data/extraction/scrapinghub (181 English-language news pages, some not English)
and ../shared/data/extraction/readability (121 pages of many kinds and languages). Each set is
split in halves by sha1 of the page id (first byte even: half A, on which the trust check's
thresholds were tuned; odd: half B, held out), and every figure is printed for both halves.

Systems, each given the page bytes:
  ours       monitor.extract.extract_page (fast pass, trust check, second opinion when needed)
  bare       trafilatura.extract(html, url) as shipped; in trafilatura 2.3 its defaults already
             run the readability/justext fallbacks (balanced focus, comments kept)
  no-fb      trafilatura.extract(html, url, fast=True): the same without the fallbacks
  always-fb  our settings with the fallbacks on every page (the second opinion, unconditionally)
Cost: CPU time (time.process_time, so other load on the machine does not count) of ours and of
bare on the same pages in this process, alternating page by page; the median of REPEATS ratios.
Targets (issue 18): token F1 >= bare + 0.01 on each set and each half; no page more than 0.3
below bare; cost <= 0.8x bare on scrapinghub.
"""

from __future__ import annotations

import hashlib
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import trafilatura  # noqa: E402 - the baseline is the library itself, called bare
from lxml.html import HtmlElementClassLookup  # noqa: E402
from trafilatura import external  # noqa: E402

from bench.common import extraction_pages  # noqa: E402
from monitor.errors import ExtractError  # noqa: E402
from monitor.extract import (  # noqa: E402
    FAST_LOOKUP,
    HTML_PARSER,
    extract_page,
    extract_text,
    load_html,
)

_TOKEN = re.compile(r"\w+", re.UNICODE)
SETS = ("scrapinghub", "readability")
SYSTEMS = ("ours", "bare", "no-fb", "always-fb")
REPEATS = 3
MARGIN, WORST, COST = 0.01, -0.3, 0.8
Page = tuple[str, bytes, str, str]


def token_f1(predicted: str, truth: str) -> float:
    """Return the bag-of-words F1 between two texts (the benchmark's usual measure)."""
    p, t = Counter(_TOKEN.findall(predicted.lower())), Counter(_TOKEN.findall(truth.lower()))
    overlap = sum((p & t).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(p.values()), overlap / sum(t.values())
    return 2 * precision * recall / (precision + recall)


def half(page_id: str) -> str:
    """Return 'A' (tuned on) or 'B' (held out) by the first byte of sha1 of the page id."""
    return "A" if hashlib.sha1(page_id.encode()).digest()[0] % 2 == 0 else "B"


# What trafilatura's justext fallback loads as shipped: every language's stopwords (our
# extractor loads fewer, see monitor/extract.py); swapped in for the baseline's calls only.
ALL_STOPWORDS = tuple({w for lang in external.get_stoplists() for w in external.get_stoplist(lang)})


def trafilatura_as_shipped(html: bytes, url: str, **options: object) -> str:
    """Run trafilatura as shipped: importing monitor.extract switched its lookup and stoplist."""
    HTML_PARSER.set_element_class_lookup(HtmlElementClassLookup())
    ours_stopwords, external.JT_STOPLIST = external.JT_STOPLIST, ALL_STOPWORDS
    try:
        return trafilatura.extract(html, url=url or None, **options) or ""  # type: ignore[arg-type]
    finally:
        HTML_PARSER.set_element_class_lookup(FAST_LOOKUP)
        external.JT_STOPLIST = ours_stopwords


def bare(html: bytes, url: str) -> str:
    return trafilatura_as_shipped(html, url)


def no_fallbacks(html: bytes, url: str) -> str:
    return trafilatura_as_shipped(html, url, fast=True)


def always_fallbacks(html: bytes, url: str) -> str:
    return trafilatura_as_shipped(
        html, url, fast=False, favor_recall=True, include_comments=False, include_tables=True
    )


def ours(html: bytes, url: str) -> str:
    try:
        return extract_page(html, url or None).text
    except ExtractError:
        return ""


RUN: dict[str, Callable[[bytes, str], str]] = {
    "ours": ours,
    "bare": bare,
    "no-fb": no_fallbacks,
    "always-fb": always_fallbacks,
}


def scores(pages: list[Page]) -> tuple[dict[str, dict[str, float]], Counter[str]]:
    """Return {system: {page id: token F1}} and how often each of our passes gave the text."""
    found: dict[str, dict[str, float]] = {name: {} for name in SYSTEMS}
    passes: Counter[str] = Counter()
    for page_id, html, url, truth in pages:
        for name in SYSTEMS:
            found[name][page_id] = token_f1(RUN[name](html, url), truth)
        tree = load_html(html)
        passes[extract_text(tree, url or None)[1] if tree is not None else "unparsed"] += 1
    return found, passes


def cost_ratio(pages: list[Page]) -> tuple[float, list[float]]:
    """Return the median over REPEATS of CPU(ours) / CPU(bare) on the pages, and every ratio."""
    ratios = []
    for _ in range(REPEATS):
        spent = {"ours": 0.0, "bare": 0.0}
        for _page_id, html, url, _truth in pages:
            for name in ("bare", "ours"):
                started = time.process_time()
                RUN[name](html, url)
                spent[name] += time.process_time() - started
        ratios.append(spent["ours"] / spent["bare"])
    return statistics.median(ratios), ratios


def mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def report(name: str, pages: list[Page]) -> list[str]:
    """Print one set's figures; return the targets it missed."""
    found, passes = scores(pages)
    missed = []
    print(f"\n== {name}: {len(pages)} pages (half A tuned, half B held out)")
    print(f"   {'':12}" + "".join(f"{s:>11}" for s in SYSTEMS) + "   ours-bare")
    groups = {"all": [p[0] for p in pages]}
    for h in "AB":
        groups[f"half {h}"] = [p[0] for p in pages if half(p[0]) == h]
    for label, ids in groups.items():
        means = {s: mean([found[s][i] for i in ids]) for s in SYSTEMS}
        gain = means["ours"] - means["bare"]
        print(
            f"   {label + f' ({len(ids)})':12}"
            + "".join(f"{means[s]:11.4f}" for s in SYSTEMS)
            + f"   {gain:+.4f}"
        )
        if gain < MARGIN:
            missed.append(f"{name} {label}: F1 ours - bare {gain:+.4f} < +{MARGIN}")
    print(f"   our text came from: {dict(passes)}")
    worst = sorted(pages, key=lambda p: found["ours"][p[0]] - found["bare"][p[0]])[:10]
    print("   worst 10 pages vs bare (id, half, ours, bare, difference):")
    for page_id, *_ in worst:
        a, b = found["ours"][page_id], found["bare"][page_id]
        print(f"     {page_id[:40]:40} {half(page_id)}  {a:.3f}  {b:.3f}  {a - b:+.3f}")
    lowest = min(found["ours"][i] - found["bare"][i] for i in groups["all"])
    if lowest < WORST:
        missed.append(f"{name}: a page {lowest:+.3f} below bare (limit {WORST})")
    ratio, ratios = cost_ratio(pages)
    print(
        f"   cost ours/bare (CPU time, median of {REPEATS}): {ratio:.2f}x"
        f"   (runs: {', '.join(f'{r:.2f}' for r in ratios)})"
    )
    if name == "scrapinghub" and ratio > COST:
        missed.append(f"{name}: cost {ratio:.2f}x bare > {COST}x")
    return missed


def main() -> int:
    missed: list[str] = []
    for name in SETS:
        missed += report(name, list(extraction_pages(name)))
    print()
    for line in missed:
        print("MISSED:", line)
    print(
        "targets (F1 >= bare + 0.01 per set and half; worst page >= -0.3; cost <= 0.8x):",
        "met" if not missed else "MISSED",
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
