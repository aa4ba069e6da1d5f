"""A real threaded HTTP server on 127.0.0.1 for tests that must exercise the network path.

Usage::

    feed = Route(body=b"<rss/>", headers={"Content-Type": "application/rss+xml"})
    with serve({"/feed": feed}) as srv:
        fetch(srv.url("/feed"))
        assert srv.hits("/feed") == 1

A route is a `Route` or a callable taking the `Request` and returning a `Route`. Unknown paths get
404. Responses are HTTP/1.0 style (connection closes after each), so an endless body simply never
ends until the client hangs up or the server shuts down.
"""

from __future__ import annotations

import gzip as gzip_module
import threading
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

__all__ = ["Request", "Route", "Server", "serve"]


@dataclass(frozen=True)
class Route:
    """Describe one canned response.

    drip: send the body at this many bytes per second (slow server).
    endless: repeat `body` forever (no Content-Length) until the client disconnects.
    gzip: gzip-compress `body` and send Content-Encoding: gzip.
    cookies: each one sent as its own Set-Cookie header.
    Redirects are plain headers: Route(301, headers={"Location": "/new"}).
    """

    status: int = 200
    body: bytes = b""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0
    drip: float | None = None
    endless: bool = False
    gzip: bool = False
    cookies: tuple[str, ...] = ()


@dataclass(frozen=True)
class Request:
    """What the server saw: method, path with query, and header names lower-cased."""

    method: str
    path: str
    headers: Mapping[str, str]

    @property
    def bare_path(self) -> str:
        return urlsplit(self.path).path


RouteSpec = Route | Callable[[Request], Route]


class Server:
    """A running test server; use `url()`, `hits()` and `requests`."""

    def __init__(self, httpd: ThreadingHTTPServer, routes: dict[str, RouteSpec]) -> None:
        self._httpd = httpd
        self.routes = routes
        self.requests: list[tuple[str, str, dict[str, str]]] = []
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        host, port = httpd.server_address[:2]
        self.host = str(host)
        self.port = int(port)
        self.base_url = f"http://{self.host}:{self.port}"

    def url(self, path: str) -> str:
        """Return the absolute URL of `path` on this server."""
        return self.base_url + (path if path.startswith("/") else "/" + path)

    def hits(self, path: str) -> int:
        """Count requests to `path` (exact, or ignoring the query when `path` has none)."""
        with self._lock:
            return sum(1 for _, p, _ in self.requests if p == path or urlsplit(p).path == path)

    def record(self, request: Request) -> None:
        with self._lock:
            self.requests.append((request.method, request.path, dict(request.headers)))

    def route_for(self, request: Request) -> Route:
        spec = self.routes.get(request.path) or self.routes.get(request.bare_path)
        if spec is None:
            return Route(404, b"not found", {"Content-Type": "text/plain"})
        return spec(request) if callable(spec) else spec


class _Handler(BaseHTTPRequestHandler):
    server_version = "TestServer/1.0"
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # keep pytest output clean

    def do_GET(self) -> None:
        self._handle()

    def do_HEAD(self) -> None:
        self._handle()

    def do_POST(self) -> None:
        self._handle()

    @property
    def _srv(self) -> Server:
        return self.server.monitor_server  # type: ignore[attr-defined,no-any-return]

    def _handle(self) -> None:
        headers = {k.lower(): v for k, v in self.headers.items()}
        request = Request(self.command, self.path, headers)
        srv = self._srv
        srv.record(request)
        try:
            route = srv.route_for(request)
            if route.delay and srv.stopping.wait(route.delay):
                return
            self._respond(route)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
            pass  # the client gave up, which is what many tests want

    def _respond(self, route: Route) -> None:
        body = gzip_module.compress(route.body) if route.gzip else route.body
        self.send_response(route.status)
        names = {k.lower() for k in route.headers}
        for name, value in route.headers.items():
            self.send_header(name, value)
        for cookie in route.cookies:
            self.send_header("Set-Cookie", cookie)
        if route.gzip and "content-encoding" not in names:
            self.send_header("Content-Encoding", "gzip")
        if not route.endless and "content-length" not in names:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command == "HEAD":
            return
        if route.endless:
            self._send_endless(body or b"x" * 1024, route.drip)
        else:
            self._send(body, route.drip)

    def _send(self, body: bytes, drip: float | None) -> None:
        if not drip:
            self.wfile.write(body)
            return
        chunk = max(1, int(drip / 10))
        for i in range(0, len(body), chunk):
            if self._srv.stopping.wait(chunk / drip):
                return
            self.wfile.write(body[i : i + chunk])
            self.wfile.flush()

    def _send_endless(self, body: bytes, drip: float | None) -> None:
        while not self._srv.stopping.is_set():
            self._send(body, drip)
            self.wfile.flush()


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # an endless response must not hang the test's teardown
    allow_reuse_address = True


@contextmanager
def serve(routes: dict[str, RouteSpec], host: str = "127.0.0.1") -> Iterator[Server]:
    """Run a server on a random free port of `host` for the duration of the block."""
    httpd = _HTTPServer((host, 0), _Handler)
    server = Server(httpd, routes)
    httpd.monitor_server = server  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05})
    thread.daemon = True
    thread.start()
    try:
        yield server
    finally:
        server.stopping.set()
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
