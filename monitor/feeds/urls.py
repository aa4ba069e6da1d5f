"""Canonical article URLs, so one story reached through many links is stored once (pure)."""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qsl, quote, urlencode, urljoin, urlsplit, urlunsplit

__all__ = ["canonical_url", "host_of"]

_DEFAULT_PORTS = {"http": 80, "https": 443}
# Parameters that identify the click, not the document.
_TRACKING = frozenset(
    {
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "twclid",
        "mc_cid", "mc_eid", "_hsenc", "_hsmi", "hsctatracking", "mkt_tok", "vero_id", "_ga",
        "_gl", "oly_anon_id", "oly_enc_id", "rb_clickid", "s_cid", "ncid", "ocid", "cmpid",
        "ref_src", "ref_url", "spm", "smid", "at_medium", "at_campaign", "sr_share",
        "__twitter_impression",
    }
)  # fmt: skip
_TRACKING_PREFIXES = ("utm_", "pk_", "mtm_")
_AMP_QUERY = frozenset({"amp", "amp_js_v", "usqp"})
_MOBILE_PREFIXES = ("m.", "mobile.", "amp.")
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"


def _host(hostname: str | None, url: str) -> str:
    """Return the lower-case ASCII (IDNA) form of a host; raise ValueError when invalid."""
    if not hostname:
        raise ValueError(f"URL has no host: {url!r}")
    host = hostname.lower().rstrip(".")
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        return f"[{ip.compressed}]" if ip.version == 6 else ip.compressed
    try:
        ascii_host = host.encode("idna").decode("ascii")
    except UnicodeError as exc:
        raise ValueError(f"URL has an invalid host name {hostname!r}: {exc}") from None
    if not ascii_host or not re.fullmatch(r"[a-z0-9_.-]+", ascii_host):
        raise ValueError(f"URL has an invalid host name {hostname!r}")
    return ascii_host


def _desktop_host(host: str) -> str:
    """Map m./mobile./amp. hosts to the main site when enough of the name remains."""
    for prefix in _MOBILE_PREFIXES:
        rest = host[len(prefix) :]
        if host.startswith(prefix) and rest.count(".") >= 1:
            return rest
    return host


def _path(path: str) -> str:
    segments = path.split("/")
    # AMP copies live under an /amp/ segment or end in /amp; the article is the same.
    kept = [s for i, s in enumerate(segments) if s.lower() != "amp" or i == 0]
    path = "/".join(kept) or "/"
    if not path.startswith("/"):
        path = "/" + path
    return quote(path, safe=_PATH_SAFE)


def _is_noise(name: str, value: str) -> bool:
    lower = name.lower()
    if lower == "outputtype":
        return value.lower() == "amp"
    return lower in _TRACKING or lower in _AMP_QUERY or lower.startswith(_TRACKING_PREFIXES)


def _query(query: str) -> str:
    pairs = [(k, v) for k, v in parse_qsl(query, keep_blank_values=True) if not _is_noise(k, v)]
    pairs.sort(key=lambda kv: kv[0])  # stable: repeated keys keep their order
    return urlencode(pairs)


def _split(url: str, base: str | None) -> tuple[str, str, str, int | None, str, str]:
    """Return scheme, netloc, hostname, port, path, query; raise ValueError if unusable."""
    if not isinstance(url, str) or not url.strip():
        raise ValueError("empty URL")
    text = url.strip()
    try:
        if base:
            text = urljoin(base.strip(), text)
        parts = urlsplit(text)
        port = parts.port
    except ValueError as exc:
        raise ValueError(f"unparsable URL {url!r}: {exc}") from None
    scheme = parts.scheme.lower()
    if scheme not in _DEFAULT_PORTS:
        raise ValueError(f"only http and https URLs are supported, not {url!r}")
    return scheme, parts.netloc, _host(parts.hostname, url), port, parts.path, parts.query


def canonical_url(url: str, base: str | None = None) -> str:
    """Return the canonical form of an http(s) URL; raise ValueError for anything else."""
    scheme, _, host, port, path, query = _split(url, base)
    host = _desktop_host(host)
    netloc = host if port in (None, _DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    return urlunsplit((scheme, netloc, _path(path), _query(query), ""))


def host_of(url: str) -> str:
    """Return the lower-case ASCII host of an http(s) URL, without port; raise ValueError."""
    return _split(url, None)[2]


def declared_canonical(url: str, declared: str | None) -> str | None:
    """Return the canonical URL a page declares for itself when we may trust it, else None.

    Only a declaration on the same site counts (www./m./amp. copies and subdomains of one
    domain): a page must not be able to claim that it *is* another outlet's story, which would
    hide the real one as a duplicate of it. The site test runs on the raw host names first: most
    pages name themselves or another site, and canonical_url() is the costly part.
    """
    if not declared or not _maybe_same_site(url, urljoin(url, declared.strip())):
        return None
    try:
        canonical = canonical_url(declared, base=url)
    except ValueError:
        return None
    return None if canonical == url else canonical


def _maybe_same_site(url: str, other: str) -> bool:
    try:
        a, b = urlsplit(url).hostname, urlsplit(other).hostname
    except ValueError:
        return False
    if not a or not b or other == url:
        return False
    return _same_site(_desktop_host(a), _desktop_host(b))


def _same_site(a: str, b: str) -> bool:
    a, b = a.removeprefix("www."), b.removeprefix("www.")
    return a == b or a.endswith("." + b) or b.endswith("." + a)
