"""The pure per-article work: page -> text, then topics and quotes, in a worker process or not."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from monitor.errors import ExtractError
from monitor.faults import crash_point
from monitor.fingerprint import fingerprint, to_signed
from monitor.models import ArticleAnalysis, ArticleInput

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from monitor.models import TopicMatch
    from monitor.rules import RuleSet, TopicSpec

_RULES: RuleSet | None = None  # the worker process's compiled RuleSet, built once by _init_worker


@dataclass(frozen=True, slots=True)
class Analysed:
    """An analysis plus what the store keys on: content hash, SimHash, extraction problem."""

    analysis: ArticleAnalysis
    content_hash: str
    fingerprint: int
    error: str | None = None
    canonical_url: str | None = None  # what the page's <link rel=canonical> names, if anything


def analyse_article(
    article: ArticleInput, rules: RuleSet | None, *, every_topic: bool = False
) -> Analysed:
    """Match topics and extract quotes for an article whose text is known.

    Only matched topics are kept unless `every_topic` (explain): then every topic is, each
    non-match with its score and the clause that failed.
    """
    # Imported here: with worker processes the service's own process never analyses, and the
    # quote patterns alone took a third of a second to compile at start-up.
    from monitor.quotes import extract_quotes

    matches: tuple[TopicMatch, ...] = ()
    if rules is not None and every_topic:
        matches = rules.evaluate_all(article.title, article.text)
    elif rules is not None:
        matches = rules.matched_topics(article.title, article.text)
    quotes = extract_quotes(article.text)
    digest = hashlib.sha256(f"{article.title}\n{article.text}".encode()).hexdigest()
    analysis = ArticleAnalysis(article=article, matches=tuple(matches), quotes=quotes)
    return Analysed(analysis, digest, to_signed(fingerprint(f"{article.title} {article.text}")))


def analyse_page(html: bytes | None, fallback: ArticleInput, rules: RuleSet | None) -> Analysed:
    """Extract a fetched page and analyse it; use the feed's text when the page gives less."""
    if html is None:
        return analyse_article(replace(fallback, from_summary=True), rules)
    # Imported here: with worker processes the service itself never loads trafilatura (and
    # its date parsers), which keeps the main process a few tens of MB smaller.
    from monitor.extract import extract_page

    try:
        crash_point("extract")
        page = extract_page(html, fallback.url)
    except ExtractError as exc:
        result = analyse_article(replace(fallback, from_summary=True), rules)
        return replace(result, error=str(exc))
    article = replace(
        fallback,
        title=fallback.title or page.title or "",
        author=fallback.author or page.author,
        published=fallback.published or page.published,
        language=page.language,
    )
    if len(page.text) < len(fallback.text):
        # The feed already carries more of the story (its full text) than the page gave: a
        # teaser or paywalled page, or one whose body scripts draw. The feed's text is kept.
        reason = (
            f"{fallback.url}: the page gave {len(page.text)} characters of text and the feed "
            f"{len(fallback.text)}; the feed's text is used"
        )
        result = analyse_article(replace(article, from_summary=True), rules)
        return replace(result, error=reason, canonical_url=page.canonical_url)
    result = analyse_article(replace(article, text=page.text), rules)
    return replace(result, canonical_url=page.canonical_url)


def _init_worker(groups: dict[str, list[str]], topics: Sequence[TopicSpec]) -> None:
    global _RULES
    from monitor.rules import compile_rules

    _RULES = compile_rules(groups, topics)


def _analyse_in_worker(html: bytes | None, fallback: ArticleInput) -> Analysed:
    return analyse_page(html, fallback, _RULES)


class Analyser:
    """Run page analysis in worker processes so CPU-bound extraction overlaps network I/O."""

    def __init__(
        self, groups: dict[str, list[str]], topics: Sequence[TopicSpec], workers: int
    ) -> None:
        self._workers = workers
        self._pool: ProcessPoolExecutor | None = None
        self._rules: RuleSet | None = None
        self._start(groups, list(topics))

    def _start(self, groups: dict[str, list[str]], topics: list[TopicSpec]) -> None:
        self._groups, self._topics = groups, topics
        if self._workers == 0:
            from monitor.rules import compile_rules

            self._rules = compile_rules(groups, topics)

    def update(self, groups: dict[str, list[str]], topics: Sequence[TopicSpec]) -> None:
        """Analyse pages with new rules from now on; pages already submitted finish as they were."""
        old, self._pool = self._pool, None  # the next page starts a pool with the new rules
        self._start(groups, list(topics))
        if old is not None:
            old.shutdown(wait=False)  # queued work still runs; the processes exit after it

    def _workers_pool(self) -> ProcessPoolExecutor:
        """Start the pool at the first page: a poll with nothing new never spawns a process."""
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # Spawned, not forked: a worker starts clean with only the extraction modules instead
            # of a copy-on-write image of the service (its HTTP client, database pool, threads).
            self._pool = ProcessPoolExecutor(
                max_workers=self._workers,
                initializer=_init_worker,
                initargs=(self._groups, self._topics),
                mp_context=multiprocessing.get_context("spawn"),
            )
        return self._pool

    async def page(self, html: bytes | None, fallback: ArticleInput) -> Analysed:
        """Analyse one page (or the feed's text when html is None)."""
        if self._workers == 0:
            return analyse_page(html, fallback, self._rules)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._workers_pool(), _analyse_in_worker, html, fallback)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
