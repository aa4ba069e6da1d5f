"""Digest delivery: plan due periods, build each digest once, send it exactly once per recipient."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from sqlalchemy import Engine

from monitor.config import Config
from monitor.digest.compose import caps_of, compose
from monitor.digest.render import fit_digest, full_list_attachment
from monitor.errors import MailError, MonitorError
from monitor.faults import crash_point
from monitor.mail import (
    SmtpTarget,
    build_message,
    make_message_id,
    outbox_stem,
    send_message,
    write_outbox,
)
from monitor.models import DigestContent, RenderedDigest
from monitor.periods import Period, latest_period, period_on
from monitor.settings import DigestConfig
from monitor.store import deliveries as delivery_store
from monitor.store.deliveries import DeliveryRef, PlannedPeriod
from monitor.web.links import make_links, with_links

log = logging.getLogger("monitor.delivery")
LATE_GRACE = 15 * 60  # seconds after the due time before a digest counts as late
MAX_RETRY_DELAY = 6 * 3600.0  # doubling stops here, so a late retry still arrives the same day
CATCH_UP_PERIODS = 7  # a period sent after an outage covers at most this many periods


@dataclass(frozen=True, slots=True)
class BuiltDigest:
    """A rendered digest and the stories it shows (article id -> content hash)."""

    content: DigestContent
    rendered: RenderedDigest
    stories: dict[int, str | None]
    full: DigestContent | None = None  # every story, for each recipient's own fitted copy


def period_of(digest: DigestConfig, now: datetime) -> Period:
    """Return the digest's most recent due period at `now`."""
    return latest_period(digest.schedule, digest.local_time(), digest.timezone, now, digest.weekday)


def plan_due(engine: Engine, config: Config, now: datetime) -> int:
    """Create delivery rows for every digest period now due (idempotent); return how many."""
    created = 0
    for digest in config.watchlist.digests:
        anchor = delivery_store.digest_anchor(engine, digest.id, now)
        period = period_of(digest, now)
        if period.due_at < anchor:
            continue  # the digest did not exist yet when this period fell due
        start = catch_up_start(
            period, delivery_store.last_due_before(engine, digest.id, period.due_at)
        )
        plan = PlannedPeriod(digest.id, period.key, period.due_at, start, tuple(digest.recipients))
        created += delivery_store.plan_deliveries(engine, plan, now=now, grace=LATE_GRACE)
    return created


def catch_up_start(period: Period, previous_due: datetime | None) -> datetime:
    """Return the window start: back to the last planned period when periods were missed."""
    # Only the latest period is planned after an outage (one late email, not a burst), so it
    # must also cover the missed periods' matches or those stories would never be sent.
    if previous_due is None or previous_due >= period.window_start:
        return period.window_start
    limit = period.due_at - CATCH_UP_PERIODS * (period.due_at - period.window_start)
    return max(previous_due, limit)


def build_digest(
    engine: Engine,
    config: Config,
    digest: DigestConfig,
    period: Period,
    *,
    late: bool = False,
    skip_sent: bool = True,
) -> BuiltDigest:
    """Select the period's new matches, cluster, rank, cap and render them.

    What the caps leave out is reachable: through each recipient's link to the web page when
    the service has a public base URL (added per recipient when sending), else as an attached
    HTML file with the full list.
    """
    composed = compose(engine, config, digest, period, late=late, skip_sent=skip_sent)
    content, rendered = fit_digest(composed.content, caps_of(config))
    if _has_more(content) and make_links(config) is None:
        attachment = full_list_attachment(composed.content)
        rendered = replace(rendered, attachments=(attachment,))
    crash_point("render")
    return BuiltDigest(content, rendered, composed.stories, composed.content)


def _has_more(content: DigestContent) -> bool:
    """Say whether the caps left stories out."""
    return any(section.more for section in content.sections)


def _for_recipient(
    config: Config, built: BuiltDigest, recipient: str, now: datetime
) -> RenderedDigest:
    """Return the digest as this recipient gets it: with their signed links, if any.

    Their full-list link and each story's feedback links are theirs alone, so their copy is
    fitted under the size limit with the links in it.
    """
    links = make_links(config)
    if links is None or built.full is None:
        return built.rendered

    def decorate(content: DigestContent) -> DigestContent:
        return with_links(content, links, recipient, now)

    return fit_digest(built.full, caps_of(config), decorate)[1]


def send_due(
    engine: Engine,
    config: Config,
    owner: str,
    now: datetime,
    clock: Callable[[], datetime] | None = None,
    digest_ids: Sequence[str] | None = None,
) -> list[str]:
    """Claim and send due deliveries; return one line per delivery for logs and the CLI."""
    claimed = delivery_store.claim_deliveries(engine, owner, now, lease=600, digest_ids=digest_ids)
    digests = {d.id: d for d in config.watchlist.digests}
    built: dict[tuple[str, str], BuiltDigest] = {}
    report = []
    for delivery in claimed:
        digest = digests.get(delivery.digest_id)
        if digest is None:
            delivery_store.mark_failed(
                engine,
                delivery.id,
                owner,
                retry_at=None,
                error="digest no longer in the watch-list",
            )
            continue
        key = (delivery.digest_id, delivery.period)
        if key not in built:
            period = Period(delivery.period, delivery.due_at, delivery.window_start)
            try:
                built[key] = build_digest(engine, config, digest, period, late=delivery.late)
            except MonitorError as exc:
                # Rendering bugs are treated as temporary so a fixed release still sends it.
                error = MailError(f"cannot build digest: {exc}", temporary=True)
                report.append(_failed(engine, config, owner, delivery, error, now, None))
                continue
        report.append(_deliver(engine, config, owner, delivery, built[key], clock or (lambda: now)))
    return report


def _deliver(
    engine: Engine,
    config: Config,
    owner: str,
    delivery: DeliveryRef,
    built: BuiltDigest,
    clock: Callable[[], datetime],
) -> str:
    content = built.content
    if not content_has_stories(content) and not _digest(config, delivery).send_empty:
        delivery_store.mark_sent(
            engine, delivery.id, owner, message_id="(empty, not sent)", now=clock(), stories={}
        )
        return f"{delivery.digest_id} {delivery.period} {delivery.recipient}: empty, not sent"
    # Stable per delivery: a resend after a crash mid-SMTP carries the same Message-ID.
    mid = make_message_id(delivery.digest_id, delivery.recipient, delivery.period)
    try:
        msg = build_message(
            _for_recipient(config, built, delivery.recipient, clock()),
            sender=config.settings.smtp.sender,
            recipient=delivery.recipient,
            message_id=mid,
            list_id=f"<{delivery.digest_id}.news-monitor>",
            date=clock(),
        )
        where = _send(config, msg, delivery)
        crash_point("sent")  # accepted by SMTP, not yet recorded: a resend keeps the Message-ID
    except MailError as exc:
        return _failed(engine, config, owner, delivery, exc, clock(), built.stories)
    delivery_store.mark_sent(
        engine, delivery.id, owner, message_id=mid, now=clock(), stories=built.stories
    )
    log.info(
        "digest sent",
        extra={
            "digest": delivery.digest_id,
            "recipient": delivery.recipient,
            "period": delivery.period,
            "stage": "mail",
            "where": where,
        },
    )
    return f"{delivery.digest_id} {delivery.period} {delivery.recipient}: sent ({where})"


def _digest(config: Config, delivery: DeliveryRef) -> DigestConfig:
    return next(d for d in config.watchlist.digests if d.id == delivery.digest_id)


def content_has_stories(content: DigestContent) -> bool:
    """Say whether any section has a story."""
    return any(section.stories for section in content.sections)


def _send(config: Config, msg: object, delivery: DeliveryRef) -> str:
    smtp = config.settings.smtp
    if not smtp.host:
        stem = outbox_stem(delivery.digest_id, delivery.period, delivery.recipient)
        eml, _html = write_outbox(msg, config.outbox_dir, stem)  # type: ignore[arg-type]
        return str(eml)
    target = SmtpTarget(
        host=smtp.host,
        port=smtp.port,
        security=smtp.security,
        username=smtp.username,
        password=_password(config),
        timeout=smtp.timeout,
    )
    send_message(msg, target)  # type: ignore[arg-type]
    return f"{smtp.host}:{smtp.port}"


def _password(config: Config) -> str | None:
    """Read the SMTP password now; a file that cannot be read is a temporary mail error."""
    smtp = config.settings.smtp
    try:
        return smtp.password()
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or str(exc)
        raise MailError(
            f"cannot read smtp.password_file {smtp.password_file} ({reason})",
            temporary=True,
            hint="restore the file; the digest is retried",
        ) from None


def retry_delay(attempts: int, base: float) -> float:
    """Return seconds before the next try after `attempts` failures: base, doubling, capped."""
    return min(base * 2.0 ** max(attempts - 1, 0), max(base, MAX_RETRY_DELAY))


def _failed(
    engine: Engine,
    config: Config,
    owner: str,
    delivery: DeliveryRef,
    exc: MailError,
    now: datetime,
    stories: dict[int, str | None] | None,
) -> str:
    outbox = config.settings.outbox
    retry = exc.temporary and delivery.attempts < outbox.max_attempts
    retry_at = (
        now + timedelta(seconds=retry_delay(delivery.attempts, outbox.retry_base))
        if retry
        else None
    )
    delivery_store.mark_failed(
        engine, delivery.id, owner, error=str(exc), retry_at=retry_at, stories=stories, now=now
    )
    log.warning(
        "digest not sent",
        extra={
            "digest": delivery.digest_id,
            "stage": "mail",
            "recipient": delivery.recipient,
            "reason": str(exc),
            "retry_at": retry_at.isoformat() if retry_at else None,
        },
    )
    when = f"retry at {retry_at:%Y-%m-%d %H:%M} UTC" if retry_at else "gave up"
    return f"{delivery.digest_id} {delivery.period} {delivery.recipient}: failed, {when}: {exc}"


def preview_period(digest: DigestConfig, day: datetime | None, now: datetime) -> Period:
    """Return the period a preview shows: the one due on `day`, or the latest one."""
    if day is None:
        return period_of(digest, now)
    return period_on(
        digest.schedule, digest.local_time(), digest.timezone, day.date(), digest.weekday
    )


def digests_named(config: Config, ids: Sequence[str] | None) -> list[DigestConfig]:
    """Pick digests by id (all when none given); raise KeyError naming an unknown one."""
    if not ids:
        return list(config.watchlist.digests)
    known = {d.id: d for d in config.watchlist.digests}
    missing = [i for i in ids if i not in known]
    if missing:
        raise KeyError(f"unknown digest {missing[0]!r}; known: {', '.join(known)}")
    return [known[i] for i in ids]
