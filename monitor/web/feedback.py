"""Feedback links: a GET shows what the link would record; only the confirmation POST records it.

Mail scanners and link previewers follow every link in an email, so a GET never changes
anything. The POST carries the link's token and an HMAC tag of it made for the form; it is
refused when the browser says it came from another site. A link records its verdict once:
used again (a replay), it changes nothing.
"""

from __future__ import annotations

import asyncio
import hashlib
import html
import logging
from urllib.parse import urlsplit

from monitor.errors import LinkError
from monitor.store import verdicts as verdict_store
from monitor.store.verdicts import Verdict
from monitor.web.app import WebContext
from monitor.web.links import FEEDBACK
from monitor.web.server import Request, Response, Route

log = logging.getLogger("monitor.web")
PREFIX = "/f/"
_FORM = "feedback-form"
_WORDS = {"relevant": "relevant", "not_relevant": "not relevant"}

_PAGE = """<!doctype html><html lang="en"><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>{title}</title>
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:36em;margin:2em auto;padding:0 1em}}
button{{font-size:1em;padding:.5em 1.2em}}@media (prefers-color-scheme:dark){{
body{{background:#111;color:#eee}}a{{color:#9cf}}}}</style><h1>{title}</h1>{body}</html>"""


def routes(ctx: WebContext) -> list[Route]:
    """The confirmation page (GET) and the recording of a verdict (POST)."""

    async def show(request: Request) -> Response:
        return await _show(ctx, request)

    async def record(request: Request) -> Response:
        return await _record(ctx, request)

    return [Route("GET", PREFIX, show), Route("POST", PREFIX, record)]


def link_hash(token: str) -> str:
    """What the store keeps of a used link (never the token itself)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _page(status: int, title: str, body: str) -> Response:
    return Response(status, _PAGE.format(title=html.escape(title), body=body))


async def _claims(ctx: WebContext, request: Request) -> tuple[str, dict[str, str | int]]:
    token = request.path[len(PREFIX) :]
    return token, ctx.signer.verify(FEEDBACK, token, ctx.clock())


def _topic_name(ctx: WebContext, topic_id: str) -> str:
    names = {t.id: t.name for t in ctx.config.watchlist.topics}
    return names.get(topic_id, topic_id)


async def _show(ctx: WebContext, request: Request) -> Response:
    try:
        token, claims = await _claims(ctx, request)
    except LinkError as exc:
        return _page(403, "Link not valid", f"<p>{html.escape(exc.message)}.</p>")
    article_id, topic_id = int(claims["a"]), str(claims["t"])
    titles = await asyncio.to_thread(verdict_store.article_titles, ctx.engine, [article_id])
    if article_id not in titles:
        return _page(404, "Story not found", "<p>This story is no longer stored.</p>")
    if await asyncio.to_thread(verdict_store.link_used, ctx.engine, link_hash(token)):
        return _page(200, "Already recorded", "<p>This link was used already; thank you.</p>")
    title, url = titles[article_id]
    verdict = _WORDS.get(str(claims["v"]), "?")
    body = (
        f'<p>Mark <a href="{html.escape(url)}">{html.escape(title)}</a> as '
        f"<strong>{verdict}</strong> to <em>{html.escape(_topic_name(ctx, topic_id))}</em>?</p>"
        f'<form method="post" action="{PREFIX}{html.escape(token)}">'
        f'<input type="hidden" name="check" value="{ctx.signer.tag(_FORM, token)}">'
        f'<button type="submit">Yes, {verdict}</button></form>'
        "<p>Your answer teaches the topic's rules (see <code>monitor suggest</code>).</p>"
    )
    return _page(200, "Confirm your feedback", body)


def _cross_site(ctx: WebContext, request: Request) -> bool:
    """Say whether the browser reports the POST as coming from another site."""
    if request.headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
        return True
    origin = request.headers.get("origin")
    if not origin:
        return False  # older browsers send none on a same-origin form; the tag still guards
    base = ctx.config.settings.web.public_base_url
    ours = urlsplit(base).netloc if base else request.headers.get("host", "")
    return origin == "null" or urlsplit(origin).netloc != ours


async def _record(ctx: WebContext, request: Request) -> Response:
    try:
        token, claims = await _claims(ctx, request)
    except LinkError as exc:
        return _page(403, "Link not valid", f"<p>{html.escape(exc.message)}; nothing changed.</p>")
    check = request.field("check") or ""
    if _cross_site(ctx, request) or check != ctx.signer.tag(_FORM, token):
        log.warning("feedback refused: not from our form", extra={"stage": "web"})
        return _page(403, "Not recorded", "<p>Use the button on the confirmation page.</p>")
    verdict: Verdict = "relevant" if claims["v"] == "relevant" else "not_relevant"
    outcome = await asyncio.to_thread(
        verdict_store.record_verdict,
        ctx.engine,
        recipient=str(claims["r"]),
        article_id=int(claims["a"]),
        topic_id=str(claims["t"]),
        verdict=verdict,
        source="web",
        now=ctx.clock(),
        link_hash=link_hash(token),
    )
    log.info(
        "feedback",
        extra={"stage": "web", "topic": claims["t"], "reason": f"{verdict}: {outcome}"},
    )
    if outcome == "unknown_article":
        return _page(404, "Story not found", "<p>This story is no longer stored.</p>")
    if outcome == "replayed":
        return _page(200, "Already recorded", "<p>This link was used already; nothing changed.</p>")
    return _page(200, "Thank you", f"<p>Recorded as {_WORDS[verdict]}.</p>")
