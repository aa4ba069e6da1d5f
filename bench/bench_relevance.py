"""Relevance tiers and suggestions on the labelled dev set; exit 1 when a target is missed.

Run from the repo root: `.venv/bin/python bench/bench_relevance.py`. Reads
../shared/data/relevance/dev.jsonl (or $MONITOR_SHARED_DATA) and config/watchlist.yaml.

Figures (label >= 1 is relevant):
- main tier: relevant recall >= 0.775, label-0 articles matched <= 0.05;
- main + near: relevant recall >= 0.97, label-0 articles in either tier <= 0.30;
- suggestions: the dev labels imported as per-topic verdicts; the accepted edits' held-out
  (5-fold) effect printed beside the fitted one, and held-out recall not lowered.
Each figure is printed for the whole set and for its two halves (sha1 of the id, even / odd);
the near rules were chosen on the even half, so the odd half is the held-out check.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from monitor.rules import TopicSpec, compile_rules  # noqa: E402
from monitor.rules.suggest import Effect, Labelled, suggest  # noqa: E402

TARGETS = {"main_recall": 0.775, "main_zero": 0.05, "both_recall": 0.97, "both_zero": 0.30}
PAIR_CODES = {"china-russia": "CR", "nato-russia": "NR", "nato-china": "CN"}
CORE = "china-nato-russia"


def shared_data() -> Path:
    return Path(os.environ.get("MONITOR_SHARED_DATA", ROOT.parent / "shared" / "data"))


def half(row: dict) -> int:
    return int(hashlib.sha1(row["id"].encode("utf-8")).hexdigest(), 16) % 2


def load() -> tuple[dict, list[TopicSpec], list[dict]]:
    data = yaml.safe_load((ROOT / "config" / "watchlist.yaml").read_text(encoding="utf-8"))
    specs = [
        TopicSpec(t["id"], t["name"], t["rule"], float(t.get("threshold", 0.5)), near=t.get("near"))
        for t in data["topics"]
    ]
    path = shared_data() / "relevance" / "dev.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return data["groups"], specs, rows


def tiers(groups: dict, specs: list[TopicSpec], rows: list[dict]) -> bool:
    """Print main and main+near figures for all rows and each half; True when targets hold."""
    rules = compile_rules(groups, specs)
    found = {r["id"]: {m.tier for m in rules.matched_topics(r["title"], r["text"])} for r in rows}
    ok = True
    print("set           main recall    label-0 main    main+near recall   label-0 either")
    for name, part in (("all", rows), ("half even", None), ("half odd", None)):
        if part is None:
            part = [r for r in rows if half(r) == (0 if name == "half even" else 1)]
        pos = [r for r in part if r["label"] >= 1]
        neg = [r for r in part if r["label"] == 0]
        main_pos = sum("match" in found[r["id"]] for r in pos)
        both_pos = sum(bool(found[r["id"]]) for r in pos)
        main_neg = sum("match" in found[r["id"]] for r in neg)
        both_neg = sum(bool(found[r["id"]]) for r in neg)
        figures = (
            main_pos / len(pos),
            main_neg / len(neg),
            both_pos / len(pos),
            both_neg / len(neg),
        )
        print(
            f"{name:<12}{main_pos:>4}/{len(pos)} {figures[0]:.3f}  {main_neg:>4}/{len(neg)} "
            f"{figures[1]:.3f}  {both_pos:>6}/{len(pos)} {figures[2]:.3f}  "
            f"{both_neg:>6}/{len(neg)} {figures[3]:.3f}"
        )
        if name == "all":
            ok = (
                figures[0] >= TARGETS["main_recall"]
                and figures[1] <= TARGETS["main_zero"]
                and figures[2] >= TARGETS["both_recall"]
                and figures[3] <= TARGETS["both_zero"]
            )
    print(
        "targets (all): main recall >= 0.775, label-0 main <= 0.05; main+near recall >= 0.97, "
        "label-0 either <= 0.30"
    )
    naive = compile_rules(
        groups,
        [
            TopicSpec(
                "naive", "naive", "(china AND nato) OR (china AND russia) OR (nato AND russia)", 0.0
            )
        ],
    )
    zero = [r for r in rows if r["label"] == 0]
    taken = sum(bool(naive.matched_topics(r["title"], r["text"])) for r in zero)
    print(
        f"baseline, two of three names anywhere: label-0 {taken}/{len(zero)} "
        f"= {taken / len(zero):.3f}"
    )
    return ok


def verdicts(spec: TopicSpec, rows: list[dict]) -> list[Labelled]:
    """Map dev labels to one topic's verdicts.

    Core topic: label 2 relevant, everything else not relevant. A pair topic: label 2, or label
    1 about that pair, relevant; label 0 and label-1 stories about another pair not relevant.
    """
    items = []
    for r in rows:
        if spec.id == CORE:
            relevant = r["label"] == 2
        else:
            pair = sorted(r.get("pair") or "")
            relevant = r["label"] == 2 or (r["label"] == 1 and pair == sorted(PAIR_CODES[spec.id]))
        items.append(Labelled(r["id"], r["title"], r["text"], relevant))
    return items


def _effect(e: Effect) -> str:
    return f"relevant +{e.gained}/-{e.lost}, not relevant -{e.removed}/+{e.added}"


def suggestions(groups: dict, specs: list[TopicSpec], rows: list[dict]) -> bool:
    """Print each topic's accepted suggestions, fitted vs held out; True if recall held."""
    ok = True
    print("\nsuggestions from the dev labels as verdicts (5 folds by sha1 of the id):")
    for spec in specs:
        started = time.process_time()
        report = suggest(groups, spec, verdicts(spec, rows))
        took = time.process_time() - started
        print(
            f"- {spec.id}: {len(report.suggestions)} accepted; fitted {_effect(report.fitted)}; "
            f"held out {_effect(report.held_out)}; whole procedure held out "
            f"{_effect(report.procedure)}; recall {report.baseline_recall:.3f} -> "
            f"{report.held_out_recall:.3f} held out ({took:.1f} s CPU)"
        )
        for s in report.suggestions:
            print(
                f"    {s.edit.describe}: fitted {_effect(s.fitted)}; held out {_effect(s.held_out)}"
            )
        ok = ok and report.held_out_recall >= report.baseline_recall and report.held_out.lost == 0
    print("target: the accepted edits never lower held-out recall")
    return ok


def main() -> int:
    groups, specs, rows = load()
    ok = tiers(groups, specs, rows)
    ok = suggestions(groups, specs, rows) and ok
    print("\nrelevance targets:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
