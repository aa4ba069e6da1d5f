"""Crash points for the crash-safety suite: MONITOR_CRASH_AT=point[:n] SIGKILLs the service there.

Unset (always, in production) every call is one dictionary lookup. The suite names a point and the
process group dies on its n-th visit, exactly as a power cut or an OOM kill would leave it; the
suite then restarts the service and checks that nothing was lost or sent twice.
"""

from __future__ import annotations

import os
import signal
from collections import Counter

POINTS = (
    "fetch",  # an article page request is in flight
    "extract",  # inside trafilatura, in a worker process or in-process
    "store",  # inside the transaction that stores an article's text, matches and quotes
    "entries",  # feed entries stored, their pages not yet analysed
    "render",  # a digest has been rendered, nothing sent yet
    "sent",  # SMTP accepted the digest, the delivery row is not yet marked sent
)
_visits: Counter[str] = Counter()


def crash_point(name: str) -> None:
    """Kill this process group here if MONITOR_CRASH_AT names this point (and visit)."""
    spec = os.environ.get("MONITOR_CRASH_AT")
    if not spec:
        return
    point, _, nth = spec.partition(":")
    if point not in POINTS:
        # A misspelt point would never fire and the crash suite would wait for nothing.
        raise ValueError(f"MONITOR_CRASH_AT={spec}: no crash point {point!r}; one of {POINTS}")
    if point != name:
        return
    _visits[name] += 1
    if _visits[name] >= int(nth or 1):
        # The group: a crash in an extraction worker takes the service down with it, as an
        # OOM kill of the machine would; the suite runs the service in its own session.
        os.killpg(os.getpgid(0), signal.SIGKILL)
