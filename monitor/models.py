"""Immutable records passed between stages; no stage reads another stage's internals."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal, Protocol

Field = Literal["title", "lead", "body"]
QuoteKind = Literal["direct", "partial", "scare"]
SpeakerKind = Literal["person", "organization", "description"]


@dataclass(frozen=True, slots=True)
class FetchResult:
    """What one HTTP GET produced; `not_modified` means a 304 and an empty body."""

    url: str
    final_url: str
    status: int
    body: bytes
    headers: Mapping[str, str]  # lower-cased names
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False
    permanent_redirect: str | None = None  # new URL when a 301/308 moved the resource
    charset: str | None = None
    elapsed: float = 0.0

    def text(self) -> str:
        """Decode the body with the detected charset, replacing invalid bytes."""
        return self.body.decode(self.charset or "utf-8", errors="replace")


class FetcherProtocol(Protocol):
    """What polling asks of a fetcher (monitor.feeds.Fetcher, or a wrapper around one)."""

    async def fetch(
        self,
        url: str,
        *,
        kind: Literal["feed", "page"],
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET `url`; raise FetchError when it cannot be had."""
        ...

    async def aclose(self) -> None:
        """Close connections."""
        ...


@dataclass(frozen=True, slots=True)
class FeedItem:
    """One entry of a feed, as the publisher described it."""

    link: str
    title: str
    guid: str | None = None
    summary: str = ""  # plain text
    content: str = ""  # plain text of the entry's full content, when the feed carries it
    published: datetime | None = None  # UTC
    author: str | None = None


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """A feed's entries and the hints it gives about how often to poll it."""

    title: str
    link: str | None
    items: tuple[FeedItem, ...]
    ttl_minutes: int | None = None  # <ttl> or sy:updatePeriod/sy:updateFrequency
    warning: str | None = None  # feedparser's complaint when it parsed leniently
    skipped: tuple[str, ...] = ()  # why each dropped entry was dropped


@dataclass(frozen=True, slots=True)
class ExtractedPage:
    """Article text and metadata that trafilatura found in a page."""

    text: str
    title: str | None = None
    author: str | None = None
    published: datetime | None = None
    language: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a watch-list term; offsets index into the field's text."""

    term: str
    field: Field
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class TopicMatch:
    """How one article fared against one topic, with the evidence for it."""

    topic_id: str
    matched: bool
    score: float
    hits: tuple[Hit, ...] = ()
    why: str = ""  # one line for the digest: which clauses held, with which terms
    failed: str | None = None  # the clause that failed, for a non-match
    evidence: tuple[str, ...] = ()  # sentences that satisfied NEAR / co-occurrence clauses
    near: bool = False  # failed the rule but held the topic's `near` rule: a near miss

    @property
    def tier(self) -> Literal["match", "near"] | None:
        """Say which list the article belongs in: the main one, the near misses, or neither."""
        if self.matched:
            return "match"
        return "near" if self.near else None


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation with who said it; offsets index into the article text."""

    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None  # resolved name ("Spokesman Lin Jian"); None for scare quotes
    speaker_text: str | None = None  # the words as written ("he", "the spokesman")
    cue: str | None = None  # reporting verb or phrase ("said", "according to")
    confidence: float = 0.0
    person: str | None = None  # canonical name without titles ("Joe Biden"), people only
    role: str | None = None  # the title written with the name ("US President")
    speaker_kind: SpeakerKind | None = None  # None: no speaker, or an unresolved pronoun
    # Provenance, when read back from the store: which outlet carried the words first, when,
    # and how many outlets repeated them.
    first_outlet: str | None = None
    first_seen: datetime | None = None
    outlets: int = 0


@dataclass(frozen=True, slots=True)
class ArticleInput:
    """An article ready for matching and quoting, whatever it came from."""

    url: str  # canonical
    title: str
    text: str
    published: datetime | None = None
    author: str | None = None
    language: str | None = None
    outlet: str | None = None
    from_summary: bool = False  # page unavailable: text is the feed's own summary


@dataclass(frozen=True, slots=True)
class ArticleAnalysis:
    """Everything the pure stages found in one article."""

    article: ArticleInput
    # The matched topics; `monitor explain` also keeps the non-matches, with why they failed.
    matches: tuple[TopicMatch, ...] = ()
    quotes: tuple[Quote, ...] = ()

    @property
    def matched_topics(self) -> tuple[str, ...]:
        return tuple(m.topic_id for m in self.matches if m.matched)


@dataclass(frozen=True, slots=True)
class FeedHealth:
    """A feed that has been failing, for the digest footer and `monitor feeds`."""

    url: str
    title: str | None
    failing_since: datetime | None
    error_count: int
    last_error: str | None


@dataclass(frozen=True, slots=True)
class DigestStory:
    """One story cluster as the digest shows it."""

    headline: str
    url: str
    outlet: str
    published: datetime | None  # UTC
    topic_id: str
    score: float
    why: str
    terms: tuple[str, ...] = ()
    quotes: tuple[Quote, ...] = ()
    also_in: tuple[str, ...] = ()  # other outlets that carried the same story
    updated: bool = False  # sent before, shown again because it changed
    lede: str = ""  # one or two sentences saying what the story is
    labels: tuple[str, ...] = ()  # the outlet's watch-list labels ("state media", "CN")
    also_topics: tuple[str, ...] = ()  # names of the other topics the story matched
    article_id: int = 0
    rank: float = 0.0  # importance across topics (score, recency, outlets)
    # Small per-story links (label, URL) under the story, e.g. feedback; built per recipient.
    links: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class SpeakerLine:
    """One person in "Who said what": their best quote and how many stories quoted them."""

    speaker: str
    quote: str
    stories: int
    headline: str
    url: str
    outlet: str


@dataclass(frozen=True, slots=True)
class NearMiss:
    """A story that failed a topic's rule but held its `near` rule: "Also mentioned"."""

    headline: str
    url: str
    outlet: str
    published: datetime | None  # UTC
    sentence: str  # the one sentence that joins the actors
    article_id: int = 0
    links: tuple[tuple[str, str], ...] = ()  # feedback, per recipient ("Belongs here", ...)


@dataclass(frozen=True, slots=True)
class TopicSection:
    """A topic's stories in one digest, best first, with its 14-day volume trend."""

    topic_id: str
    name: str
    stories: tuple[DigestStory, ...]
    # Articles matching the topic per period, oldest first; the last is this digest's period
    # and equals `articles`, so the count and the bars always count the same thing.
    trend: tuple[int, ...] = ()
    more: int = 0  # stories of this topic that did not fit the caps
    articles: int = 0  # articles that matched the topic in the period (the last bar)
    near: tuple[NearMiss, ...] = ()  # near misses, best first; never in `stories` or counts
    near_more: int = 0  # near misses that did not fit the cap


@dataclass(frozen=True, slots=True)
class DigestContent:
    """Everything a digest email shows, already selected and ranked."""

    digest_id: str
    title: str
    timezone: str
    period_start: datetime  # UTC
    period_end: datetime  # UTC
    sections: tuple[TopicSection, ...]
    failing_feeds: tuple[FeedHealth, ...] = ()
    late: bool = False  # sent after its due time because the service was down
    empty_note: str = "Nothing matched your topics in this period."
    top: tuple[DigestStory, ...] = ()  # the most important stories across topics
    feeds_total: int = 0  # enabled feeds, for the one feed-health line
    full_list_url: str | None = None  # the web page with every story of the period
    full_list: bool = False  # this is the full list itself (no caps, no "more" counts)
    speakers: tuple[SpeakerLine, ...] = ()


@dataclass(frozen=True, slots=True)
class RenderedDigest:
    """A digest ready to be put in an envelope."""

    subject: str
    text: str
    html: str
    images: tuple[InlineImage, ...] = field(default_factory=tuple)
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file sent along with the digest (the period's full list when there is no web page)."""

    filename: str
    data: bytes
    mime_type: str = "text/html"


@dataclass(frozen=True, slots=True)
class InlineImage:
    """An image the HTML part references as cid:<cid>."""

    cid: str
    data: bytes
    mime_type: str = "image/png"
