"""The full-period page: a recipient's signed link opens every story of the period."""

from __future__ import annotations

import asyncio
import re
import socket
from datetime import timedelta
from pathlib import Path

import pytest
from digest_day import SEND_AT, build_day

from monitor.service import open_database
from monitor.web.app import WebContext, make_server
from monitor.web.tokens import Signer

SECRET = "a link secret of enough length for the test"
BASE = "https://monitor.example.org/desk/"


def _get(port: int, path: str) -> tuple[int, str]:
    with socket.create_connection(("127.0.0.1", port), timeout=30) as conn:
        conn.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        data = b""
        while chunk := conn.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body.decode("utf-8")


def test_the_link_opens_the_full_list_and_a_bad_one_a_clear_page(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_WEB_SECRET", SECRET)
    day = build_day(shared_data, tmp_path, {"web": {"public_base_url": BASE}})
    assert day.full_list == ""  # with a web page, nothing is attached
    flat = "".join(day.text.split())
    link = re.search(re.escape(BASE) + r"p/[\w.-]+", flat)
    assert link and link[0] in day.html
    token = link[0].rsplit("/", 1)[1]
    engine = open_database(day.config)
    now = [SEND_AT + timedelta(hours=2)]
    ctx = WebContext(engine, day.config, Signer(SECRET.encode()), lambda: now[0])

    async def scenario() -> list[tuple[int, str]]:
        server = make_server(ctx)
        port = await server.start("127.0.0.1", 0)
        try:
            answers = [await asyncio.to_thread(_get, port, f"/p/{token}")]
            answers.append(await asyncio.to_thread(_get, port, f"/p/{token[:-3]}abc"))
            now[0] = SEND_AT + timedelta(days=31)  # past web.link_ttl (30 days)
            answers.append(await asyncio.to_thread(_get, port, f"/p/{token}"))
            return answers
        finally:
            await server.close()

    try:
        (ok, page), (forged, forged_page), (expired, expired_page) = asyncio.run(scenario())
    finally:
        engine.dispose()
    assert ok == 200
    every = [s for section in day.full.sections for s in section.stories]
    assert all(s.url in page for s in every)
    assert (
        page.count('class="headline"')
        == len(every)
        > len([s for section in day.content.sections for s in section.stories])
    )
    assert "Full list" in page and 'class="more"' not in page  # nothing left out here
    assert forged == 403 and "not valid" in forged_page
    assert expired == 410 and "expired" in expired_page
