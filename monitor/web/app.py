"""The web endpoint's routes and what their handlers share (engine, config, signer, clock)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from monitor.web.server import Request, Response, Route, WebServer
from monitor.web.tokens import Signer

if TYPE_CHECKING:
    from sqlalchemy import Engine

    from monitor.config import Config


@dataclass(frozen=True)
class WebContext:
    """What every handler may use; handlers run store calls in a thread (asyncio.to_thread)."""

    engine: Engine
    config: Config
    signer: Signer
    clock: Callable[[], datetime]


_HOME = """<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>News monitor</title><p>This is the news monitor's link endpoint. The links in your digest
open pages here; there is nothing to browse.</p>"""


async def _home(_request: Request) -> Response:
    return Response(200, _HOME)


def routes(ctx: WebContext) -> list[Route]:
    """Every route of the endpoint; each feature adds its own routes here."""
    from monitor.web import feedback
    from monitor.web.period import PREFIX, period_page_handler  # it imports this module

    return [
        Route("GET", "/", _home),
        Route("GET", PREFIX, period_page_handler(ctx)),
        *feedback.routes(ctx),
    ]


def make_server(ctx: WebContext) -> WebServer:
    """A server with every route, ready to `start(host, port)`."""
    return WebServer(routes(ctx))
