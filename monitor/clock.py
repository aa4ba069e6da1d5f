"""The service's clock: real UTC time, or a fast simulated one for subprocess tests.

MONITOR_TEST_CLOCK="<simulated start ISO>@<real start epoch>@<rate>" makes time start at the
simulated instant when the real clock read the given epoch and run `rate` times faster. Several
processes given the same value share one timeline, so a killed and restarted service continues
where it was. Only the test suite sets it; `monitor check-config` and the logs say when it is on.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta


def utcnow() -> datetime:
    """Return the current time as an aware UTC datetime."""
    return datetime.now(UTC)


def service_clock() -> Callable[[], datetime]:
    """Return the clock the service should use (the simulated one if the tests asked for it)."""
    spec = os.environ.get("MONITOR_TEST_CLOCK")
    if not spec:
        return utcnow
    start_text, real_start_text, rate_text = spec.split("@")
    start = datetime.fromisoformat(start_text)
    real_start, rate = float(real_start_text), float(rate_text)

    def simulated() -> datetime:
        return start + timedelta(seconds=(time.time() - real_start) * rate)

    return simulated
