"""Flow control: article slots shared fairly between hosts (pure asyncio, no clock)."""

from __future__ import annotations

import asyncio

from monitor.flow import HostSlots


async def _hold(slots: HostSlots, host: str, order: list[str], gate: asyncio.Event) -> None:
    async with slots.slot(host):
        order.append(host)
        await gate.wait()


def test_a_freed_slot_goes_to_the_host_holding_fewest() -> None:
    async def scenario() -> list[str]:
        slots, order, gate = HostSlots(2), [], asyncio.Event()
        # Feed A's five pages ask first, then one page of host B: a first-come semaphore
        # would run all of A's before B's.
        tasks = [asyncio.create_task(_hold(slots, "a", order, gate)) for _ in range(5)]
        await asyncio.sleep(0)
        tasks.append(asyncio.create_task(_hold(slots, "b", order, gate)))
        await asyncio.sleep(0)
        assert order == ["a", "a"]  # both slots taken; the rest wait
        gate.set()
        await asyncio.gather(*tasks)
        return order

    order = asyncio.run(scenario())
    assert order.index("b") < 4, order  # B was served before A's remaining pages


def test_no_more_than_size_are_held_and_cancelled_waiters_leak_nothing() -> None:
    async def scenario() -> None:
        slots, gate = HostSlots(3), asyncio.Event()
        inside, peak = 0, 0

        async def work(host: str) -> None:
            nonlocal inside, peak
            async with slots.slot(host):
                inside += 1
                peak = max(peak, inside)
                await gate.wait()
                inside -= 1

        tasks = [asyncio.create_task(work(f"h{i % 4}")) for i in range(12)]
        await asyncio.sleep(0)
        for task in tasks[5:9]:
            task.cancel()  # waiting ones give up
        await asyncio.sleep(0)
        gate.set()
        results = await asyncio.gather(*tasks, return_exceptions=True)
        cancelled = sum(isinstance(r, asyncio.CancelledError) for r in results)
        assert cancelled == 4 and peak == 3
        # Every slot came back: three more can enter at once without waiting.
        for host in ("x", "y", "z"):
            await asyncio.wait_for(slots._acquire(host), timeout=1)
        assert slots._free == 0

    asyncio.run(scenario())
