"""A raw HTTP/1.1 client for the web endpoint's tests: exactly the bytes a browser would send."""

from __future__ import annotations

import socket
import urllib.parse


def exchange(port: int, raw: bytes, host: str = "127.0.0.1") -> bytes:
    """Send one raw request to host:port and return the whole raw response."""
    with socket.create_connection((host, port), timeout=5) as conn:
        conn.sendall(raw)
        chunks = []
        while chunk := conn.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def status_and_body(raw: bytes) -> tuple[int, str]:
    """Split a raw response into its status code and decoded body."""
    head, _, body = raw.partition(b"\r\n\r\n")
    return int(head.split()[1]), body.decode()


def get(port: int, path: str, host: str = "x") -> tuple[int, str]:
    """GET a path; return (status, body)."""
    return status_and_body(exchange(port, f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()))


def post(
    port: int, path: str, form: dict[str, str], headers: str = "", host: str = "x"
) -> tuple[int, str]:
    """POST a form (urlencoded) with extra raw header lines; return (status, body)."""
    body = urllib.parse.urlencode(form).encode()
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {host}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\n{headers}\r\n"
    )
    return status_and_body(exchange(port, head.encode() + body))
