"""Skip a test whose dependency is missing here, or fail it where the dependency is required."""

from __future__ import annotations

import os

import pytest


def require(flag: str, reason: str) -> None:
    """Skip on a laptop without the dependency; fail in CI, where it must be present."""
    if os.environ.get(flag):
        pytest.fail(f"{reason} (required here because {flag} is set)")
    pytest.skip(reason)
