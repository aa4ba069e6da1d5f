"""Fetcher against a real HTTP server on 127.0.0.1; guard decisions without any connection."""

from __future__ import annotations

import asyncio
import gzip
import socket
import threading
import time
import zlib
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import brotli
import pytest

from monitor.errors import BlockedURLError, FetchError
from monitor.feeds import Fetcher, FetchSettings, blocked_reason, parse_feed, parse_retry_after
from monitor.feeds.decode import BodyTooLarge, BoundedDecoder, detect_charset
from monitor.feeds.guard import AddressPolicy, check_url, resolve_checked
from monitor.models import FetchResult
from tests.support.httpserver import Request, Route, serve

RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Local</title><link>http://127.0.0.1/</link>
<item><title>One</title><link>/one</link><guid>1</guid></item></channel></rss>"""
XML = {"Content-Type": "application/rss+xml; charset=utf-8"}


def settings(**overrides: Any) -> FetchSettings:
    base: dict[str, Any] = {
        "user_agent": "news-monitor-test/0.1 (+tests)",
        "allowed_hosts": ("127.0.0.1",),
        "per_host_interval": 0.0,
        "connect_timeout": 2.0,
        "read_timeout": 2.0,
        "deadline": 5.0,
    }
    base.update(overrides)
    return FetchSettings(**base)


def fetch(url: str, *, kind: str = "feed", resolve: Any = None, **overrides: Any) -> FetchResult:
    """Fetch one URL with a fresh Fetcher."""

    async def go() -> FetchResult:
        async with Fetcher(settings(**overrides), resolve=resolve) as fetcher:
            return await fetcher.fetch(url, kind=kind)  # type: ignore[arg-type]

    return asyncio.run(go())


def run_with(fetcher_settings: FetchSettings, job: Callable[[Fetcher], Awaitable[Any]]) -> Any:
    async def go() -> Any:
        async with Fetcher(fetcher_settings) as fetcher:
            return await job(fetcher)

    return asyncio.run(go())


def stub_resolver(table: dict[str, list[str]]) -> Callable[[str, int], Awaitable[list[str]]]:
    async def resolve(host: str, port: int) -> list[str]:
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return table[host]

    return resolve


# --- happy path, conditional GET, redirects ------------------------------------------------


def test_fetch_returns_body_headers_and_sends_user_agent() -> None:
    headers = {**XML, "ETag": '"v1"', "Last-Modified": "Wed, 01 Jan 2025 00:00:00 GMT"}
    with serve({"/feed": Route(body=RSS, headers=headers)}) as srv:
        result = fetch(srv.url("/feed"))
        sent = srv.requests[0][2]
    assert result.status == 200 and result.body == RSS
    assert result.final_url == srv.url("/feed") and result.url == srv.url("/feed")
    assert result.headers["content-type"].startswith("application/rss+xml")
    assert result.etag == '"v1"' and result.last_modified == headers["Last-Modified"]
    assert result.charset == "utf-8" and not result.not_modified
    assert sent["user-agent"] == "news-monitor-test/0.1 (+tests)"
    assert "gzip" in sent["accept-encoding"] and "rss" in sent["accept"]


def test_conditional_get_gives_not_modified() -> None:
    def feed(req: Request) -> Route:
        if req.headers.get("if-none-match") == '"v1"':
            return Route(304)
        return Route(body=RSS, headers={**XML, "ETag": '"v1"'})

    async def job(fetcher: Fetcher) -> tuple[FetchResult, FetchResult]:
        first = await fetcher.fetch(srv.url("/feed"), kind="feed")
        again = await fetcher.fetch(
            srv.url("/feed"), kind="feed", etag=first.etag, last_modified="Wed, 01 Jan 2025"
        )
        return first, again

    with serve({"/feed": feed}) as srv:
        first, again = run_with(settings(), job)
        second_request = srv.requests[1][2]
    assert first.status == 200 and not first.not_modified
    assert again.status == 304 and again.not_modified and again.body == b""
    assert again.etag == '"v1"'
    assert second_request["if-modified-since"] == "Wed, 01 Jan 2025"


def test_permanent_redirect_is_recorded_and_temporary_is_not() -> None:
    routes = {
        "/old": Route(301, headers={"Location": "/mid"}),
        "/mid": Route(302, headers={"Location": "/new"}),
        "/moved": Route(308, headers={"Location": "/new"}),
        "/temp": Route(307, headers={"Location": "/new"}),
        "/new": Route(body=RSS, headers=XML),
    }
    with serve(routes) as srv:
        old, moved, temp = (fetch(srv.url(p)) for p in ("/old", "/moved", "/temp"))
        assert old.final_url == srv.url("/new") and old.permanent_redirect == srv.url("/mid")
        assert moved.permanent_redirect == srv.url("/new")
        assert temp.permanent_redirect is None and temp.body == RSS


def test_redirect_loop_and_too_many_redirects_fail() -> None:
    chain = {f"/r{i}": Route(302, headers={"Location": f"/r{i + 1}"}) for i in range(10)}
    routes = {**chain, "/a": Route(302, headers={"Location": "/b"})}
    routes["/b"] = Route(302, headers={"Location": "/a"})
    with serve(routes) as srv:
        with pytest.raises(FetchError, match="redirect loop"):
            fetch(srv.url("/a"))
        with pytest.raises(FetchError, match="too many redirects"):
            fetch(srv.url("/r0"), max_redirects=3)
        assert srv.hits("/r3") == 1 and srv.hits("/r4") == 0


def test_redirect_to_loopback_is_refused_before_connecting() -> None:
    resolve = stub_resolver({"feeds.test": ["127.0.0.1"], "localhost": ["127.0.0.1"]})
    with serve({}) as srv:
        srv.routes.update(
            {
                "/start": Route(302, headers={"Location": srv.url("/secret")}),
                "/via-name": Route(
                    302, headers={"Location": f"http://localhost:{srv.port}/secret"}
                ),
                "/secret": Route(body=b"internal"),
            }
        )
        allowed = {"allowed_hosts": ("feeds.test",), "resolve": resolve}
        with pytest.raises(BlockedURLError, match="loopback"):
            fetch(f"http://feeds.test:{srv.port}/start", **allowed)
        with pytest.raises(BlockedURLError, match="loopback"):
            fetch(f"http://feeds.test:{srv.port}/via-name", **allowed)
        assert srv.hits("/start") == 1 and srv.hits("/via-name") == 1
        assert srv.hits("/secret") == 0


def test_host_resolving_to_loopback_is_refused_at_connect() -> None:
    with serve({"/feed": Route(body=RSS)}) as srv:
        resolve = stub_resolver({"rebind.test": ["127.0.0.1"]})
        with pytest.raises(BlockedURLError, match="rebind.test -> 127.0.0.1 is a loopback"):
            fetch(f"http://rebind.test:{srv.port}/feed", resolve=resolve, allowed_hosts=())
        assert srv.hits("/feed") == 0


def test_default_settings_refuse_the_local_server() -> None:
    with serve({"/feed": Route(body=RSS)}) as srv:
        with pytest.raises(BlockedURLError, match="loopback"):
            fetch(srv.url("/feed"), allowed_hosts=())
        assert srv.hits("/feed") == 0


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/x", "file:///etc/passwd", "javascript:x", "//x"])
def test_non_http_schemes_are_refused(url: str) -> None:
    with pytest.raises(BlockedURLError, match="scheme"):
        fetch(url)


# --- limits ----------------------------------------------------------------------------------


def test_declared_and_streamed_size_caps() -> None:
    big = b"x" * 5000
    routes = {
        "/declared": Route(body=big),
        "/undeclared": Route(body=big, headers={"Content-Length": "10"}),
        "/endless": Route(body=b"y" * 4096, endless=True),
    }
    with serve(routes) as srv:
        for path in ("/declared", "/endless"):
            with pytest.raises(FetchError, match="body exceeds 1000 bytes"):
                fetch(srv.url(path), max_feed_bytes=1000)
        page = fetch(srv.url("/declared"), kind="page", max_page_bytes=6000, respect_robots=False)
    assert page.body == big


def test_slow_drip_hits_the_deadline() -> None:
    slow = Route(body=b"z" * 10_000, drip=200)
    with serve({"/slow": slow}) as srv, pytest.raises(FetchError, match="deadline") as err:
        fetch(srv.url("/slow"), deadline=0.5, read_timeout=5.0)
    assert err.value.url == srv.url("/slow")


def test_stalled_server_hits_the_read_timeout() -> None:
    stall = Route(body=b"late", delay=3.0)
    with serve({"/stall": stall}) as srv, pytest.raises(FetchError, match="no data for 0.3 s"):
        fetch(srv.url("/stall"), read_timeout=0.3)


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_compressed_bodies_are_decoded(coding: str) -> None:
    compress = {"gzip": gzip.compress, "deflate": zlib.compress, "br": brotli.compress}[coding]
    headers = {**XML, "Content-Encoding": coding}
    with serve({"/feed": Route(body=compress(RSS), headers=headers)}) as srv:
        assert fetch(srv.url("/feed")).body == RSS


@pytest.mark.parametrize("coding", ["gzip", "br"])
def test_decompression_bomb_stops_at_the_cap(coding: str) -> None:
    zeros = b"\0" * (64 * 2**20)
    bomb = gzip.compress(zeros, 9) if coding == "gzip" else brotli.compress(zeros, quality=5)
    assert len(bomb) < 200_000
    route = Route(body=bomb, headers={"Content-Encoding": coding})
    with serve({"/bomb": route}) as srv, pytest.raises(FetchError, match="exceeds 1048576 bytes"):
        fetch(srv.url("/bomb"), max_feed_bytes=2**20)


def test_bounded_decoder_never_returns_more_than_the_limit() -> None:
    decoder = BoundedDecoder("gzip", 1000)
    with pytest.raises(BodyTooLarge):
        decoder.feed(gzip.compress(b"a" * 10_000_000))
    assert decoder.size <= 1001  # one byte past the limit is how it notices


def test_corrupt_gzip_is_a_fetch_error() -> None:
    route = Route(body=b"not gzip", headers={"Content-Encoding": "gzip"})
    with serve({"/bad": route}) as srv, pytest.raises(FetchError, match="decompressed"):
        fetch(srv.url("/bad"))


# --- statuses and content --------------------------------------------------------------------


def test_429_and_503_carry_retry_after_without_sleeping() -> None:
    when = format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True)
    routes = {
        "/busy": Route(429, headers={"Retry-After": "120"}),
        "/down": Route(503, headers={"Retry-After": when}),
        "/plain": Route(429),
    }
    with serve(routes) as srv:
        with pytest.raises(FetchError, match="HTTP 429") as busy:
            fetch(srv.url("/busy"))
        with pytest.raises(FetchError, match="HTTP 503") as down:
            fetch(srv.url("/down"))
        with pytest.raises(FetchError) as plain:
            fetch(srv.url("/plain"))
    assert busy.value.status == 429 and busy.value.retry_after == 120.0
    assert down.value.retry_after is not None and 3500 < down.value.retry_after <= 3600
    assert plain.value.retry_after is None


@pytest.mark.parametrize(
    ("status", "hint"), [(500, "retry"), (404, "check it in the watch-list"), (410, "remove")]
)
def test_error_statuses_name_the_url_and_what_to_do(status: int, hint: str) -> None:
    with serve({"/x": Route(status, b"oops")}) as srv, pytest.raises(FetchError) as err:
        fetch(srv.url("/x"))
    assert err.value.status == status and srv.url("/x") in str(err.value)
    assert hint in str(err.value) and f"HTTP {status}" in str(err.value)


def test_connection_refused_is_a_fetch_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match="could not connect"):
        fetch(f"http://127.0.0.1:{port}/feed")


def test_dns_failure_is_a_fetch_error_without_connecting() -> None:
    with pytest.raises(FetchError, match="DNS lookup for nowhere.test failed"):
        fetch("http://nowhere.test/feed", resolve=stub_resolver({}))


def test_wrong_content_type() -> None:
    html = b"<html><head><title>Home</title></head><body><p>Hi</p></body></html>"
    routes = {
        "/image": Route(body=b"\x89PNG....", headers={"Content-Type": "image/png"}),
        "/html": Route(body=html, headers={"Content-Type": "text/html"}),
    }
    with serve(routes) as srv:
        with pytest.raises(FetchError, match="content type image/png"):
            fetch(srv.url("/image"), kind="page", respect_robots=False)
        page = fetch(srv.url("/html"))
    from monitor.errors import ParseError

    with pytest.raises(ParseError, match="not an RSS/Atom feed"):
        parse_feed(page.body, url=page.final_url, content_type=page.headers["content-type"])


def test_invalid_utf8_is_decoded_with_a_safe_charset() -> None:
    bad = RSS.replace(b"One", b"On\xff\xfe")
    routes = {
        "/declared": Route(body=bad, headers=XML),
        "/undeclared": Route(body=bad.replace(b' encoding="utf-8"', b"")),
    }
    with serve(routes) as srv:
        declared, undeclared = fetch(srv.url("/declared")), fetch(srv.url("/undeclared"))
    assert declared.charset == "utf-8" and "\ufffd" in declared.text()
    assert undeclared.charset == "cp1252" and "Onÿþ" in undeclared.text()
    assert parse_feed(declared.body, url=declared.final_url).items[0].link.endswith("/one")


def test_one_megabyte_title_is_fetched_and_trimmed() -> None:
    body = RSS.replace(b"<title>One</title>", b"<title>" + b"T" * 2**20 + b"</title>")
    with serve({"/feed": Route(body=body, headers=XML, gzip=True)}) as srv:
        result = fetch(srv.url("/feed"))
    parsed = parse_feed(result.body, url=result.final_url)
    assert len(parsed.items[0].title) == 1000


# --- politeness and robots -------------------------------------------------------------------


def _concurrency_probe(delay: float) -> tuple[Callable[[Request], Route], list[int], list[float]]:
    lock, active, peak, starts = threading.Lock(), [0], [0], []

    def handler(req: Request) -> Route:
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
            starts.append(time.monotonic())
        time.sleep(delay)
        with lock:
            active[0] -= 1
        return Route(body=RSS)

    return handler, peak, starts


@pytest.mark.parametrize("per_host", [1, 2])
def test_per_host_concurrency_is_limited(per_host: int) -> None:
    handler, peak, _ = _concurrency_probe(0.15)

    async def job(fetcher: Fetcher) -> None:
        await asyncio.gather(*(fetcher.fetch(srv.url(f"/f{i}"), kind="feed") for i in range(5)))

    with serve({f"/f{i}": handler for i in range(5)}) as srv:
        run_with(settings(per_host_concurrency=per_host), job)
    assert peak[0] == per_host


def test_requests_to_one_host_are_spaced() -> None:
    handler, _, starts = _concurrency_probe(0.0)
    began: list[float] = []

    async def job(fetcher: Fetcher) -> None:
        began.append(time.monotonic())
        await asyncio.gather(*(fetcher.fetch(srv.url(f"/f{i}"), kind="feed") for i in range(3)))

    with serve({f"/f{i}": handler for i in range(3)}) as srv:
        run_with(settings(per_host_interval=0.2, per_host_concurrency=3), job)
    # The n-th request may not reach the server before n intervals have passed. Measured from
    # the start (same monotonic clock), not between arrivals: a late first arrival (a slower
    # connect) must not make the test flaky, and an early one would still be caught.
    assert len(starts) == 3
    for n, arrived in enumerate(sorted(starts)):
        assert arrived - began[0] >= n * 0.2 - 1e-3


def test_robots_txt_is_honoured_for_pages_only_and_cached() -> None:
    robots = b"User-agent: *\nDisallow: /private/\n"
    html = {"Content-Type": "text/html"}
    routes = {
        "/robots.txt": Route(body=robots, headers={"Content-Type": "text/plain"}),
        "/private/a": Route(body=b"<p>secret</p>", headers=html),
        "/public/a": Route(body=b"<p>ok</p>", headers=html),
    }

    async def job(fetcher: Fetcher) -> FetchResult:
        with pytest.raises(BlockedURLError, match="robots.txt"):
            await fetcher.fetch(srv.url("/private/a"), kind="page")
        await fetcher.fetch(srv.url("/public/a"), kind="page")
        return await fetcher.fetch(srv.url("/private/a"), kind="feed")

    with serve(routes) as srv:
        as_feed = run_with(settings(), job)
        assert srv.hits("/robots.txt") == 1
        assert srv.hits("/private/a") == 1  # only the kind="feed" request
    assert as_feed.body == b"<p>secret</p>"


@pytest.mark.parametrize("robots", [Route(404), Route(500), Route(body=b"\xff\x00garbage")])
def test_missing_or_broken_robots_txt_allows(robots: Route) -> None:
    with serve({"/robots.txt": robots, "/a": Route(body=b"<p>ok</p>")}) as srv:
        assert fetch(srv.url("/a"), kind="page").body == b"<p>ok</p>"


def test_fetcher_closes_cleanly_and_can_be_used_without_context_manager() -> None:
    async def go() -> None:
        fetcher = Fetcher(settings())
        with serve({"/feed": Route(body=RSS)}) as srv:
            assert (await fetcher.fetch(srv.url("/feed"), kind="feed")).body == RSS
        await fetcher.aclose()

    asyncio.run(go())


# --- pure decisions (no connection at all) -----------------------------------------------------


@pytest.mark.parametrize(
    ("address", "label"),
    [
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("fc00::1", "private"),
        ("fdff:ffff::1", "private"),
        ("fe80::1%eth0", "link-local"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "not publicly routable"),
        ("224.0.0.1", "multicast"),
        ("::ffff:10.0.0.1", "private"),
        ("2002:a00:1::", "private"),  # 6to4 wrapping 10.0.0.1
        ("64:ff9b::7f00:1", "loopback"),  # NAT64 wrapping 127.0.0.1
    ],
)
def test_blocked_reason_refuses_non_public_addresses(address: str, label: str) -> None:
    reason = blocked_reason(address)
    assert reason is not None and label in reason


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700:4700::1111", "64:ff9b::5db8:d822"])
def test_blocked_reason_accepts_public_addresses(address: str) -> None:
    assert blocked_reason(address) is None


def test_policy_allow_list_by_name_address_and_cidr() -> None:
    policy = AddressPolicy(allowed_hosts=("intranet.example", "10.9.0.0/16", "127.0.0.1"))
    assert policy.refusal("intranet.example", "10.1.1.1") is None
    assert policy.refusal("other.example", "10.9.3.4") is None
    assert policy.refusal("other.example", "127.0.0.1") is None
    assert policy.refusal("other.example", "10.1.1.1") is not None
    assert AddressPolicy(allow_private=True).refusal("x", "10.1.1.1") is None


@pytest.mark.parametrize(
    "addresses",
    [
        ["10.0.0.5"],
        ["192.168.1.1"],
        ["169.254.169.254"],
        ["::1"],
        ["fc00::5"],
        ["8.8.8.8", "10.0.0.1"],
    ],
)
def test_resolve_checked_refuses_any_private_answer(addresses: list[str]) -> None:
    resolve = stub_resolver({"evil.test": addresses})
    with pytest.raises(BlockedURLError, match="evil.test"):
        asyncio.run(
            resolve_checked(
                "evil.test", 80, policy=AddressPolicy(), resolve=resolve, timeout=1, url="u"
            )
        )


def test_check_url_refuses_literal_private_hosts() -> None:
    with pytest.raises(BlockedURLError, match="private"):
        check_url("http://10.0.0.1/x", AddressPolicy())
    with pytest.raises(BlockedURLError, match="loopback"):
        check_url("http://[::1]:8080/x", AddressPolicy())
    assert check_url("https://Example.org/x", AddressPolicy()) == "example.org"


def test_parse_retry_after_forms() -> None:
    now = datetime(2025, 1, 1, tzinfo=UTC)
    assert parse_retry_after("30", now) == 30.0
    assert parse_retry_after("Wed, 01 Jan 2025 00:02:00 GMT", now) == 120.0
    assert parse_retry_after("Tue, 31 Dec 2024 00:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None and parse_retry_after(None) is None


@pytest.mark.parametrize(
    ("body", "content_type", "expected"),
    [
        (b"\xef\xbb\xbf<rss/>", "text/xml; charset=latin-1", "utf-8"),
        ("<rss/>".encode("utf-16"), None, "utf-16"),
        (b"<rss/>", "text/xml; charset=ISO-8859-2", "iso8859-2"),
        (b'<?xml version="1.0" encoding="windows-1251"?><rss/>', None, "cp1251"),
        (b'<html><meta charset="shift_jis"></html>', "text/html", "shift_jis"),
        (b"<rss>caf\xc3\xa9</rss>", None, "utf-8"),
        (b"<rss>caf\xe9</rss>", None, "cp1252"),
        (b"<rss/>", "text/xml; charset=bogus-charset", "utf-8"),
        (b'<?xml version="1.0" encoding="utf-16"?><rss/>', None, "utf-8"),
    ],
)
def test_detect_charset(body: bytes, content_type: str | None, expected: str) -> None:
    assert detect_charset(body, content_type) == expected


# --- cookies ----------------------------------------------------------------------------------


def test_cookies_sent_by_feeds_and_pages_are_never_kept() -> None:
    def jar_filler(request: Request) -> Route:
        n = len(srv.requests)
        cookies = tuple(f"c{n}_{i}={'v' * 40}; Path=/" for i in range(150))
        if request.bare_path == "/feed":
            return Route(200, RSS, XML, cookies=cookies)
        page = b"<html><body><p>page</p></body></html>"
        return Route(200, page, {"Content-Type": "text/html"}, cookies=cookies)

    with serve({"/feed": jar_filler, "/page": jar_filler}) as srv:

        async def go() -> list[str]:
            errors = []
            async with Fetcher(settings(respect_robots=False)) as fetcher:
                for n in range(40):
                    kind = "feed" if n % 2 else "page"
                    try:
                        await fetcher.fetch(srv.url(f"/{kind}"), kind=kind)  # type: ignore[arg-type]
                    except FetchError as exc:
                        errors.append(str(exc))  # today: 431 once the Cookie header is too big
            return errors

        errors = asyncio.run(go())
        sent = [headers.get("cookie", "") for _method, _path, headers in srv.requests]
    assert len(sent) == 40
    assert max(len(cookie) for cookie in sent) == 0, f"Cookie header up to {max(map(len, sent))} B"
    assert errors == []
