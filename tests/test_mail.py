"""Delivery against a real aiosmtpd server on 127.0.0.1: success, 4xx, 5xx, stall, drop, TLS."""

from __future__ import annotations

import ssl
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from digest_sample import HOSTILE_TITLE, content

from monitor.digest.render import render_digest
from monitor.errors import MailError
from monitor.mail import (
    SmtpTarget,
    build_message,
    header_text,
    make_message_id,
    send_message,
    write_outbox,
)
from monitor.models import RenderedDigest
from tests.support.smtp import HOST, Recorder, free_port
from tests.support.smtp import start as serve

USER, PASSWORD = "desk", "s3cret-pa55word"
SENDER, RECIPIENT = "News Monitor <monitor@desk.example>", "analyst@desk.example"


def authenticator(
    server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any
) -> AuthResult:
    """Accept only USER/PASSWORD."""
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@pytest.fixture
def rendered() -> RenderedDigest:
    return render_digest(content())


@pytest.fixture
def message(rendered: RenderedDigest) -> EmailMessage:
    return build_message(
        rendered,
        sender=SENDER,
        recipient=RECIPIENT,
        message_id=make_message_id("cnr-daily", RECIPIENT, "2026-11-28"),
        list_id="China–NATO–Russia daily brief <cnr-daily.monitor.invalid>",
        date=datetime(2026, 11, 28, 7, 0, tzinfo=UTC),
    )


@pytest.fixture
def recorder() -> Iterator[tuple[Recorder, Controller]]:
    handler = Recorder()
    controller = serve(handler)
    yield handler, controller
    controller.stop()


def plain(controller: Controller, timeout: float = 10.0) -> SmtpTarget:
    return SmtpTarget(HOST, controller.port, security="none", timeout=timeout)


def test_delivers_multipart_alternative_with_both_parts_and_headers(
    recorder: tuple[Recorder, Controller], message: EmailMessage, rendered: RenderedDigest
) -> None:
    handler, controller = recorder
    send_message(message, plain(controller))
    assert handler.rcpt_tos == [RECIPIENT]
    received = message_from_bytes(handler.messages[0], policy=policy.default)
    assert received.get_content_type() == "multipart/alternative"
    text_part, related = received.get_payload()
    assert text_part.get_content_type() == "text/plain"
    assert related.get_content_type() == "multipart/related"
    html_part, image = related.get_payload()
    assert html_part.get_content_type() == "text/html"
    assert "▁" in text_part.get_content() and "also in: Daily Ledger" in text_part.get_content()
    assert f"cid:{rendered.images[0].cid}" in html_part.get_content()
    assert image["Content-ID"] == f"<{rendered.images[0].cid}>"
    assert image.get_content() == rendered.images[0].data
    assert str(received["Subject"]) == "China–NATO–Russia daily brief — 5 stories — 28 Nov 2026"
    assert received["Message-ID"] == message["Message-ID"]
    assert received["List-Id"] == "China–NATO–Russia daily brief <cnr-daily.monitor.invalid>"
    assert received["Date"] == "Sat, 28 Nov 2026 07:00:00 +0000"
    assert received["Auto-Submitted"] == "auto-generated"


def test_message_id_is_stable_per_delivery_and_differs_between_deliveries() -> None:
    first = make_message_id("cnr-daily", RECIPIENT, "2026-11-28")
    assert first == make_message_id("cnr-daily", RECIPIENT, "2026-11-28")
    assert first != make_message_id("cnr-daily", RECIPIENT, "2026-11-29")
    assert first != make_message_id("cnr-daily", "other@desk.example", "2026-11-28")
    assert first.startswith("<") and first.endswith(">") and "@" in first


@pytest.mark.parametrize(
    "subject",
    [
        HOSTILE_TITLE,
        "Title\r\nBcc: victim@example.org",
        "a\u202egnp.exe",
        "x" * 5000,
        "Tab\there\x00nul",
        "مرحبا \u2067isolate\u2069 عالم",
    ],
)
def test_headers_resist_injection(rendered: RenderedDigest, subject: str) -> None:
    hostile = RenderedDigest(subject, rendered.text, rendered.html, rendered.images)
    msg = build_message(
        hostile,
        sender=SENDER,
        recipient=RECIPIENT,
        message_id="<x\r\nBcc: y@z>",
        list_id="List\r\nBcc: v@w <l.example>",
        date=datetime(2026, 11, 28, tzinfo=UTC),
    )
    wire = msg.as_bytes()
    header_block = wire.split(b"\r\n\r\n", 1)[0]
    assert b"\nBcc:" not in header_block and b"\r\nBcc" not in header_block
    assert all(len(line) <= 998 for line in wire.split(b"\r\n"))
    parsed = message_from_bytes(wire, policy=policy.default)
    assert parsed["Bcc"] is None
    decoded = str(parsed["Subject"])
    assert not set(decoded) & {"\r", "\n", "\u202e", "\u2067", "\u2069", "\x00"}
    assert len(decoded) <= 250
    assert all(len(word) <= 60 for word in decoded.split())


def test_header_text_keeps_ordinary_titles_intact() -> None:
    title = "China–NATO–Russia daily brief — 3 stories — 28 Nov 2026"
    assert header_text(title) == title


@pytest.mark.parametrize(
    "address", ["a@b.example\r\nBcc: c@d.example", "a@b.example, c@d.example", "not-an-address"]
)
def test_refuses_addresses_that_add_recipients(rendered: RenderedDigest, address: str) -> None:
    with pytest.raises(MailError) as info:
        build_message(
            rendered,
            sender=SENDER,
            recipient=address,
            message_id="<a@b>",
            list_id="l.example",
            date=datetime(2026, 11, 28, tzinfo=UTC),
        )
    assert info.value.temporary is False


@pytest.mark.parametrize("mode, temporary, code", [("451", True, "451"), ("550", False, "550")])
def test_smtp_replies_classify_temporary_and_permanent(
    message: EmailMessage, mode: str, temporary: bool, code: str
) -> None:
    controller = serve(Recorder(mode))
    try:
        with pytest.raises(MailError) as info:
            send_message(message, plain(controller))
    finally:
        controller.stop()
    assert info.value.temporary is temporary
    assert f"{HOST}:{controller.port}" in str(info.value) and code in str(info.value)
    assert str(info.value).startswith("mail: ")


def test_stalled_server_is_a_temporary_failure(message: EmailMessage) -> None:
    controller = serve(Recorder("stall"))
    try:
        with pytest.raises(MailError) as info:
            send_message(message, plain(controller, timeout=0.5))
    finally:
        controller.stop()
    assert info.value.temporary is True
    assert "no answer within 0.5 s" in str(info.value)


def test_dropped_connection_is_a_temporary_failure(message: EmailMessage) -> None:
    controller = serve(Recorder("drop"))
    try:
        with pytest.raises(MailError) as info:
            send_message(message, plain(controller))
    finally:
        controller.stop()
    assert info.value.temporary is True
    assert "dropped" in str(info.value)


def test_connection_refused_is_a_temporary_failure(message: EmailMessage) -> None:
    port = free_port()
    with pytest.raises(MailError) as info:
        send_message(message, SmtpTarget(HOST, port, security="none", timeout=5))
    assert info.value.temporary is True
    assert f"{HOST}:{port}" in str(info.value)


def test_refuses_to_send_a_password_in_clear_to_a_remote_host(message: EmailMessage) -> None:
    target = SmtpTarget(
        "smtp.remote.invalid", 25, security="none", username=USER, password=PASSWORD
    )
    with pytest.raises(MailError) as info:
        send_message(message, target)
    assert info.value.temporary is False
    assert PASSWORD not in str(info.value) and PASSWORD not in repr(target)


# --- TLS: a self-signed certificate made here, trusted through SmtpTarget.cafile ---------------

x509 = pytest.importorskip("cryptography.x509", reason="TLS tests need the cryptography package")


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Write a self-signed certificate for 127.0.0.1 and its key; return (cert, key)."""
    import ipaddress

    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "monitor test")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=2))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address(HOST)), x509.DNSName("localhost")]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    folder = tmp_path_factory.mktemp("tls")
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


def server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[Recorder, Controller]]:
    handler = Recorder()
    controller = serve(
        handler,
        tls_context=server_context(certificate),
        require_starttls=True,
        auth_required=True,
        auth_require_tls=True,
        authenticator=authenticator,
    )
    yield handler, controller
    controller.stop()


def test_starttls_with_auth_delivers(
    starttls_server: tuple[Recorder, Controller],
    certificate: tuple[Path, Path],
    message: EmailMessage,
) -> None:
    handler, controller = starttls_server
    send_message(
        message,
        SmtpTarget(
            HOST, controller.port, "starttls", USER, PASSWORD, 10, cafile=str(certificate[0])
        ),
    )
    assert len(handler.messages) == 1


def test_wrong_password_is_permanent_and_never_echoed(
    starttls_server: tuple[Recorder, Controller],
    certificate: tuple[Path, Path],
    message: EmailMessage,
) -> None:
    _, controller = starttls_server
    wrong = "wrong-" + PASSWORD
    with pytest.raises(MailError) as info:
        send_message(
            message,
            SmtpTarget(
                HOST, controller.port, "starttls", USER, wrong, 10, cafile=str(certificate[0])
            ),
        )
    assert info.value.temporary is False
    assert "authentication failed" in str(info.value)
    assert wrong not in str(info.value) and PASSWORD not in str(info.value)


def test_untrusted_certificate_is_permanent(
    starttls_server: tuple[Recorder, Controller], message: EmailMessage
) -> None:
    _, controller = starttls_server
    with pytest.raises(MailError) as info:
        send_message(message, SmtpTarget(HOST, controller.port, "starttls", USER, PASSWORD, 10))
    assert info.value.temporary is False
    assert "certificate" in str(info.value)


def test_implicit_tls_delivers(certificate: tuple[Path, Path], message: EmailMessage) -> None:
    handler = Recorder()
    controller = serve(handler, ssl_context=server_context(certificate))
    try:
        send_message(
            message,
            SmtpTarget(HOST, controller.port, "tls", timeout=10, cafile=str(certificate[0])),
        )
    finally:
        controller.stop()
    assert len(handler.messages) == 1


def test_write_outbox_writes_eml_and_previewable_html(
    tmp_path: Path, message: EmailMessage, rendered: RenderedDigest
) -> None:
    stem = "cnr-daily-2026-11-28-analyst@desk.example"
    eml, html = write_outbox(message, tmp_path / "outbox", stem)
    assert (eml.name, html.name) == (f"{stem}.eml", f"{stem}.html")
    parsed = message_from_bytes(eml.read_bytes(), policy=policy.default)
    assert parsed["Message-ID"] == message["Message-ID"]
    page = html.read_text(encoding="utf-8")
    assert "data:image/png;base64," in page and "cid:" not in page
    assert [p.name for p in (tmp_path / "outbox").iterdir() if p.name.startswith(".")] == []
    with pytest.raises(MailError):
        write_outbox(message, tmp_path, "../escape")
