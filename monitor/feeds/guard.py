"""Decide whether a URL from an untrusted feed may be fetched: scheme, host and resolved address.

Feeds and pages are chosen by strangers, so a link to 127.0.0.1, the LAN or a cloud metadata
endpoint must never be fetched unless the operator allow-lists it. The decision is pure
(`blocked_reason`, `AddressPolicy.refusal`); `resolve_checked` applies it to every address a
host name resolves to, and the fetcher calls it for every connection it opens.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from monitor.errors import BlockedURLError, FetchError

Resolver = Callable[[str, int], Awaitable[list[str]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = ("http", "https")
_METADATA = {ipaddress.ip_address("169.254.169.254"), ipaddress.ip_address("fd00:ec2::254")}
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_BLOCK_HINT = "add the host to allowed_hosts if you really mean to fetch it"


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """Return the IPv4 address tunnelled inside an IPv6 one, if any."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip.sixtofour:
        return ip.sixtofour
    if ip.teredo:
        return ip.teredo[1]
    if ip in _NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def blocked_reason(address: str) -> str | None:
    """Return why `address` is not a public unicast address, or None when it is."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        inner = _embedded_ipv4(ip)
        if inner is not None:
            # 6to4/Teredo/NAT64/mapped addresses reach whatever IPv4 address they wrap.
            reason = blocked_reason(str(inner))
            return f"{reason} (inside {ip})" if reason else None
    checks = (
        (ip.is_unspecified, "unspecified"),
        (ip.is_loopback, "loopback"),
        (ip in _METADATA, "cloud metadata endpoint"),
        (ip.is_link_local, "link-local"),
        (ip.is_private, "private network"),
        (ip.is_multicast, "multicast"),
        (ip.is_reserved, "reserved"),
        (not ip.is_global, "not publicly routable"),
    )
    for hit, label in checks:
        if hit:
            return f"{ip} is a {label} address"
    return None


def _parse_allowed(entries: tuple[str, ...]) -> tuple[frozenset[str], tuple[IPNetwork, ...]]:
    """Split allow-list entries into host names and IP networks."""
    names: set[str] = set()
    nets: list[IPNetwork] = []
    for entry in entries:
        text = entry.strip().strip("[]").lower().rstrip(".")
        try:
            nets.append(ipaddress.ip_network(text, strict=False))
        except ValueError:
            names.add(text)
    return frozenset(names), tuple(nets)


@dataclass(frozen=True)
class AddressPolicy:
    """Which non-public destinations the operator allows."""

    allow_private: bool = False
    allowed_hosts: tuple[str, ...] = ()
    _names: frozenset[str] = field(init=False, repr=False, compare=False)
    _nets: tuple[IPNetwork, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names, nets = _parse_allowed(self.allowed_hosts)
        object.__setattr__(self, "_names", names)
        object.__setattr__(self, "_nets", nets)

    def refusal(self, host: str, address: str) -> str | None:
        """Return why connecting to `address` (resolved from `host`) is refused, or None."""
        if self.allow_private or host.lower().rstrip(".") in self._names:
            return None
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return f"{address!r} is not an IP address"
        if any(ip in net for net in self._nets):
            return None
        return blocked_reason(address)


def check_url(url: str, policy: AddressPolicy) -> str:
    """Return the URL's host after checking scheme and literal address; raise BlockedURLError."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError as exc:
        raise BlockedURLError(f"malformed URL ({exc})", url=url) from None
    if parts.scheme.lower() not in ALLOWED_SCHEMES:
        raise BlockedURLError(
            f"scheme {parts.scheme or '(none)'!r} is not allowed",
            url=url,
            hint="only http and https",
        )
    if not host:
        raise BlockedURLError("URL has no host", url=url)
    if _is_ip(host):
        reason = policy.refusal(host, host)
        if reason:
            raise BlockedURLError(f"refused: {reason}", url=url, hint=_BLOCK_HINT)
    return host


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


async def system_resolve(host: str, port: int) -> list[str]:
    """Resolve `host` with the operating system's resolver; return unique addresses in order."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def resolve_checked(
    host: str, port: int, *, policy: AddressPolicy, resolve: Resolver, timeout: float, url: str
) -> list[str]:
    """Resolve `host` and return its addresses; raise BlockedURLError if any is refused."""
    if _is_ip(host):
        addresses = [host]
    else:
        try:
            async with asyncio.timeout(timeout):
                addresses = await resolve(host, port)
        except TimeoutError:
            raise FetchError(
                f"DNS lookup for {host} timed out", url=url, hint="check the host name or DNS"
            ) from None
        except OSError as exc:
            raise FetchError(
                f"DNS lookup for {host} failed ({exc})", url=url, hint="check the host name"
            ) from None
    if not addresses:
        raise FetchError(f"DNS lookup for {host} returned no address", url=url)
    for address in addresses:
        # One bad address refuses the host: a name that also points inside is not trustworthy.
        reason = policy.refusal(host, address)
        if reason:
            raise BlockedURLError(f"refused: {host} -> {reason}", url=url, hint=_BLOCK_HINT)
    return addresses
