"""HTTP GET for feeds and pages: limits, politeness and safety, turned into a FetchResult.

The only module that imports httpx. One AsyncClient per Fetcher; redirects are followed by hand
so that every hop is checked, and every TCP connection goes through `_GuardedBackend`, which
resolves the host itself and connects only to addresses the guard accepted (no second DNS
lookup that a rebinding attacker could answer differently).
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import sys
import time
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from contextvars import ContextVar
from dataclasses import replace
from typing import Any, Literal
from urllib.parse import urljoin

import httpcore
import httpx

from monitor.errors import BlockedURLError, FetchError
from monitor.feeds.decode import BodyCorrupt, BodyTooLarge, BoundedDecoder, detect_charset
from monitor.feeds.guard import AddressPolicy, Resolver, check_url, resolve_checked, system_resolve
from monitor.feeds.polite import HostLimiter
from monitor.feeds.robots import RobotsCache
from monitor.feeds.settings import FetchSettings, parse_retry_after
from monitor.models import FetchResult

__all__ = ["FetchSettings", "Fetcher", "Kind", "parse_retry_after"]  # re-exported below

try:
    import sniffio  # noqa: F401
except ImportError:
    # httpcore asks `import sniffio` every time it takes a lock (six times a request); anyio no
    # longer installs it, so each request paid six failed imports, each a scan of sys.path
    # (about 0.8 ms a request, most of a 304 poll's CPU). A None entry makes the import fail at
    # once, and httpcore then assumes asyncio exactly as before.
    sys.modules.setdefault("sniffio", None)  # type: ignore[arg-type]

Kind = Literal["feed", "page"]
_AnyKind = Literal["feed", "page", "robots"]
_REDIRECTS = {301, 302, 303, 307, 308}
_ROBOTS_MAX_BYTES = 512 * 1024  # the size Google reads; larger files are truncated nonsense
_ACCEPT = {
    "feed": "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    "page": "text/html, application/xhtml+xml;q=0.9, */*;q=0.5",
    "robots": "text/plain, */*;q=0.5",
}
_NOT_TEXT = ("image/", "audio/", "video/", "font/", "application/pdf", "application/zip")
_RETRY_HINT = "the monitor will retry later"
# The URL being requested, so a refusal raised deep in the connection names the real URL.
_current_url: ContextVar[str] = ContextVar("current_url", default="")


class _GuardedBackend(httpcore.AsyncNetworkBackend):
    """Connect only to addresses of a host that the address policy accepts."""

    def __init__(self, policy: AddressPolicy, resolve: Resolver, dns_timeout: float) -> None:
        self._inner = httpcore.AnyIOBackend()
        self._policy = policy
        self._resolve = resolve
        self._dns_timeout = dns_timeout

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        url = _current_url.get() or f"//{host}:{port}"
        addresses = await resolve_checked(
            host, port, policy=self._policy, resolve=self._resolve,
            timeout=self._dns_timeout, url=url,
        )  # fmt: skip
        error: Exception | None = None
        for address in addresses:
            try:
                return await self._inner.connect_tcp(
                    address, port, timeout, local_address, socket_options
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(self, *args: Any, **kwargs: Any) -> httpcore.AsyncNetworkStream:
        raise BlockedURLError("unix sockets are not allowed", url="unix:")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


_MAX_HOST_POOLS = 256  # hosts whose idle connections are kept open


class _PerHostTransport(httpx.AsyncBaseTransport):
    """One small keep-alive pool per host, the least recently used idle ones closed past a cap.

    One shared pool either kept few connections alive (most requests reconnected: a TLS
    handshake each in real life) or many, and httpcore checks every idle connection of a pool
    with a poll() on each request, which cost more CPU than article extraction. A pool per host
    holds at most `per_host_concurrency` connections, so both costs stay small.
    """

    def __init__(self, settings: FetchSettings, backend: _GuardedBackend) -> None:
        size = settings.per_host_concurrency
        self._limits = httpx.Limits(max_connections=size, max_keepalive_connections=size)
        self._backend = backend
        # One TLS context for every host: httpx builds (and loads the CA bundle into) a new one
        # per transport otherwise, ~30 ms of CPU for each new host.
        self._tls = httpx.create_ssl_context()
        self._pools: OrderedDict[tuple[bytes, str, int | None], httpx.AsyncHTTPTransport] = (
            OrderedDict()
        )

    def _make(self) -> httpx.AsyncHTTPTransport:
        transport = httpx.AsyncHTTPTransport(verify=self._tls, limits=self._limits, retries=0)
        # httpx has no public hook for the network backend; httpcore's pool takes it as a plain
        # attribute (httpx and httpcore are pinned, and tests cover the guard at connect time).
        transport._pool._network_backend = self._backend
        return transport

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        key = (request.url.raw_scheme, request.url.host, request.url.port)
        pool = self._pools.get(key)
        if pool is None:
            pool = self._pools[key] = self._make()
            await self._trim()
        else:
            self._pools.move_to_end(key)
        return await pool.handle_async_request(request)

    async def _trim(self) -> None:
        """Close the least recently used pools that have nothing in flight, down to the cap."""
        for key in list(self._pools)[: max(0, len(self._pools) - _MAX_HOST_POOLS)]:
            pool = self._pools[key]
            if all(c.is_idle() for c in pool._pool.connections):
                del self._pools[key]
                await pool.aclose()

    async def aclose(self) -> None:
        pools, self._pools = list(self._pools.values()), OrderedDict()
        for pool in pools:
            await pool.aclose()


class _NoCookies(http.cookiejar.DefaultCookiePolicy):
    """Keep no cookie and send none: feeds and pages need none, and a jar only grows."""

    def set_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False

    def return_ok(self, cookie: http.cookiejar.Cookie, request: Any) -> bool:
        return False


def _make_client(settings: FetchSettings, resolve: Resolver) -> httpx.AsyncClient:
    policy = AddressPolicy(settings.allow_private, settings.allowed_hosts)
    backend = _GuardedBackend(policy, resolve, settings.connect_timeout)
    transport = _PerHostTransport(settings, backend)
    timeout = httpx.Timeout(
        connect=settings.connect_timeout, read=settings.read_timeout,
        write=settings.read_timeout, pool=settings.deadline,
    )  # fmt: skip
    return httpx.AsyncClient(
        transport=transport,
        timeout=timeout,
        follow_redirects=False,
        trust_env=False,  # an environment proxy would bypass the address guard
        # A site sending 150 cookies a response made a 51 KB Cookie header after 40 fetches.
        cookies=http.cookiejar.CookieJar(policy=_NoCookies()),
        headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate, br"},
    )


class Fetcher:
    """Fetch feeds and pages over one shared HTTP client; use `async with` or `aclose()`."""

    def __init__(self, settings: FetchSettings, *, resolve: Resolver | None = None) -> None:
        self.settings = settings
        self._policy = AddressPolicy(settings.allow_private, settings.allowed_hosts)
        self._client = _make_client(settings, resolve or system_resolve)
        self._limiter = HostLimiter(
            settings.per_host_concurrency, settings.per_host_interval, settings.global_concurrency
        )
        self._robots = RobotsCache(settings.user_agent, self._load_robots)

    async def __aenter__(self) -> Fetcher:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the HTTP client and its connections."""
        await self._client.aclose()

    async def fetch(
        self,
        url: str,
        *,
        kind: Kind,
        etag: str | None = None,
        last_modified: str | None = None,
    ) -> FetchResult:
        """GET `url` within the deadline; raise FetchError (BlockedURLError when refused)."""
        headers = {"Accept": _ACCEPT[kind]}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        timer = asyncio.timeout(None)  # armed once a host slot is ours: queueing is not slowness
        started = time.monotonic()
        try:
            async with timer:
                result = await self._follow(url, kind, headers, timer)
        except TimeoutError:
            what = f"the {self.settings.deadline:g} s deadline" if timer.expired() else "a timeout"
            raise FetchError(
                f"no complete response within {what}",
                url=url, hint=f"the server is too slow; {_RETRY_HINT}",
            ) from None  # fmt: skip
        if result.not_modified and result.etag is None:
            result = replace(result, etag=etag)  # a 304 need not repeat the validator
        return replace(result, elapsed=time.monotonic() - started)

    async def _follow(
        self, url: str, kind: _AnyKind, headers: dict[str, str], timer: asyncio.Timeout
    ) -> FetchResult:
        current, permanent, seen = url, None, {url}
        only_permanent = True  # the resource moved for good only if every hop so far said so
        for _ in range(self.settings.max_redirects + 1):
            host = check_url(current, self._policy)
            if kind == "page" and self.settings.respect_robots:
                await self._check_robots(current)
            status, response_headers, body = await self._hop(current, host, kind, headers, timer)
            if status not in _REDIRECTS:
                return _result(url, current, status, response_headers, body, permanent)
            target = _location(current, response_headers)
            if target in seen:
                raise FetchError(f"redirect loop back to {target}", url=url, status=status)
            seen.add(target)
            only_permanent = only_permanent and status in (301, 308)
            permanent = target if only_permanent else permanent
            current = target
        raise FetchError(
            f"too many redirects (more than {self.settings.max_redirects})",
            url=url, hint="the site's redirects are misconfigured",
        )  # fmt: skip

    async def _check_robots(self, url: str) -> None:
        if not await self._robots.allowed(url):
            raise BlockedURLError(
                "robots.txt disallows fetching this page",
                url=url, hint="the site asks crawlers to stay away; the feed summary is used",
            )  # fmt: skip

    async def _load_robots(self, robots_url: str) -> bytes | None:
        headers = {"Accept": _ACCEPT["robots"]}
        try:
            async with asyncio.timeout(None) as timer:
                result = await self._follow(robots_url, "robots", headers, timer)
        except FetchError:
            return None  # absent, broken or unreachable robots.txt means "allowed"
        return result.body

    async def _hop(
        self, url: str, host: str, kind: _AnyKind, headers: dict[str, str], timer: asyncio.Timeout
    ) -> tuple[int, dict[str, str], bytes]:
        """Make one request and return status, lower-cased headers and the decoded body."""
        _current_url.set(url)
        async with self._limiter.slot(host):
            if timer.when() is None:
                timer.reschedule(asyncio.get_running_loop().time() + self.settings.deadline)
            try:
                async with self._client.stream("GET", url, headers=headers) as response:
                    return await self._read(url, kind, response)
            except (httpx.HTTPError, httpx.InvalidURL) as exc:
                raise _transport_error(url, exc, self.settings) from None

    async def _read(
        self, url: str, kind: _AnyKind, response: httpx.Response
    ) -> tuple[int, dict[str, str], bytes]:
        status = response.status_code
        headers = {k.lower(): v for k, v in response.headers.items()}
        if status in _REDIRECTS or status == 304:
            return status, headers, b""
        _raise_for_status(url, status, headers)
        _check_content_type(url, kind, headers.get("content-type"))
        body = await self._read_body(url, kind, response, headers)
        return status, headers, body

    async def _read_body(
        self, url: str, kind: _AnyKind, response: httpx.Response, headers: Mapping[str, str]
    ) -> bytes:
        limit = self._limit(kind)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise _too_large(url, limit)
        decoder = BoundedDecoder(headers.get("content-encoding"), limit)
        chunks: list[bytes] = []
        try:
            async for raw in response.aiter_raw():
                chunks.append(decoder.feed(raw))
        except BodyTooLarge:
            raise _too_large(url, limit) from None
        except BodyCorrupt as exc:
            raise FetchError(f"body could not be decompressed ({exc})", url=url) from None
        return b"".join(chunks)

    def _limit(self, kind: _AnyKind) -> int:
        if kind == "feed":
            return self.settings.max_feed_bytes
        if kind == "page":
            return self.settings.max_page_bytes
        return _ROBOTS_MAX_BYTES


def _location(url: str, headers: Mapping[str, str]) -> str:
    location = headers.get("location")
    if not location:
        raise FetchError("redirect without a Location header", url=url)
    return urljoin(url, location.strip())


def _raise_for_status(url: str, status: int, headers: Mapping[str, str]) -> None:
    if status < 400:
        return
    if status in (429, 503):
        retry_after = parse_retry_after(headers.get("retry-after"))
        wait = f"; retry after {retry_after:g} s" if retry_after is not None else ""
        raise FetchError(
            f"HTTP {status}: the server asks us to slow down{wait}",
            url=url, status=status, retry_after=retry_after, hint=_RETRY_HINT,
        )  # fmt: skip
    hints = {
        401: "the resource needs a login; use a public feed URL",
        403: "the site refuses the monitor; check the URL or ask the site owner",
        404: "the URL is wrong or the resource moved; check it in the watch-list",
        410: "the resource is gone for good; remove it from the watch-list",
    }
    hint = hints.get(status, _RETRY_HINT if status >= 500 else "check the URL")
    raise FetchError(f"HTTP {status}", url=url, status=status, hint=hint)


def _check_content_type(url: str, kind: _AnyKind, content_type: str | None) -> None:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    if media.startswith(_NOT_TEXT):
        raise FetchError(
            f"content type {media} is not a {kind}",
            url=url, hint="the URL points at a file, not a feed or article page",
        )  # fmt: skip


def _too_large(url: str, limit: int) -> FetchError:
    return FetchError(
        f"body exceeds {limit} bytes", url=url, hint="raise the size limit if the feed is genuine"
    )


def _transport_error(url: str, exc: Exception, settings: FetchSettings) -> FetchError:
    """Turn an httpx error into a FetchError that says what happened and what to do."""
    detail = str(exc) or type(exc).__name__
    if isinstance(exc, httpx.ConnectTimeout):
        message = f"connection timed out after {settings.connect_timeout:g} s"
        hint = f"the host is unreachable or slow; {_RETRY_HINT}"
    elif isinstance(exc, httpx.TimeoutException):
        message = f"no data for {settings.read_timeout:g} s"
        hint = f"the server stalled; {_RETRY_HINT}"
    elif "CERTIFICATE" in detail.upper() or "SSL" in detail.upper():
        message = f"TLS handshake failed ({detail})"
        hint = "the site's certificate is invalid or expired; tell the site owner"
    elif isinstance(exc, httpx.ConnectError):
        message = f"could not connect ({detail})"
        hint = f"check the host name and that the site is up; {_RETRY_HINT}"
    elif isinstance(exc, httpx.RemoteProtocolError):
        message = f"the server broke the HTTP protocol ({detail})"
        hint = _RETRY_HINT
    else:
        message = f"request failed ({type(exc).__name__}: {detail})"
        hint = "check the URL"
    return FetchError(message, url=url, hint=hint)


def _result(
    url: str,
    final_url: str,
    status: int,
    headers: dict[str, str],
    body: bytes,
    permanent: str | None,
) -> FetchResult:
    not_modified = status == 304
    return FetchResult(
        url=url,
        final_url=final_url,
        status=status,
        body=body,
        headers=headers,
        etag=headers.get("etag"),
        last_modified=headers.get("last-modified"),
        not_modified=not_modified,
        permanent_redirect=permanent,
        charset=None if not_modified else detect_charset(body, headers.get("content-type")),
    )
