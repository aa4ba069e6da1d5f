"""Helpers shared by the benches: where the shared data is, and how to read it."""

from __future__ import annotations

import gzip
import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_data() -> Path:
    """Return ../shared/data (or $MONITOR_SHARED_DATA); exit with a message if it is missing."""
    path = Path(os.environ.get("MONITOR_SHARED_DATA") or REPO.parent / "shared" / "data")
    if not path.is_dir():
        sys.exit(f"shared data not found at {path}; set MONITOR_SHARED_DATA")
    return path


def scrapinghub_pages() -> Iterator[tuple[str, bytes, str, str]]:
    """Yield (id, html bytes, url, true body) of the extraction benchmark pages."""
    folder = shared_data() / "extraction" / "scrapinghub"
    truth = json.loads((folder / "ground_truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = folder / f"{page_id}.html.gz"
        if path.exists():
            item = truth[page_id]
            yield page_id, gzip.decompress(path.read_bytes()), item.get("url", ""), item["articleBody"]
