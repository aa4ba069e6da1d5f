"""The public web endpoint's foundation: signed tokens, links, the server's limits and headers."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from monitor.config import load_config
from monitor.errors import ConfigError, LinkError
from monitor.web.links import FEEDBACK, PERIOD, Links, make_links
from monitor.web.server import Request, Response, Route, WebServer
from monitor.web.tokens import Signer
from tests.support.config import write_config
from tests.support.webclient import exchange

NOW = datetime(2026, 12, 6, 7, 0, tzinfo=UTC)
SECRET = b"0123456789abcdef0123456789abcdef"


def test_a_token_carries_its_claims_until_it_expires() -> None:
    signer = Signer(SECRET)
    token = signer.sign(PERIOD, {"r": "ana@example.org", "d": "morning"}, NOW + timedelta(days=1))
    assert signer.verify(PERIOD, token, NOW) == {"r": "ana@example.org", "d": "morning"}
    with pytest.raises(LinkError, match="expired"):
        signer.verify(PERIOD, token, NOW + timedelta(days=1))


@pytest.mark.parametrize(
    "change",
    [
        lambda t: t[:-2] + ("A" if t[-2] != "A" else "B") + t[-1],  # signature edited
        lambda t: "e" + t,  # payload edited
        lambda t: t.split(".")[0],  # signature dropped
        lambda t: t + "." + "x" * 3000,  # absurdly long
    ],
)
def test_an_edited_token_is_refused(change: object) -> None:
    signer = Signer(SECRET)
    token = signer.sign(FEEDBACK, {"a": 1}, NOW + timedelta(days=1))
    with pytest.raises(LinkError, match="not valid"):
        signer.verify(FEEDBACK, change(token), NOW)  # type: ignore[operator]


def test_a_token_opens_only_its_purpose_and_only_with_its_secret() -> None:
    token = Signer(SECRET).sign(PERIOD, {"d": "x"}, NOW + timedelta(days=1))
    with pytest.raises(LinkError):
        Signer(SECRET).verify(FEEDBACK, token, NOW)
    with pytest.raises(LinkError):
        Signer(b"another secret of enough length").verify(PERIOD, token, NOW)


def test_links_sit_under_the_public_base_url_and_verify() -> None:
    links = Links("https://monitor.example.org/desk/", Signer(SECRET), timedelta(days=30))
    url = links.feedback("ana@example.org", 42, "nato-russia", "not_relevant", NOW)
    assert url.startswith("https://monitor.example.org/desk/f/")
    claims = links.signer.verify(FEEDBACK, url.rsplit("/", 1)[1], NOW + timedelta(days=29))
    assert claims == {"r": "ana@example.org", "a": 42, "t": "nato-russia", "v": "not_relevant"}
    period = links.period("ana@example.org", "morning", NOW, NOW)
    assert period.startswith("https://monitor.example.org/desk/p/")


def test_a_public_base_url_without_a_secret_is_a_config_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MONITOR_WEB_SECRET", raising=False)
    path = write_config(tmp_path, settings={"web": {"public_base_url": "https://m.example.org"}})
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    (problem,) = caught.value.problems
    assert "monitor.yaml:" in problem and "MONITOR_WEB_SECRET" in problem and "fix:" in problem
    monkeypatch.setenv("MONITOR_WEB_SECRET", "short")
    with pytest.raises(ConfigError, match="at least 16"):
        load_config(path)


def test_the_secret_file_is_read_relative_to_monitor_yaml(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MONITOR_WEB_SECRET", raising=False)
    (tmp_path / "conf").mkdir()
    (tmp_path / "conf" / "web.secret").write_text(SECRET.decode() + "\n")
    web = {"public_base_url": "https://m.example.org", "secret_file": "web.secret"}
    path = write_config(tmp_path / "conf", settings={"web": web})
    monkeypatch.chdir(tmp_path)  # not the config folder: the file must still be found
    links = make_links(load_config(path))
    assert links is not None and links.base_url == "https://m.example.org/"
    missing = write_config(tmp_path / "other", settings={"web": {**web, "secret_file": "nope"}})
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(missing)


def test_no_public_base_url_means_no_links(tmp_path: Path) -> None:
    assert make_links(load_config(write_config(tmp_path))) is None


async def _echo(request: Request) -> Response:
    return Response(200, f"{request.method} {request.path} {request.field('token')}")


def _serve(requests: list[bytes], host: str = "127.0.0.1") -> list[bytes]:
    async def scenario() -> list[bytes]:
        server = WebServer([Route("GET", "/f/", _echo), Route("POST", "/f/", _echo)])
        port = await server.start(host, 0)
        try:
            return [await asyncio.to_thread(exchange, port, raw, host) for raw in requests]
        finally:
            await server.close()

    return asyncio.run(scenario())


def test_the_server_routes_parses_forms_and_sends_safe_headers() -> None:
    body = b"token=abc&confirm=1"
    get, post, head, missing, wrong = _serve(
        [
            b"GET /f/tok?token=q HTTP/1.1\r\nHost: x\r\n\r\n",
            b"POST /f/tok HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\n\r\n" % len(body) + body,
            b"HEAD /f/tok HTTP/1.1\r\n\r\n",
            b"GET /nothing HTTP/1.1\r\n\r\n",
            b"DELETE /f/tok HTTP/1.1\r\n\r\n",
        ]
    )
    assert get.startswith(b"HTTP/1.1 200") and get.endswith(b"GET /f/tok q")
    assert b"Content-Security-Policy: default-src 'none'" in get
    assert b"Referrer-Policy: no-referrer" in get and b"Cache-Control: no-store" in get
    assert post.endswith(b"POST /f/tok abc")
    assert head.startswith(b"HTTP/1.1 200") and head.endswith(b"\r\n\r\n")
    assert missing.startswith(b"HTTP/1.1 404") and wrong.startswith(b"HTTP/1.1 405")


def test_the_server_refuses_oversized_and_malformed_requests() -> None:
    big, garbage, long_head = _serve(
        [
            b"POST /f/t HTTP/1.1\r\nContent-Length: 999999\r\n\r\n",
            b"NONSENSE\r\n\r\n",
            b"GET /f/t HTTP/1.1\r\nX: " + b"a" * 10000 + b"\r\n\r\n",
        ]
    )
    assert big.startswith(b"HTTP/1.1 413")
    assert garbage.startswith(b"HTTP/1.1 400") and long_head.startswith(b"HTTP/1.1 400")


def test_the_server_binds_where_configured() -> None:
    # 127.0.0.2 is loopback too on Linux: it answers there and nowhere else.
    async def scenario() -> tuple[bytes, bool]:
        server = WebServer([Route("GET", "/f/", _echo)])
        port = await server.start("127.0.0.2", 0)
        try:
            raw = b"GET /f/x HTTP/1.1\r\n\r\n"
            answer = await asyncio.to_thread(exchange, port, raw, "127.0.0.2")
            try:
                await asyncio.to_thread(exchange, port, raw, "127.0.0.1")
            except ConnectionRefusedError:
                return answer, True
            return answer, False
        finally:
            await server.close()

    answer, refused_elsewhere = asyncio.run(scenario())
    assert answer.startswith(b"HTTP/1.1 200") and refused_elsewhere
