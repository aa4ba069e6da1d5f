"""Run every benchmark in its own process and print a summary (`make bench`).

Each bench prints its figures next to a baseline measured in the same process and exits non-zero
when it misses its target; this script runs them one after another so they do not compete for the
two cores, and fails if any of them failed.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ORDER = [
    "bench_rules.py",
    "bench_relevance.py",
    "bench_quotes.py",
    "bench_worst.py",
    "bench_extraction.py",
    "bench_fetch.py",
    "bench_pipeline.py",
    "bench_scale.py",
    "bench_startup.py",
]


def main() -> int:
    """Run the benches given on the command line (default: all present) and summarise."""
    names = sys.argv[1:] or [n for n in ORDER if (HERE / n).exists()]
    results = []
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        code = subprocess.call([sys.executable, str(HERE / name)], cwd=HERE.parent)
        results.append((name, code, time.perf_counter() - started))
    print("\n=== summary ===")
    for name, code, took in results:
        print(f"{name:24s} {'ok' if code == 0 else f'MISSED (exit {code})':18s} {took:6.1f} s")
    return 0 if all(code == 0 for _, code, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
