"""Time monitor.quotes on hostile text against a real article of the same size.

Run from the repository root: `.venv/bin/python bench/bench_worst.py`. Each case is a page an
attacker (or a broken site) could serve: unclosed or stray quotation marks, thousands of
quotations or names in one paragraph. Two figures per case, both ratios measured in this process:
`x normal` is its CPU time at 40 KB over that of a PolNeAR article repeated to 40 KB, `growth`
its time at 40 KB over its time at 10 KB (4 when linear, 16 when quadratic). Exits 1 when a case
grows faster than GROWTH_TARGET or costs more than RATIO_TARGET times a normal article.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.bench_quotes import clear_caches  # noqa: E402
from bench.common import shared_data  # noqa: E402
from monitor.quotes import extract_quotes  # noqa: E402
from tests.support.hostile import CASES, filled  # noqa: E402

GROWTH_TARGET = 6.0  # 4x the text: at most 6x the time (16x is quadratic)
RATIO_TARGET = 40.0  # at most 40x a normal article of the same size
KB = 40


def _cpu(text: str, rounds: int = 3) -> float:
    """Return the fastest of a few rounds of extract_quotes on text, in CPU seconds."""
    best = float("inf")
    for _ in range(rounds):
        clear_caches()
        began = time.process_time()
        extract_quotes(text)
        best = min(best, time.process_time() - began)
    return best


def main() -> int:
    """Print each case's cost against a normal article and its growth; 1 if a target is missed."""
    path = shared_data() / "quotes" / "polnear-dev.jsonl"
    article = next(a["text"] for a in map(json.loads, path.open()) if len(a["text"]) > 3000)
    normal = _cpu((article + "\n\n") * (KB * 1000 // (len(article) + 2) + 1))
    print(f"normal article repeated to {KB} KB: {normal * 1000:.1f} ms")
    print(f"{'case':36s}{'x normal':>10s}{'growth':>8s}")
    missed = []
    for name in CASES:
        large = _cpu(filled(name, KB * 1000))
        small = _cpu(filled(name, KB * 250))
        ratio, growth = large / normal, large / max(small, 1e-6)
        bad = ratio > RATIO_TARGET or growth > GROWTH_TARGET
        print(f"{name:36s}{ratio:>10.2f}{growth:>8.1f}{'  MISSED' if bad else ''}", flush=True)
        missed += [name] if bad else []
    print(f"targets: x normal <= {RATIO_TARGET:.0f}, growth <= {GROWTH_TARGET:.0f} (4 is linear)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
