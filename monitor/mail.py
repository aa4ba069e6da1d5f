"""SMTP delivery: build the MIME message, send it, or write it to an outbox directory.

The only module that imports smtplib/email (besides tests), so a different transport touches
only this file.
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
import re
import smtplib
import socket
import ssl
import tempfile
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses
from pathlib import Path
from typing import Literal

from monitor.digest.formatting import break_long_words, clean_line, clean_text, shorten
from monitor.digest.render import preview_html
from monitor.errors import MailError
from monitor.models import InlineImage, RenderedDigest

Security = Literal["none", "starttls", "tls"]
_HEADER_CHARS = 250  # keeps Subject readable and far from the 998-octet line limit
_HEADER_WORD = 60  # longer "words" cannot be folded, so they are split
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9!#$%&'*+/=?^_`{|}~.@-]")
_STEM_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+-]{0,200}$")
_STEM_UNSAFE = re.compile(r"[^A-Za-z0-9._@+-]")
_STEM_PLAIN = 120  # longer names (a 254-character address) are cut and made unique by a hash


@dataclass(frozen=True)
class SmtpTarget:
    """Where and how to deliver; `cafile` trusts a private CA instead of the system store."""

    host: str
    port: int = 587
    security: Security = "starttls"
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0
    cafile: str | None = None

    def __repr__(self) -> str:
        # Never let a log line or traceback show the password.
        return (
            f"SmtpTarget(host={self.host!r}, port={self.port}, security={self.security!r}, "
            f"username={self.username!r}, timeout={self.timeout})"
        )

    @property
    def where(self) -> str:
        """Return 'host:port' for messages."""
        return f"{self.host}:{self.port}"


def header_text(value: str) -> str:
    """Make untrusted text safe for a header: one line, no bidi controls, foldable, bounded."""
    return shorten(break_long_words(clean_line(value), _HEADER_WORD), _HEADER_CHARS)


def _msg_id(value: str) -> str:
    """Return `value` as a '<local@domain>' Message-ID with no unsafe characters."""
    inner = _ID_UNSAFE.sub("", value.strip().strip("<>"))
    if "@" not in inner:
        inner += "@monitor.invalid"
    return f"<{inner}>"


def make_message_id(
    digest_id: str, recipient: str, day: str, domain: str = "monitor.invalid"
) -> str:
    """Return a Message-ID stable per (digest, recipient, day): a resend is the same message."""
    digest = hashlib.sha256(f"{digest_id}\0{recipient}\0{day}".encode()).hexdigest()[:20]
    # Short enough not to be folded: some tools mishandle a folded Message-ID.
    label = _ID_UNSAFE.sub("-", digest_id)[:20]
    return _msg_id(f"{label}.{_ID_UNSAFE.sub('', day)}.{digest}@{domain}")


def _list_id(value: str) -> str:
    """Return a List-Id 'Name <label.domain>' (RFC 2919) from a label or a full value."""
    match = re.fullmatch(r"(.*?)<([^<>]+)>\s*", clean_line(value))
    name, label = (match[1].strip(), match[2]) if match else ("", clean_line(value))
    label = _ID_UNSAFE.sub("-", label).replace("@", ".").strip(".-") or "digest.monitor.invalid"
    return f"{header_text(name)} <{label}>" if name else f"<{label}>"


def outbox_stem(*parts: str) -> str:
    """Return an ASCII file name stem for the parts; non-ASCII or long ones get a hash suffix."""
    plain = "-".join(parts)
    safe = _STEM_UNSAFE.sub("_", plain)
    if safe == plain and len(safe) <= _STEM_PLAIN and _STEM_OK.match(safe):
        return safe
    # The hash keeps josé@ and jos_@ (or two long addresses sharing a prefix) apart.
    digest = hashlib.sha256(plain.encode("utf-8")).hexdigest()[:16]
    return f"{safe[: _STEM_PLAIN - 17].rstrip('._-+@') or 'x'}-{digest}"


def ascii_domain(address: str) -> str:
    """Return the address with an internationalised domain in its ASCII (punycode) form.

    Only the local part then needs SMTPUTF8; a domain that IDNA cannot encode is left as it is.
    """
    local, at, domain = address.rpartition("@")
    if not at or domain.isascii():
        return address
    try:
        return f"{local}@{domain.encode('idna').decode('ascii')}"
    except UnicodeError:
        return address


def _needs_smtputf8(msg: EmailMessage) -> list[str]:
    """Return the message's addresses that only SMTPUTF8 can carry."""
    fields = (str(msg.get(name, "")) for name in ("From", "To", "Cc"))
    return [addr for _name, addr in getaddresses(list(fields)) if addr and not addr.isascii()]


def _address(value: str, field: str) -> str:
    """Return an address header value, refusing anything that could add a header or recipient."""
    cleaned = value.strip()
    if (
        "\n" in value
        or clean_text(value) != value
        or len(getaddresses([cleaned])) != 1
        or "@" not in getaddresses([cleaned])[0][1]
    ):
        raise MailError(
            f"{field} address {cleaned!r} is not a single plain address",
            temporary=False,
            hint="fix the address in the configuration",
        )
    return cleaned


def build_message(
    rendered: RenderedDigest,
    *,
    sender: str,
    recipient: str,
    message_id: str,
    list_id: str,
    date: datetime,
) -> EmailMessage:
    """Build multipart/alternative (text, then HTML in multipart/related with cid images)."""
    sender, recipient = ascii_domain(sender), ascii_domain(recipient)
    international = not (sender.isascii() and recipient.isascii())
    # A non-ASCII address cannot be encoded into a header; such a message is UTF-8 throughout.
    msg = EmailMessage(policy=policy.SMTPUTF8 if international else policy.SMTP)
    msg["Subject"] = header_text(rendered.subject) or "News digest"
    msg["From"] = _address(sender, "From")
    msg["To"] = _address(recipient, "To")
    msg["Date"] = format_datetime(date if date.tzinfo else date.astimezone())
    msg["Message-ID"] = _msg_id(message_id)
    msg["List-Id"] = _list_id(list_id)
    # Ask autoresponders (vacation replies, Exchange OOF) not to answer a machine.
    msg["Auto-Submitted"] = "auto-generated"
    msg["X-Auto-Response-Suppress"] = "All"
    # Quoted-printable keeps the raw message legible and is what spam filters expect of text.
    msg.set_content(rendered.text, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(rendered.html, subtype="html", charset="utf-8", cte="quoted-printable")
    html_part = next(p for p in msg.iter_parts() if p.get_content_type() == "text/html")
    for image in rendered.images:
        maintype, _, subtype = image.mime_type.partition("/")
        html_part.add_related(
            image.data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            cid=_msg_id(image.cid),
            disposition="inline",
            filename=f"{_ID_UNSAFE.sub('-', image.cid.split('@')[0])}.{subtype or 'bin'}",
        )
    for attachment in rendered.attachments:  # the message becomes multipart/mixed
        maintype, _, subtype = attachment.mime_type.partition("/")
        name = re.sub(r"[^A-Za-z0-9._-]", "-", attachment.filename)
        if maintype == "text":  # declare the charset, or readers guess it (and garble it)
            text = attachment.data.decode("utf-8")
            msg.add_attachment(text, subtype=subtype, charset="utf-8", cte="base64", filename=name)
            continue
        msg.add_attachment(
            attachment.data, maintype=maintype, subtype=subtype or "octet-stream", filename=name
        )
    return msg


def _is_loopback(host: str) -> bool:
    """Say whether `host` names this machine."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _scrub(text: str, target: SmtpTarget) -> str:
    """Remove the password from text that might echo it."""
    return text.replace(target.password, "***") if target.password else text


def _fail(target: SmtpTarget, what: str, *, temporary: bool, hint: str) -> MailError:
    """Build a MailError naming host:port, what happened and what to do."""
    return MailError(
        _scrub(f"{target.where}: {what}", target), temporary=temporary, hint=_scrub(hint, target)
    )


def _reply(code: int, text: bytes | str) -> str:
    """Format an SMTP reply for a message."""
    body = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {clean_line(body)}".strip()


def _classify_reply(exc: smtplib.SMTPException, target: SmtpTarget) -> MailError:
    """Turn a server reply into a temporary (4xx) or permanent (5xx) MailError."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [(code, text) for code, text in exc.recipients.values()]
        temporary = all(400 <= code < 500 for code, _ in codes)
        what = "recipient refused: " + "; ".join(_reply(c, t) for c, t in codes)
    else:
        code = int(getattr(exc, "smtp_code", 0) or 0)
        temporary = 400 <= code < 500
        what = _reply(code, getattr(exc, "smtp_error", b"")) if code else str(exc)
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        what = f"authentication failed ({what})"
        hint = "retry later" if temporary else "check the SMTP username and password"
    else:
        hint = (
            "the server deferred the message; it will be retried"
            if temporary
            else "the server rejected the message; fix the address or server setting"
        )
    return _fail(target, what, temporary=temporary, hint=hint)


def _connect(target: SmtpTarget) -> smtplib.SMTP:
    """Open the connection with the requested security and log in when configured."""
    context = ssl.create_default_context(cafile=target.cafile)
    if target.security == "tls":
        client: smtplib.SMTP = smtplib.SMTP_SSL(
            target.host, target.port, timeout=target.timeout, context=context
        )
    else:
        client = smtplib.SMTP(target.host, target.port, timeout=target.timeout)
    try:
        client.ehlo()
        if target.security == "starttls":
            client.starttls(context=context)
            client.ehlo()
        if target.username:
            client.login(target.username, target.password or "")
    except BaseException:
        client.close()
        raise
    return client


def _timed_out(target: SmtpTarget) -> MailError:
    return _fail(
        target,
        f"no answer within {target.timeout:g} s",
        temporary=True,
        hint="the server is slow or unreachable; it will be retried",
    )


def send_message(msg: EmailMessage, target: SmtpTarget) -> None:
    """Deliver `msg`; raise MailError(temporary=...) saying whether a retry can help."""
    if target.username and target.security == "none" and not _is_loopback(target.host):
        raise _fail(
            target,
            "refusing to send the SMTP password unencrypted",
            temporary=False,
            hint="set security to starttls or tls",
        )
    try:
        client = _connect(target)
        try:
            client.send_message(msg)
        finally:
            _quit(client)
    except smtplib.SMTPNotSupportedError as exc:
        if needs := _needs_smtputf8(msg):
            raise _fail(
                target,
                f"{', '.join(needs)} needs SMTPUTF8 (a non-ASCII address), "
                "which this server does not offer",
                temporary=False,
                hint="use an SMTP server that offers SMTPUTF8, or an ASCII address for them",
            ) from None
        raise _fail(
            target,
            f"server does not support {exc}",
            temporary=False,
            hint="set security to match the server (starttls on 587, tls on 465)",
        ) from None
    except smtplib.SMTPServerDisconnected as exc:
        if isinstance(exc.__context__, TimeoutError):  # smtplib wraps a read timeout like this
            raise _timed_out(target) from None
        raise _fail(
            target,
            f"connection dropped ({exc or 'no reason given'})",
            temporary=True,
            hint="it will be retried; if the message may have arrived, the stable "
            "Message-ID lets clients drop the duplicate",
        ) from None
    except (smtplib.SMTPResponseException, smtplib.SMTPRecipientsRefused) as exc:
        raise _classify_reply(exc, target) from None
    except ssl.SSLCertVerificationError as exc:
        raise _fail(
            target,
            f"TLS certificate not trusted ({exc.verify_message})",
            temporary=False,
            hint="fix the server certificate or set cafile",
        ) from None
    except ssl.SSLError as exc:
        raise _fail(
            target,
            f"TLS failed ({exc.reason or exc})",
            temporary=True,
            hint="check that security matches the port (starttls 587, tls 465)",
        ) from None
    except TimeoutError:
        raise _timed_out(target) from None
    except socket.gaierror as exc:
        raise _fail(
            target,
            f"host name not resolved ({exc.strerror})",
            temporary=True,
            hint="check the SMTP host name and DNS",
        ) from None
    except OSError as exc:
        raise _fail(
            target,
            f"connection failed ({exc.strerror or exc})",
            temporary=True,
            hint="check that the server is running and the port is right",
        ) from None
    except smtplib.SMTPException as exc:
        raise _fail(
            target, f"SMTP error ({exc})", temporary=True, hint="it will be retried"
        ) from None


def _quit(client: smtplib.SMTP) -> None:
    """Say QUIT politely; the message is already accepted, so a failure here does not matter."""
    try:
        client.quit()
    except (smtplib.SMTPException, OSError):
        client.close()


def _atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` via a temporary file and rename, so readers never see half."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _html_preview(msg: EmailMessage) -> str:
    """Return the HTML part with its cid images embedded, for opening in a browser."""
    html_part = msg.get_body(preferencelist=("html",))
    if html_part is None:
        return ""
    images = []
    for part in msg.walk():
        cid = part.get("Content-ID")
        if cid and part.get_content_maintype() == "image":
            images.append(InlineImage(cid.strip("<>"), part.get_content(), part.get_content_type()))
    return preview_html(RenderedDigest("", "", html_part.get_content(), tuple(images)))


def write_outbox(msg: EmailMessage, directory: Path, stem: str) -> tuple[Path, Path]:
    """Write `stem.eml` (the exact message) and `stem.html` (a browser preview) atomically."""
    if not _STEM_OK.match(stem):
        raise MailError(f"outbox file name {stem!r} is not a plain file name", temporary=False)
    directory.mkdir(parents=True, exist_ok=True)
    eml, html = directory / f"{stem}.eml", directory / f"{stem}.html"
    _atomic_write(eml, msg.as_bytes(policy=msg.policy.clone(linesep="\n")))
    _atomic_write(html, _html_preview(msg).encode("utf-8"))
    return eml, html
