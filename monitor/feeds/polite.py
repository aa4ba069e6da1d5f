"""Politeness: a few requests at a time per host, spaced out, under a global ceiling."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

__all__ = ["HostLimiter"]


@dataclass
class _HostGate:
    slots: asyncio.Semaphore
    next_start: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


class HostLimiter:
    """Hand out request slots: per-host concurrency and spacing, plus a global limit."""

    def __init__(self, per_host: int, interval: float, global_limit: int) -> None:
        self._per_host = per_host
        self._interval = interval
        self._global = asyncio.Semaphore(global_limit)
        self._gates: dict[str, _HostGate] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        """Hold a slot for one request to `host`, starting no sooner than its spacing allows."""
        gate = self._gate(host)
        # Host first, then global: a queue for one slow site must not hold global slots.
        async with gate.slots, self._global:
            await self._wait_turn(gate)
            yield

    def _gate(self, host: str) -> _HostGate:
        gate = self._gates.get(host)
        if gate is None:
            gate = self._gates[host] = _HostGate(asyncio.Semaphore(self._per_host))
        return gate

    async def _wait_turn(self, gate: _HostGate) -> None:
        loop = asyncio.get_running_loop()
        async with gate.lock:
            now = loop.time()
            start = max(now, gate.next_start)
            # Reserve the start time now, so waiters queue up one interval apart.
            gate.next_start = start + self._interval
        if start > now:
            await asyncio.sleep(start - now)
