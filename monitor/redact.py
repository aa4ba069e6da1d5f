"""Hide passwords in database URLs before they are printed or logged, whatever their spelling."""

from __future__ import annotations

import re
from urllib.parse import unquote

MASK = "***"
# Query keys that carry a secret in libpq/psycopg/SQLAlchemy URLs (compared lower-cased, decoded).
_SECRET_KEYS = ("pass", "pwd", "secret", "token")
_QUERY_PAIR = re.compile(r"([?&;])([^=&;#]*)=([^&;#]*)")


def _secret_key(key: str) -> bool:
    name = unquote(key).lower()
    return any(word in name for word in _SECRET_KEYS)


def _redact_query(text: str) -> str:
    """Mask the values of password-like query parameters (`?password=...`, `&PWD=...`)."""

    def mask(found: re.Match[str]) -> str:
        sep, key, _value = found.groups()
        return f"{sep}{key}={MASK}" if _secret_key(key) else found.group(0)

    return _QUERY_PAIR.sub(mask, text)


def redact_url(url: str) -> str:
    """Return `url` with every password masked: userinfo (even with a raw @) and query."""
    head, sep, rest = url.partition("://")
    if not sep:
        return _redact_query(url)
    query_at = rest.find("?")
    # A password may contain a raw @: the userinfo ends at the last @ before the query. When
    # the query itself has an @, masking too much is the safe side.
    at = rest.rfind("@", 0, query_at if query_at >= 0 and "@" in rest[:query_at] else len(rest))
    if at < 0 or rest.startswith("/"):
        return head + sep + _redact_query(rest)
    userinfo, authority = rest[:at], rest[at + 1 :]
    user, colon, _password = userinfo.partition(":")
    masked = f"{user}:{MASK}" if colon else userinfo
    return f"{head}{sep}{masked}@{_redact_query(authority)}"


def url_secrets(url: str) -> list[str]:
    """Return the secret strings a URL carries (password and password-like query values)."""
    found: list[str] = []
    head, sep, rest = url.partition("://")
    userinfo = rest[: rest.rfind("@")] if sep and "@" in rest.split("?", 1)[0] else ""
    if ":" in userinfo:
        password = userinfo.partition(":")[2]
        found += [password, unquote(password), *password.split("@")[1:]]
    for _sep, key, value in _QUERY_PAIR.findall(url):
        if _secret_key(key):
            found += [value, unquote(value)]
    # Longest first, so a password is masked whole before any piece of it is.
    return sorted({s for s in found if len(s) >= 3}, key=len, reverse=True)


def scrub(text: str, url: str) -> str:
    """Mask in `text` (a driver's error message, say) every secret that `url` carries."""
    for secret in url_secrets(url):
        text = text.replace(secret, MASK)
    return text


def raw_at_problem(url: str) -> str | None:
    """Say why a URL whose password holds a raw '@' cannot work, or None."""
    _head, sep, rest = url.partition("://")
    authority = rest.split("/", 1)[0].split("?", 1)[0]
    if sep and authority.count("@") > 1:
        return (
            "the password contains a raw '@', which drivers read as the end of the password "
            "(and would send the rest to DNS); fix: percent-encode it as %40"
        )
    return None
