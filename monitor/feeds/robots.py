"""robots.txt rules per origin, fetched once and cached; a missing or broken file allows all."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

__all__ = ["RobotsCache", "origin_of"]

# Returns the robots.txt body, or None when it is absent or could not be fetched.
RobotsLoader = Callable[[str], Awaitable[bytes | None]]


def origin_of(url: str) -> str:
    """Return scheme://host[:port] of `url`, the unit robots.txt applies to."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _parser(body: bytes | None) -> RobotFileParser:
    parser = RobotFileParser()
    # No rules at all (absent or unreadable file) means everything is allowed.
    text = body.decode("utf-8", errors="replace") if body is not None else ""
    parser.parse(text.splitlines())
    return parser


class RobotsCache:
    """Answer "may this user agent fetch this URL?" with one robots.txt fetch per origin."""

    def __init__(self, user_agent: str, load: RobotsLoader, ttl: float = 24 * 3600.0) -> None:
        self._agent = user_agent
        self._load = load
        self._ttl = ttl
        self._entries: dict[str, tuple[float, RobotFileParser]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def allowed(self, url: str) -> bool:
        """Return whether robots.txt of the URL's origin lets us fetch it."""
        parser = await self._parser_for(origin_of(url))
        return parser.can_fetch(self._agent, url)

    async def _parser_for(self, origin: str) -> RobotFileParser:
        lock = self._locks.setdefault(origin, asyncio.Lock())
        # The lock makes concurrent page fetches to one site share a single robots.txt request.
        async with lock:
            cached = self._entries.get(origin)
            if cached and cached[0] > time.monotonic():
                return cached[1]
            parser = _parser(await self._load(origin + "/robots.txt"))
            self._entries[origin] = (time.monotonic() + self._ttl, parser)
            return parser
