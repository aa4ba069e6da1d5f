"""Build the signed URLs a digest carries: the full-period page and the feedback links."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Literal

from monitor.web.tokens import Claims, Signer

if TYPE_CHECKING:
    from monitor.config import Config
    from monitor.models import DigestContent, TopicSection

PERIOD = "p"  # token purposes, signed with the token: one never opens the other
FEEDBACK = "f"
Verdict = Literal["relevant", "not_relevant"]


@dataclass(frozen=True)
class Links:
    """Signed links under the service's public base URL, valid for `ttl` from when they are made."""

    base_url: str  # ends with "/"
    signer: Signer
    ttl: timedelta

    def period(self, recipient: str, digest_id: str, period_start: datetime, now: datetime) -> str:
        """Link to one recipient's full list of a digest period."""
        claims: Claims = {"r": recipient, "d": digest_id, "s": int(period_start.timestamp())}
        return f"{self.base_url}p/{self.signer.sign(PERIOD, claims, now + self.ttl)}"

    def feedback(
        self, recipient: str, article_id: int, topic_id: str, verdict: Verdict, now: datetime
    ) -> str:
        """Link to the confirmation page of one verdict on one story's topic."""
        claims: Claims = {"r": recipient, "a": article_id, "t": topic_id, "v": verdict}
        return f"{self.base_url}f/{self.signer.sign(FEEDBACK, claims, now + self.ttl)}"


FEEDBACK_LABELS = {
    # (tier, verdict) -> the words on the link; a near miss "belongs here" when relevant.
    ("match", "not_relevant"): "Not relevant",
    ("match", "relevant"): "Relevant",
    ("near", "relevant"): "Belongs here",
    ("near", "not_relevant"): "Not relevant",
}


def story_links(
    links: Links | None, recipient: str, article_id: int, topic_id: str, tier: str, now: datetime
) -> tuple[tuple[str, str], ...]:
    """Return the (label, URL) feedback links of one story in one recipient's digest."""
    if links is None:
        return ()
    order: tuple[Verdict, ...] = (
        ("relevant", "not_relevant") if tier == "near" else ("not_relevant", "relevant")
    )
    return tuple(
        (FEEDBACK_LABELS[(tier, v)], links.feedback(recipient, article_id, topic_id, v, now))
        for v in order
    )


def make_links(config: Config) -> Links | None:
    """Return the link builder, or None when no public base URL is configured (no links)."""
    web = config.settings.web
    secret = config.web_secret()
    if web.public_base_url is None or secret is None:
        return None  # load_config already refused a base URL without a secret
    return Links(web.public_base_url, Signer(secret), timedelta(seconds=web.link_ttl))


def with_links(
    content: DigestContent, links: Links, recipient: str, now: datetime
) -> DigestContent:
    """Add one recipient's feedback links to every story and near miss, and their full list."""

    def section(s: TopicSection) -> TopicSection:
        stories = tuple(
            replace(x, links=story_links(links, recipient, x.article_id, s.topic_id, "match", now))
            for x in s.stories
        )
        near = tuple(
            replace(x, links=story_links(links, recipient, x.article_id, s.topic_id, "near", now))
            for x in s.near
        )
        return replace(s, stories=stories, near=near)

    more = any(s.more for s in content.sections) and not content.full_list
    url = links.period(recipient, content.digest_id, content.period_start, now) if more else None
    return replace(content, sections=tuple(section(s) for s in content.sections), full_list_url=url)
