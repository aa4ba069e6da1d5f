"""A small HTTP/1.1 server for the public web endpoint: routes, forms, limits, safe headers."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

log = logging.getLogger("monitor.web")
MAX_HEAD = 8192  # bytes of request line and headers
MAX_BODY = 16384  # bytes of a form body; our forms carry a token and a button
READ_TIMEOUT = 10.0  # seconds a client may take to send its request

# Pages carry no scripts and load nothing from elsewhere; forms post only to us.
SAFE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'self'; "
        "frame-ancestors 'none'; base-uri 'none'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "X-Robots-Tag": "noindex, nofollow",
}


@dataclass(frozen=True)
class Request:
    """One parsed request: method, path (without query), query and form fields, headers."""

    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-cased names
    form: dict[str, list[str]] = field(default_factory=dict)

    def field(self, name: str) -> str | None:
        """Return a form field's first value (POST body), else the query's, else None."""
        values = self.form.get(name) or self.query.get(name)
        return values[0] if values else None


@dataclass(frozen=True)
class Response:
    """What a handler returns; the server adds length, connection and the safe headers."""

    status: int
    body: str
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[Request], Awaitable[Response]]


@dataclass(frozen=True)
class Route:
    """Requests whose method matches and whose path starts with `prefix` go to `handler`."""

    method: str
    prefix: str
    handler: Handler


_REASONS = {
    200: "OK",
    303: "See Other",
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    405: "Method Not Allowed",
    410: "Gone",
    413: "Payload Too Large",
    500: "Internal Server Error",
    503: "Service Unavailable",
}


def plain(status: int, text: str) -> Response:
    """A plain-text response (errors, refusals)."""
    return Response(status, text + "\n", "text/plain; charset=utf-8")


class WebServer:
    """Serve `routes` on one address; each connection handles one request, then closes."""

    def __init__(self, routes: Sequence[Route]) -> None:
        # Longest prefix first, so "/f/" wins over "/".
        self.routes = sorted(routes, key=lambda r: len(r.prefix), reverse=True)
        self._server: asyncio.AbstractServer | None = None

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port (port 0 picks one); return the port."""
        self._server = await asyncio.start_server(self._handle, host, port)
        return int(self._server.sockets[0].getsockname()[1])

    async def close(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            request = await asyncio.wait_for(_read_request(reader), READ_TIMEOUT)
            response = await self._dispatch(request) if isinstance(request, Request) else request
            head_only = isinstance(request, Request) and request.method == "HEAD"
        except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            response, head_only = plain(400, "bad request"), False
        try:
            writer.write(_encode(response, head_only))
            await writer.drain()
        except ConnectionError:
            pass  # the client went away; nothing to tell it
        finally:
            writer.close()

    async def _dispatch(self, request: Request) -> Response:
        method = "GET" if request.method == "HEAD" else request.method
        allowed = [r for r in self.routes if request.path.startswith(r.prefix)]
        for route in allowed:
            if route.method == method:
                try:
                    return await route.handler(request)
                except Exception:  # a page must fail alone, never the service
                    log.exception(
                        "web handler failed", extra={"stage": "web", "path": route.prefix}
                    )
                    return plain(500, "something went wrong; the error is in the service log")
        if allowed:
            return plain(405, "method not allowed")
        return plain(404, "not found")


async def _read_request(reader: asyncio.StreamReader) -> Request | Response:
    head = await reader.readuntil(b"\r\n\r\n")
    if len(head) > MAX_HEAD:
        return plain(400, "request head too large")
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
        return plain(400, "bad request line")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        name, sep, value = line.partition(":")
        if sep:
            headers[name.strip().lower()] = value.strip()
    target = urlsplit(parts[1])
    form: dict[str, list[str]] = {}
    if parts[0] == "POST":
        try:
            length = int(headers.get("content-length", "0"))
        except ValueError:
            return plain(400, "bad content length")
        if length < 0 or length > MAX_BODY:
            return plain(413, "request body too large")
        body = await reader.readexactly(length)
        if headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
            form = parse_qs(body.decode("utf-8", "replace"), max_num_fields=20)
    return Request(parts[0], target.path, parse_qs(target.query, max_num_fields=20), headers, form)


def _encode(response: Response, head_only: bool) -> bytes:
    body = response.body.encode("utf-8")
    reason = _REASONS.get(response.status, "Unknown")
    headers = {**SAFE_HEADERS, **response.headers}
    lines = [f"HTTP/1.1 {response.status} {reason}", f"Content-Type: {response.content_type}"]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    lines += [f"Content-Length: {len(body)}", "Connection: close", "", ""]
    return "\r\n".join(lines).encode("latin-1") + (b"" if head_only else body)
