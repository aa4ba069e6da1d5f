"""Exceptions raised by the library; the CLI turns them into messages and exit codes.

Every message starts with the stage that raised it ("fetch: ...", "config: ...") so a log line or
an error printed to an analyst says where the problem is before it says what it is.
"""

from __future__ import annotations


class MonitorError(Exception):
    """Base of every error the monitor raises on purpose."""

    stage = "monitor"

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        text = f"{self.stage}: {self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ConfigError(MonitorError):
    """The configuration or watch-list is invalid; `problems` lists every finding."""

    stage = "config"

    def __init__(self, message: str, problems: list[str] | None = None, *, hint: str | None = None):
        super().__init__(message, hint=hint)
        self.problems = problems or [message]

    def __str__(self) -> str:
        return "config: " + "\n".join(self.problems)


class FetchError(MonitorError):
    """An HTTP fetch failed: network, status, size, timeout or a refused address."""

    stage = "fetch"

    def __init__(
        self,
        message: str,
        *,
        url: str,
        status: int | None = None,
        retry_after: float | None = None,
        hint: str | None = None,
    ) -> None:
        super().__init__(f"{url}: {message}", hint=hint)
        self.url = url
        self.status = status
        self.retry_after = retry_after


class BlockedURLError(FetchError):
    """A URL was refused before connecting (scheme, private address, robots.txt)."""


class ParseError(MonitorError):
    """A feed could not be parsed at all (lenient parsing already failed)."""

    stage = "parse"


class ExtractError(MonitorError):
    """A page yielded no usable article text."""

    stage = "extract"


class RuleError(MonitorError):
    """A watch-list rule is wrong; the message names file, line and column with a caret."""

    stage = "rules"

    def __init__(self, message: str, problems: list[str] | None = None) -> None:
        super().__init__(message)
        self.problems = problems or [message]


class StoreError(MonitorError):
    """The database is unusable (unreachable, locked by another instance, wrong schema)."""

    stage = "store"


class DigestError(MonitorError):
    """A digest could not be built or rendered."""

    stage = "digest"


class LinkError(MonitorError):
    """A signed link is forged, expired, or meant for another purpose; nothing may happen."""

    stage = "web"


class MailError(MonitorError):
    """Delivery failed; `temporary` says whether retrying can help (SMTP 4xx, timeouts)."""

    stage = "mail"

    def __init__(self, message: str, *, temporary: bool, hint: str | None = None) -> None:
        super().__init__(message, hint=hint)
        self.temporary = temporary
