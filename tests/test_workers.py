"""Extraction workers: bounded in tags, time and memory; replaced when killed; never stuck.

Real worker processes (spawned as in the service) analyse generated pages; the test kills them
with SIGKILL from outside, as the OOM killer or an operator would. No assertion on elapsed time:
each test asserts which bound was applied and that the fallback was recorded.
"""

from __future__ import annotations

import asyncio
import os
import resource
import signal
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.analyse import Analyser, Limits
from monitor.config import load_config
from monitor.models import ArticleInput

CONFIG = Path(__file__).resolve().parents[1] / "config" / "monitor.yaml"
FALLBACK = ArticleInput(url="http://127.0.0.1/a/1", title="Story", text="The feed's own text.")


def paragraphs(size: int) -> bytes:
    """About `size` bytes of small paragraphs (the 5 MB page took trafilatura 35 s)."""
    line = b"<p>Short line of text number %d here.</p>\n"
    out, total, n = [b"<html><body><article>"], 0, 0
    while total < size:
        out.append(line % n)
        total, n = total + len(out[-1]), n + 1
    return b"".join([*out, b"</article></body></html>"])


def tables(size: int) -> bytes:
    """About `size` bytes of table cells (four 4.7 MB ones took the process tree to 1.59 GB)."""
    row = b"<tr>" + b"".join(b"<td>c%d</td>" % i for i in range(10)) + b"</tr>\n"
    body = row * (size // len(row))
    return b"<html><body><article><p>Intro</p><table>" + body + b"</table></article></body></html>"


@pytest.fixture
def analyser_for() -> Iterator[object]:
    made: list[Analyser] = []

    def make(limits: Limits) -> Analyser:
        config = load_config(CONFIG)
        made.append(Analyser(config.watchlist.groups, config.topic_specs(), 1, limits))
        return made[-1]

    yield make
    for analyser in made:
        analyser.close()


def _pids(analyser: Analyser) -> list[int]:
    pool = analyser._pool._pool  # type: ignore[union-attr]  # the executor's own processes
    return [p.pid for p in getattr(pool, "_processes", {}).values() if p.is_alive()]


def test_each_worker_runs_under_an_address_space_limit(analyser_for) -> None:  # type: ignore[no-untyped-def]
    analyser = analyser_for(Limits(memory_mb=640))
    soft, hard = asyncio.run(analyser._pool.run(resource.getrlimit, resource.RLIMIT_AS))
    assert soft == hard == 640 * 2**20


@pytest.mark.parametrize(
    "page", [tables(int(4.7 * 2**20)), paragraphs(5 * 2**20)], ids=["tables", "paragraphs"]
)
def test_huge_pages_fall_back_to_the_feed_text_with_the_reason(analyser_for, page: bytes) -> None:  # type: ignore[no-untyped-def]
    analyser = analyser_for(Limits())
    result = asyncio.run(analyser.page(page, FALLBACK))
    assert result.analysis.article.from_summary
    assert result.analysis.article.text == FALLBACK.text
    assert "polling.extract_max_tags" in (result.error or "")


def test_a_slow_extraction_is_cut_at_its_time_limit(analyser_for) -> None:  # type: ignore[no-untyped-def]
    analyser = analyser_for(Limits(seconds=0.05, max_tags=0))
    result = asyncio.run(analyser.page(paragraphs(2**20), FALLBACK))
    assert result.analysis.article.from_summary
    assert "polling.extract_timeout" in (result.error or "")


def test_running_out_of_memory_falls_back(analyser_for) -> None:  # type: ignore[no-untyped-def]
    analyser = analyser_for(Limits(memory_mb=200, max_tags=0))
    result = asyncio.run(analyser.page(tables(int(4.7 * 2**20)), FALLBACK))
    # The 900 MB parse fails inside the 200 MB limit (lxml's MemoryError reaches us as "could not
    # be parsed", or as ours): the feed's text is stored with the reason, the worker lives on.
    assert result.analysis.article.from_summary
    assert result.error and FALLBACK.url in result.error
    assert analyser._pool.deaths == 0


async def _kill_workers(analyser: Analyser, task: asyncio.Task[object], times: int) -> int:
    killed: set[int] = set()
    while not task.done() and len(killed) < times:
        await asyncio.sleep(0.3)  # let the worker start on the page
        for pid in _pids(analyser):
            if pid not in killed and len(killed) < times:
                os.kill(pid, signal.SIGKILL)
                killed.add(pid)
    return len(killed)


def test_a_killed_worker_is_replaced_and_its_article_retried(analyser_for) -> None:  # type: ignore[no-untyped-def]
    analyser = analyser_for(Limits(max_tags=0))
    page = paragraphs(300_000)

    async def scenario() -> object:
        task = asyncio.create_task(analyser.page(page, FALLBACK))
        assert await _kill_workers(analyser, task, 1) == 1
        return await task

    result = asyncio.run(scenario())
    assert not result.gave_up and not result.analysis.article.from_summary  # type: ignore[attr-defined]
    assert "Short line of text" in result.analysis.article.text  # type: ignore[attr-defined]
    assert analyser._pool.deaths == 1  # type: ignore[union-attr]
    assert analyser.problem is None  # the retry worked: analysis is not failing
    again = asyncio.run(analyser.page(page, FALLBACK))  # the replacement keeps working
    assert not again.analysis.article.from_summary


def test_a_page_that_keeps_killing_workers_is_marked_failed(analyser_for) -> None:  # type: ignore[no-untyped-def]
    analyser = analyser_for(Limits(max_tags=0))

    async def scenario() -> object:
        task = asyncio.create_task(analyser.page(paragraphs(2 * 2**20), FALLBACK))
        await _kill_workers(analyser, task, 3)
        return await task

    result = asyncio.run(scenario())
    assert result.gave_up  # type: ignore[attr-defined]
    assert result.analysis.article.text == FALLBACK.text  # type: ignore[attr-defined]
    assert "died 3 times" in result.error  # type: ignore[attr-defined]


def _slots(tasks: list[bool], workers: int = 1) -> tuple[list[int], int, int]:
    """Run tasks (True: alone) through a pool's slots; return entry order, peak, futures made."""
    from monitor.workers import WorkerPool

    pool = WorkerPool(workers, Limits(), lambda: None, ())
    order: list[int] = []
    busy = peak = made = 0

    async def one(k: int, alone: bool) -> None:
        nonlocal busy, peak
        await pool._enter(alone)
        order.append(k)
        busy += 1
        peak = max(peak, busy)
        assert not alone or busy == 1, "a task run alone shared the pool"
        await asyncio.sleep(0)
        busy -= 1
        pool._leave(alone)

    async def main() -> None:
        nonlocal made
        loop = asyncio.get_running_loop()
        create = loop.create_future

        def counted() -> asyncio.Future[None]:
            nonlocal made
            made += 1
            return create()

        loop.create_future = counted  # type: ignore[method-assign]
        await asyncio.gather(*(one(k, alone) for k, alone in enumerate(tasks)))

    asyncio.run(main())
    return order, peak, made


def test_slots_go_to_waiting_pages_in_order_with_one_wake_up_each() -> None:
    # Each finished page used to wake every waiting page: 2,000 queued pages cost millions of
    # wake-ups in the service's process. Now a page waits on one future and enters in order.
    order, peak, made = _slots([False] * 500)
    assert order == list(range(500))
    assert peak == 2  # two per worker: one running, one queued behind it
    assert made <= 500


def test_a_page_run_alone_waits_for_an_empty_pool_and_nobody_passes_it() -> None:
    order, peak, _ = _slots([False, False, False, True, False, False])
    assert order == [0, 1, 2, 3, 4, 5]  # 4 and 5 did not overtake the lone page 3
    assert peak == 2
