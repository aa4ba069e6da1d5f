"""Decide whether a URL from an untrusted feed may be fetched: scheme, host and resolved address.

Feeds and pages are chosen by strangers, so a link to 127.0.0.1, the LAN or a cloud metadata
endpoint must never be fetched unless the operator allows it. Two tiers: cloud metadata,
unspecified, multicast, link-local and broadcast addresses are refused whatever the settings
(`forbidden_reason`); other non-public addresses are refused unless `allow_private` (private
ranges and loopback only) or `allowed_hosts` opens them. The decision is pure
(`blocked_reason`, `AddressPolicy.refusal`); `resolve_checked` applies it to every address a
host name resolves to, and the fetcher calls it for every connection it opens.
"""

from __future__ import annotations

import ipaddress
import re
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from monitor.errors import BlockedURLError, FetchError

Resolver = Callable[[str, int], Awaitable[list[str]]]
IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_SCHEMES = ("http", "https")
# Instance metadata and host-agent endpoints of the big clouds (AWS incl. ECS and IPv6, GCP,
# Azure WireServer, Alibaba, Oracle, Tencent): credentials live there.
_METADATA = frozenset(
    ipaddress.ip_address(a)
    for a in (
        "169.254.169.254", "169.254.170.2", "169.254.169.253", "169.254.169.123",
        "169.254.0.23", "100.100.100.200", "168.63.129.16", "192.0.0.192",
        "fd00:ec2::254", "fd00:ec2::253", "fd00:ec2::23", "fd20:ce::254",
    )
)  # fmt: skip
# What `allow_private` opens: RFC 1918, shared address space (CGNAT, VPN overlays), ULA, loopback.
_PRIVATE = tuple(
    ipaddress.ip_network(n)
    for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10", "fc00::/7")
)
_BROADCAST = ipaddress.IPv4Address("255.255.255.255")
_FORBIDDEN_NETS = tuple(
    (ipaddress.ip_network(net), label)
    for net, label in (
        ("169.254.0.0/16", "link-local"), ("fe80::/10", "link-local"),
        ("224.0.0.0/4", "multicast"), ("ff00::/8", "multicast"),
    )
)  # fmt: skip
_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NUMERIC_HOST = re.compile(r"[0-9a-fA-FxX.]+")  # what inet_aton might read as an address
_NEVER = "never fetched, whatever allow_private or allowed_hosts say"
_BLOCK_HINT = "add the host to allowed_hosts if you really mean to fetch it"
_NEVER_HINT = "no setting allows this address; remove the link or feed"


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
    if int(ip) >> 32 == 0 and int(ip) > 1:
        return ipaddress.IPv4Address(int(ip))  # IPv4-compatible ::a.b.c.d (deprecated)
    return None


def _candidates(ip: IPAddress) -> tuple[IPAddress, ...]:
    """Return the address and, for IPv6 wrapping IPv4, the address it reaches."""
    inner = _embedded_ipv4(ip) if isinstance(ip, ipaddress.IPv6Address) else None
    return (ip, inner) if inner is not None else (ip,)


def literal_ip(host: str) -> IPAddress | None:
    """Return the address a literal host means, odd spellings included (0x7f.1, 2130706433)."""
    try:
        return ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        pass
    if not _NUMERIC_HOST.fullmatch(host) or not any(c.isdigit() for c in host):
        return None
    try:
        # The system resolver reads these spellings as addresses too (inet_aton rules).
        return ipaddress.IPv4Address(socket.inet_aton(host))
    except OSError:
        return None


def forbidden_reason(ip: IPAddress) -> str | None:
    """Return why `ip` may never be fetched (metadata, unspecified, multicast, ...), or None."""
    for candidate in _candidates(ip):
        checks = (
            (candidate in _METADATA, "cloud metadata endpoint"),
            (candidate.is_unspecified, "unspecified"),
            (candidate.is_multicast, "multicast"),
            (candidate.is_link_local, "link-local"),
            (candidate == _BROADCAST, "broadcast"),
        )
        for hit, label in checks:
            if hit:
                inside = f" (inside {ip})" if candidate is not ip else ""
                return f"{candidate} is a {label} address{inside}, {_NEVER}"
    return None


def _special_reason(ip: IPAddress) -> str | None:
    """Return why a non-forbidden `ip` is not a public unicast address, or None."""
    candidate = _candidates(ip)[-1]  # 6to4/Teredo/NAT64/mapped reach the IPv4 they wrap
    checks = (
        (candidate.is_loopback, "loopback"),
        (candidate.is_private, "private network"),
        (candidate.is_reserved, "reserved"),
        (not candidate.is_global, "not publicly routable"),
    )
    for hit, label in checks:
        if hit:
            inside = f" (inside {ip})" if candidate is not ip else ""
            return f"{candidate} is a {label} address{inside}"
    return None


def _is_private(ip: IPAddress) -> bool:
    """Say whether `allow_private` opens `ip`: private ranges and loopback, nothing else."""
    candidate = _candidates(ip)[-1]
    return candidate.is_loopback or any(candidate in net for net in _PRIVATE)


def blocked_reason(address: str) -> str | None:
    """Return why `address` is not a public unicast address, or None when it is."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    return forbidden_reason(ip) or _special_reason(ip)


def never_allowed_entry(entry: str) -> str | None:
    """Say why an allowed_hosts entry (address or CIDR) can open nothing, or None."""
    text = entry.strip().strip("[]")
    try:
        net = ipaddress.ip_network(text.split("%", 1)[0], strict=False)
    except ValueError:
        return None  # a host name: its addresses are checked when it is resolved
    if net.num_addresses == 1:
        return forbidden_reason(net.network_address)
    for whole, label in _FORBIDDEN_NETS:
        if net.version == whole.version and net.subnet_of(whole):  # type: ignore[arg-type]
            return f"{entry} lies inside {whole} ({label}), {_NEVER}"
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
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            return f"{address!r} is not an IP address"
        never = forbidden_reason(ip)
        if never:
            return never
        if host.lower().rstrip(".") in self._names:
            return None
        if any(c in net for c in _candidates(ip) for net in self._nets if c.version == net.version):
            return None
        reason = _special_reason(ip)
        if reason and self.allow_private and _is_private(ip):
            return None
        return reason


def _hint(reason: str) -> str:
    return _NEVER_HINT if reason.endswith(_NEVER) else _BLOCK_HINT


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
    ip = literal_ip(host)
    if ip is not None:
        reason = policy.refusal(str(ip), str(ip))
        if reason:
            raise BlockedURLError(f"refused: {reason}", url=url, hint=_hint(reason))
    return host


async def system_resolve(host: str, port: int) -> list[str]:
    """Resolve `host` with the operating system's resolver; return unique addresses in order."""
    import asyncio  # here, not at the top: check-config reads this module and never resolves

    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in infos))


async def resolve_checked(
    host: str, port: int, *, policy: AddressPolicy, resolve: Resolver, timeout: float, url: str
) -> list[str]:
    """Resolve `host` and return its addresses; raise BlockedURLError if any is refused."""
    import asyncio  # loaded already: an event loop is running

    ip = literal_ip(host)
    if ip is not None:
        addresses = [str(ip)]
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
            raise BlockedURLError(f"refused: {host} -> {reason}", url=url, hint=_hint(reason))
    return addresses
