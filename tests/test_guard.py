"""Address guard decisions that no setting can open, tested without any connection.

Resolution is injected (a table of answers), so nothing here opens a socket; the addresses named
below are never contacted.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.errors import BlockedURLError
from monitor.feeds.guard import AddressPolicy, check_url, resolve_checked
from tests.support.config import write_config

# Addresses no setting may open: cloud metadata, unspecified, multicast, link-local, broadcast,
# in plain and odd spellings (IPv4-mapped/compatible IPv6, 6to4, NAT64, zone ids).
NEVER = [
    "169.254.169.254",
    "169.254.170.2",  # AWS ECS task metadata
    "fd00:ec2::254",
    "fd00:ec2::23",
    "fd20:ce::254",  # GCP IPv6 metadata
    "100.100.100.200",  # Alibaba Cloud metadata
    "168.63.129.16",  # Azure WireServer (a public address)
    "192.0.0.192",  # Oracle Cloud metadata
    "0.0.0.0",
    "::",
    "224.0.0.1",
    "239.255.255.250",
    "ff02::1",
    "169.254.1.1",
    "fe80::1",
    "fe80::1%eth0",
    "255.255.255.255",
    "::ffff:169.254.169.254",
    "::ffff:a9fe:a9fe",
    "0:0:0:0:0:ffff:a9fe:a9fe",
    "::169.254.169.254",  # IPv4-compatible (deprecated) spelling
    "::ffff:0.0.0.0",
    "::ffff:224.0.0.1",
    "64:ff9b::a9fe:a9fe",  # NAT64 wrapping 169.254.169.254
    "2002:a9fe:a9fe::",  # 6to4 wrapping 169.254.169.254
]

WIDE_OPEN = AddressPolicy(
    allow_private=True,
    allowed_hosts=(
        "evil.test",
        "0.0.0.0/0",
        "::/0",
        "169.254.169.254",
        "fd00:ec2::254",
        "169.254.0.0/16",
        "224.0.0.0/4",
    ),
)


def table(answers: dict[str, list[str]]) -> Callable[[str, int], Awaitable[list[str]]]:
    async def resolve(host: str, port: int) -> list[str]:
        if host not in answers:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return answers[host]

    return resolve


def resolved(host: str, addresses: list[str], policy: AddressPolicy) -> list[str]:
    return asyncio.run(
        resolve_checked(
            host, 80, policy=policy, resolve=table({host: addresses}), timeout=1, url="http://u/"
        )
    )


@pytest.mark.parametrize("address", NEVER)
def test_never_allowed_whatever_the_settings(address: str) -> None:
    assert WIDE_OPEN.refusal("evil.test", address) is not None
    assert WIDE_OPEN.refusal(address, address) is not None
    assert AddressPolicy(allow_private=True).refusal("x.test", address) is not None
    with pytest.raises(BlockedURLError, match="never"):
        resolved("evil.test", [address], WIDE_OPEN)


@pytest.mark.parametrize(
    "url",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fd00:ec2::254]/latest/",
        "http://[::ffff:169.254.169.254]/",
        "http://[::ffff:a9fe:a9fe]/",
        "http://0.0.0.0:8080/",
        "http://[::]/",
        "http://0/",  # inet_aton spellings that the system resolver turns into addresses
        "http://0x7f.1/",
        "http://2852039166/",  # 169.254.169.254 as one number
        "http://0xa9fea9fe/",
        "http://0251.0376.0251.0376/",  # octal
        "http://169.254.43518/",
        "http://224.0.0.1/",
        "http://[ff02::1]/",
        "http://[fe80::1%25eth0]/",
    ],
)
def test_literal_and_odd_spellings_are_refused_before_resolution(url: str) -> None:
    with pytest.raises(BlockedURLError):
        check_url(url, AddressPolicy())


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("http://0x7f.1/", "127.0.0.1"),
        ("http://2130706433/", "127.0.0.1"),
        ("http://0251.0376.0251.0376/", "169.254.169.254"),
        ("http://10.1/", "10.0.0.1"),
    ],
)
def test_odd_spellings_are_read_as_the_address_they_mean(url: str, address: str) -> None:
    with pytest.raises(BlockedURLError, match=address.replace(".", r"\.")):
        check_url(url, AddressPolicy())


def test_allow_private_opens_private_ranges_and_loopback_only() -> None:
    policy = AddressPolicy(allow_private=True)
    for address in (
        "10.1.2.3",
        "172.16.5.4",
        "192.168.0.10",
        "127.0.0.1",
        "::1",
        "fc00::1",
        "fd12:3456::1",
        "::ffff:10.0.0.1",
        "::ffff:127.0.0.1",
        "100.64.0.1",
    ):
        assert policy.refusal("lan.test", address) is None, address
    assert resolved("lan.test", ["192.168.1.1", "127.0.0.1"], policy) == [
        "192.168.1.1",
        "127.0.0.1",
    ]
    # Other special-purpose ranges stay closed: documentation, benchmarking, reserved.
    for address in ("192.0.2.1", "198.18.0.1", "240.0.0.1", "2001:db8::1"):
        assert policy.refusal("lan.test", address) is not None, address


def test_allowed_hosts_open_what_they_name_but_never_the_forbidden() -> None:
    policy = AddressPolicy(allowed_hosts=("intranet.test", "10.9.0.0/16", "192.0.2.7"))
    assert policy.refusal("intranet.test", "10.1.1.1") is None
    assert policy.refusal("other.test", "10.9.3.4") is None
    assert policy.refusal("other.test", "192.0.2.7") is None
    assert policy.refusal("other.test", "10.1.1.1") is not None
    # A name on the list that resolves to the metadata address is still refused.
    with pytest.raises(BlockedURLError, match="metadata"):
        resolved("intranet.test", ["10.1.1.1", "169.254.169.254"], policy)


def test_never_refusal_says_no_setting_opens_it() -> None:
    with pytest.raises(BlockedURLError) as caught:
        check_url("http://169.254.169.254/", WIDE_OPEN)
    assert "allowed_hosts" not in (caught.value.hint or "")
    assert "never" in str(caught.value)


def test_public_addresses_pass_under_every_policy() -> None:
    for policy in (AddressPolicy(), WIDE_OPEN):
        for address in ("93.184.216.34", "2606:4700:4700::1111", "::ffff:93.184.216.34"):
            assert policy.refusal("news.test", address) is None


@pytest.mark.parametrize(
    "entry",
    ["169.254.169.254", "fd00:ec2::254", "169.254.0.0/16", "[fe80::1]", "224.0.0.0/4", "::"],
)
def test_check_config_refuses_allowed_hosts_that_can_never_open(
    entry: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path, settings={"polling": {"allowed_hosts": ["127.0.0.1", entry]}})
    assert main(["check-config", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert f"{config}:" in err and "polling.allowed_hosts.1" in err and "never" in err, err


@pytest.mark.parametrize("entry", ["10.0.0.0/8", "0.0.0.0/0", "intranet.test", "127.0.0.1"])
def test_check_config_accepts_allowed_hosts_that_open_something(entry: str, tmp_path: Path) -> None:
    config = write_config(tmp_path, settings={"polling": {"allowed_hosts": [entry]}})
    assert main(["check-config", "--config", str(config)]) == 0
