"""A real SMTP server (aiosmtpd) on 127.0.0.1 that records messages or misbehaves on request."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from aiosmtpd.controller import Controller

HOST = "127.0.0.1"


class Recorder:
    """Accept every message and keep its bytes; `mode` makes it fail: 451, 550, stall, drop."""

    def __init__(self, mode: str = "ok") -> None:
        self.mode = mode
        self.messages: list[bytes] = []
        self.rcpt_tos: list[str] = []

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: list[str]
    ) -> str:
        if self.mode == "451":
            return "451 4.3.0 Mailbox temporarily unavailable"
        if self.mode == "550":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.mode == "stall":
            await asyncio.sleep(30)  # the client gives up long before; stop() cancels this
        if self.mode == "drop":
            server.transport.close()
            return "250 never seen"
        self.messages.append(envelope.original_content or envelope.content)
        self.rcpt_tos.extend(envelope.rcpt_tos)
        return "250 Message accepted"


def free_port() -> int:
    """Return a port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start(handler: Recorder, **kwargs: Any) -> Controller:
    """Start an aiosmtpd controller on a free loopback port."""
    controller = Controller(handler, hostname=HOST, port=free_port(), **kwargs)
    controller.start()
    return controller


@contextmanager
def smtp_server(mode: str = "ok", **kwargs: Any) -> Iterator[tuple[Recorder, Controller]]:
    """Run a recording SMTP server for the duration of a with-block."""
    handler = Recorder(mode)
    controller = start(handler, **kwargs)
    try:
        yield handler, controller
    finally:
        controller.stop()
