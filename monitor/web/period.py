"""The full-period page: every story of one digest period, behind a recipient's signed link."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from html import escape

from monitor.digest.compose import compose
from monitor.digest.render import full_list_page
from monitor.errors import LinkError
from monitor.periods import Period
from monitor.store import deliveries as delivery_store
from monitor.web.app import WebContext
from monitor.web.links import PERIOD, make_links, with_links
from monitor.web.server import Handler, Request, Response

log = logging.getLogger("monitor.web")
PREFIX = "/p/"


def message_page(status: int, title: str, text: str) -> Response:
    """A small readable page for a link that cannot be served (expired, forged, gone)."""
    body = (
        '<!doctype html><html lang="en"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title>"
        '<body style="font-family:sans-serif;max-width:36em;margin:3em auto;padding:0 1em">'
        f'<h1 style="font-size:1.4em">{escape(title)}</h1><p>{escape(text)}</p></body></html>'
    )
    return Response(status, body)


def _page(ctx: WebContext, digest_id: str, recipient: str, start: datetime) -> Response:
    """Compose and render the period's full list (runs in a worker thread)."""
    digest = next((d for d in ctx.config.watchlist.digests if d.id == digest_id), None)
    if digest is None or recipient not in digest.recipients:
        return message_page(
            410, "This digest is gone", "The digest or its recipient is no longer configured."
        )
    found = delivery_store.recipient_period(ctx.engine, digest_id, recipient, start)
    if found is None:
        return message_page(404, "Period not found", "No digest was sent for this period.")
    key, window_start, due_at = found
    period = Period(key, due_at, window_start)
    content = compose(ctx.engine, ctx.config, digest, period, skip_sent=False).content
    links = make_links(ctx.config)
    if links is not None:  # the full list carries the same feedback links as the email
        content = with_links(content, links, recipient, ctx.clock())
    return Response(200, full_list_page(content))


def period_page_handler(ctx: WebContext) -> Handler:
    """Return the handler of GET /p/<token>: the recipient's full list of one period."""

    async def handle(request: Request) -> Response:
        token = request.path[len(PREFIX) :]
        try:
            claims = ctx.signer.verify(PERIOD, token, ctx.clock())
        except LinkError as exc:
            status = 410 if "expired" in str(exc) else 403
            return message_page(status, "This link cannot be opened", str(exc))
        digest_id, recipient, start = claims.get("d"), claims.get("r"), claims.get("s")
        if not isinstance(digest_id, str) or not isinstance(recipient, str):
            return message_page(403, "This link cannot be opened", "The link is incomplete.")
        if not isinstance(start, int):
            return message_page(403, "This link cannot be opened", "The link is incomplete.")
        moment = datetime.fromtimestamp(start, UTC)
        return await asyncio.to_thread(_page, ctx, digest_id, recipient, moment)

    return handle
