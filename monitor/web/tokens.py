"""Signed, expiring tokens for digest links: what a link may do, for whom, until when."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from datetime import datetime

from monitor.errors import LinkError

Claims = dict[str, str | int]
_MAX_TOKEN = 2048  # characters; a link is never longer, so a longer one is not ours


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Signer:
    """Sign and verify claims with HMAC-SHA256; the purpose is signed too, so tokens don't mix."""

    def __init__(self, secret: bytes) -> None:
        if len(secret) < 16:
            raise ValueError("a link secret needs at least 16 bytes")
        # Derive a key per use so the secret itself never signs anything directly.
        self._key = hashlib.sha256(b"news-monitor links\0" + secret).digest()

    def sign(self, purpose: str, claims: Mapping[str, str | int], expires: datetime) -> str:
        """Return a URL-safe token carrying the claims until `expires`."""
        body = {**claims, "p": purpose, "x": int(expires.timestamp())}
        payload = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
        return f"{payload}.{self._mac(payload)}"

    def verify(self, purpose: str, token: str, now: datetime) -> Claims:
        """Return the claims of a genuine, unexpired token for `purpose`; raise LinkError."""
        payload, _, mac = token.partition(".")
        if len(token) > _MAX_TOKEN or not mac or not hmac.compare_digest(mac, self._mac(payload)):
            raise LinkError("this link is not valid (it was changed or is not ours)")
        try:
            claims = json.loads(_unb64(payload))
        except ValueError:
            raise LinkError("this link is not valid (unreadable)") from None
        if not isinstance(claims, dict) or claims.pop("p", None) != purpose:
            raise LinkError("this link is not valid here")
        expires = claims.pop("x", 0)
        if not isinstance(expires, int) or expires <= now.timestamp():
            raise LinkError("this link has expired; use the link in a newer digest")
        return claims

    def tag(self, purpose: str, text: str) -> str:
        """Return an HMAC tag of `text` for `purpose` (a form's anti-forgery field)."""
        return self._mac(f"{purpose}\0{text}")

    def _mac(self, payload: str) -> str:
        # 128 bits of the MAC: unforgeable, and a digest carries dozens of these links.
        return _b64(hmac.new(self._key, payload.encode("utf-8"), hashlib.sha256).digest()[:16])
