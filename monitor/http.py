"""Optional /health and /metrics endpoints, bound to 127.0.0.1 by default; no article content."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from sqlalchemy import Engine

from monitor.store.stats import Stats, collect

log = logging.getLogger("monitor.http")
_MAX_REQUEST = 8192


def render_metrics(stats: Stats) -> str:
    """Format stats in the Prometheus text exposition format."""
    lines: list[str] = []

    def family(name: str, help_text: str, values: dict[str, int], label: str) -> None:
        lines.extend([f"# HELP {name} {help_text}", f"# TYPE {name} gauge"])
        for key, value in sorted(values.items()):
            safe = str(key).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
            lines.append(f'{name}{{{label}="{safe}"}} {value}')

    family("monitor_feeds", "Feeds by state of their last poll.", stats.feeds_by_state, "state")
    family("monitor_articles", "Articles by processing status.", stats.articles_by_status, "status")
    family("monitor_topic_matches", "Stored topic matches.", stats.matches_by_topic, "topic")
    family(
        "monitor_deliveries", "Digest deliveries by status.", stats.deliveries_by_status, "status"
    )
    lines += [
        "# HELP monitor_feed_errors Consecutive poll errors summed over feeds.",
        "# TYPE monitor_feed_errors gauge",
        f"monitor_feed_errors {stats.feed_errors}",
        "# HELP monitor_poll_lag_seconds How overdue the most overdue feed is.",
        "# TYPE monitor_poll_lag_seconds gauge",
        f"monitor_poll_lag_seconds {stats.poll_lag_seconds:.3f}",
    ]
    return "\n".join(lines) + "\n"


class Endpoints:
    """A tiny HTTP/1.0 server for probes and scrapers (no framework needed for two paths)."""

    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], datetime],
        problem: Callable[[], str | None] = lambda: None,
    ) -> None:
        self.engine, self.clock, self.problem = engine, clock, problem
        self._server: asyncio.AbstractServer | None = None

    async def start(self, host: str, port: int) -> int:
        """Listen on host:port (port 0 picks one); return the port."""
        self._server = await asyncio.start_server(self._handle, host, port)
        return int(self._server.sockets[0].getsockname()[1])

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            head = await asyncio.wait_for(reader.readuntil(b"\r\n\r\n"), timeout=5)
            status, body, kind = await self._respond(head[:_MAX_REQUEST])
        except (TimeoutError, asyncio.IncompleteReadError, asyncio.LimitOverrunError):
            status, body, kind = "400 Bad Request", "bad request\n", "text/plain"
        data = body.encode()
        writer.write(
            f"HTTP/1.0 {status}\r\nContent-Type: {kind}\r\n"
            f"Content-Length: {len(data)}\r\nConnection: close\r\n\r\n".encode()
            + data
        )
        try:
            await writer.drain()
        finally:
            writer.close()

    async def _respond(self, head: bytes) -> tuple[str, str, str]:
        parts = head.split(b" ", 2)
        path = parts[1].decode("latin-1") if len(parts) > 1 else ""
        if path not in ("/health", "/metrics"):
            return "404 Not Found", "try /health or /metrics\n", "text/plain"
        try:
            stats = await asyncio.to_thread(collect, self.engine, self.clock())
        except Exception as exc:  # noqa: BLE001 - a probe must answer, not crash the service
            log.warning("health check failed", extra={"stage": "http", "reason": repr(exc)})
            return "503 Service Unavailable", "database unavailable\n", "text/plain"
        if path == "/health":
            # Degraded is not healthy: probes (Docker, systemd, a load balancer) act on 503.
            problem = await asyncio.to_thread(self.problem)
            if problem:
                return "503 Service Unavailable", f"degraded: {problem}\n", "text/plain"
            return "200 OK", "ok\n", "text/plain"
        return "200 OK", render_metrics(stats), "text/plain; version=0.0.4"

    async def close(self) -> None:
        """Stop listening."""
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
