"""The pure per-article work: page -> text, then topics and quotes, in a worker process or not."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from monitor.errors import ExtractError
from monitor.faults import crash_point
from monitor.fingerprint import fingerprint, to_signed
from monitor.models import ArticleAnalysis, ArticleInput
from monitor.quotes import extract_quotes
from monitor.workers import Limits, WorkerDied, WorkerPool, time_limit, worker_limits

log = logging.getLogger("monitor.analyse")
# A page whose worker died this often (it is re-run alone after the first death, so the later
# deaths are its own) is analysed from the feed's text and marked failed: one poisonous page
# must not kill workers forever.
MAX_DEATHS = 3
_TAG = re.compile(rb"<[A-Za-z]")  # an opening tag: about one per element lxml would build

if TYPE_CHECKING:
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
    gave_up: bool = False  # the page killed its worker MAX_DEATHS times: stored as failed


def analyse_article(
    article: ArticleInput, rules: RuleSet | None, *, every_topic: bool = False
) -> Analysed:
    """Match topics and extract quotes for an article whose text is known.

    Only matched topics are kept unless `every_topic` (explain): then every topic is, each
    non-match with its score and the clause that failed.
    """
    # Imported here: with worker processes the service's own process never analyses, and the
    # quote patterns alone took a third of a second to compile at start-up.

    matches: tuple[TopicMatch, ...] = ()
    if rules is not None and every_topic:
        matches = rules.evaluate_all(article.title, article.text)
    elif rules is not None:
        matches = rules.matched_topics(article.title, article.text)
    quotes = extract_quotes(article.text)
    digest = hashlib.sha256(f"{article.title}\n{article.text}".encode()).hexdigest()
    analysis = ArticleAnalysis(article=article, matches=tuple(matches), quotes=quotes)
    return Analysed(analysis, digest, to_signed(fingerprint(f"{article.title} {article.text}")))


def analyse_page(
    html: bytes | None, fallback: ArticleInput, rules: RuleSet | None, limits: Limits | None = None
) -> Analysed:
    """Extract a fetched page and analyse it; use the feed's text when the page gives less.

    Within `limits` (opening tags before parsing; seconds when in a worker process): a page
    past them is analysed from the feed's text, and the reason recorded.
    """
    if html is None:
        return analyse_article(replace(fallback, from_summary=True), rules)
    # Imported here: with worker processes the service itself never loads trafilatura (and
    # its date parsers), which keeps the main process a few tens of MB smaller.
    from monitor.extract import extract_page

    try:
        crash_point("extract")
        _check_budget(html, fallback.url, limits)
        seconds = limits.seconds if limits is not None and limits is worker_limits() else None
        with time_limit(seconds, fallback.url):
            page = extract_page(html, fallback.url)
    except (ExtractError, MemoryError) as exc:
        if isinstance(exc, MemoryError):
            exc = ExtractError(
                f"{fallback.url}: extraction ran out of memory (polling.extract_memory)"
            )
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


def _check_budget(html: bytes, url: str, limits: Limits | None) -> None:
    """Refuse a page with more elements than any article page, before lxml and trafilatura."""
    if limits is None or not limits.max_tags:
        return
    # Counted on the bytes: a 4.7 MB page of table cells parses into 450,000 elements and took
    # trafilatura 30 s and 900 MB; real article pages have at most ~10,000 (docs/configuration.md).
    if html.count(b"<") <= limits.max_tags:
        return  # every tag starts with "<": the C-level count bounds the exact one, cheaply
    tags = sum(1 for _ in _TAG.finditer(html))
    if tags > limits.max_tags:
        raise ExtractError(
            f"{url}: page has {tags} HTML tags, over the {limits.max_tags} of "
            "polling.extract_max_tags; not extracted"
        )


def _init_worker(groups: dict[str, list[str]], topics: Sequence[TopicSpec]) -> None:
    global _RULES
    from monitor.rules import compile_rules

    _RULES = compile_rules(groups, topics)


def _analyse_in_worker(html: bytes | None, fallback: ArticleInput) -> Analysed:
    return analyse_page(html, fallback, _RULES, worker_limits())


class Analyser:
    """Run page analysis in worker processes so CPU-bound extraction overlaps network I/O."""

    def __init__(
        self,
        groups: dict[str, list[str]],
        topics: Sequence[TopicSpec],
        workers: int,
        limits: Limits | None = None,
    ) -> None:
        self._workers = workers
        self.limits = limits or Limits()
        self._pool: WorkerPool | None = None
        self._rules: RuleSet | None = None
        self._gave_up: str | None = None  # the last page given up on, until a page succeeds
        self._start(groups, list(topics))

    def _start(self, groups: dict[str, list[str]], topics: list[TopicSpec]) -> None:
        if self._workers > 0:
            self._pool = WorkerPool(self._workers, self.limits, _init_worker, (groups, topics))
        else:
            from monitor.rules import compile_rules

            self._rules = compile_rules(groups, topics)

    def update(self, groups: dict[str, list[str]], topics: Sequence[TopicSpec]) -> None:
        """Analyse pages with new rules from now on; pages already submitted finish as they were."""
        old, self._pool = self._pool, None  # the next page starts a pool with the new rules
        self._start(groups, list(topics))
        if old is not None:
            old.retire()  # queued work still runs; the processes exit after it

    @property
    def problem(self) -> str | None:
        """Say why analysis is failing now (its last worker died), or None when it works."""
        return self._pool.failing or self._gave_up if self._pool is not None else None

    async def page(self, html: bytes | None, fallback: ArticleInput) -> Analysed:
        """Analyse one page (or the feed's text when html is None); raise WorkerDied rarely."""
        if self._pool is None:
            return analyse_page(html, fallback, self._rules, self.limits)
        last: WorkerDied | None = None
        for death in range(MAX_DEATHS):
            try:
                result = await self._pool.run(_analyse_in_worker, html, fallback, alone=death > 0)
            except WorkerDied as exc:
                log.warning(
                    "extraction worker died; article retried alone",
                    extra={"article_url": fallback.url, "stage": "extract", "reason": str(exc)},
                )
                last = exc
            else:
                if html is not None:
                    self._gave_up = None
                return result
        reason = (
            f"{fallback.url}: the extraction worker died {MAX_DEATHS} times on this page "
            f"(last: {last}); the feed's text is used and the article marked failed"
        )
        self._gave_up = reason
        result = await self._pool.run(_analyse_in_worker, None, fallback, alone=True)
        return replace(result, error=reason, gave_up=True)

    def close(self) -> None:
        """Stop the worker processes."""
        if self._pool is not None:
            self._pool.close()
            self._pool = None


__all__ = ["Analysed", "Analyser", "Limits", "WorkerDied", "analyse_article", "analyse_page"]
