"""Secrets stay secret: database URL passwords in every spelling, and the SMTP password file.

The database URLs point at a closed port on 127.0.0.1, so the commands fail to connect and print
their errors; nothing else is contacted.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from monitor.cli import main
from monitor.config import load_config
from monitor.redact import redact_url
from tests.support.config import write_config
from tests.support.smtp import free_port

SECRET = "S3cretPw"


def _urls(port: int) -> list[str]:
    host = f"127.0.0.1:{port}"
    return [
        f"postgresql+psycopg://monitor:{SECRET}@{host}/news",
        f"postgresql+psycopg://:{SECRET}@{host}/news",
        f"postgresql+psycopg://monitor@{host}/news?password={SECRET}",
        f"postgresql+psycopg://monitor@{host}/news?sslmode=disable&PASSWORD={SECRET}&x=1",
        f"postgresql+psycopg://monitor:pa@{SECRET}@{host}/news",  # a raw @ inside the password
        f"postgresql+psycopg://monitor:{SECRET}%40x%2F@{host}/news",  # percent-encoded
        f"postgresql+psycopg://monitor@{host}/news?pass%77ord={SECRET}",  # encoded key
        f"postgresql+psycopg://monitor:{SECRET}:more@{host}/news",
        f"postgresql://monitor:{SECRET}@{host},127.0.0.1:{port}/news",  # several hosts
    ]


@pytest.mark.parametrize("index", range(9))
def test_redact_url_hides_every_spelling_of_the_password(index: int) -> None:
    url = _urls(5432)[index]
    shown = redact_url(url)
    assert SECRET not in shown and "***" in shown, shown
    assert "127.0.0.1" in shown or "@" not in url.split("?")[0], shown  # still says where


def test_a_loaded_config_never_shows_the_password_in_its_repr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_DATABASE_URL", _urls(5432)[0])
    config = load_config(write_config(tmp_path))
    assert SECRET in config.database_url and SECRET not in repr(config)


def test_redact_url_keeps_urls_without_a_password() -> None:
    for url in (
        "sqlite:////var/lib/monitor/monitor.db",
        "sqlite:///relative/a@b.db",
        "postgresql+psycopg://monitor@db:5432/news?sslmode=require",
    ):
        assert redact_url(url) == url


@pytest.mark.parametrize(
    "command",
    [
        ["check-config"],
        ["db", "upgrade"],
        ["run"],
        ["feeds"],
        ["poll", "--once", "--all"],
        ["digest"],
        ["backtest", "--topic", "china-nato-russia"],
        ["export", "--topic", "china-nato-russia"],
    ],
    ids=lambda c: c[0],
)
def test_no_command_prints_a_database_password(
    command: list[str],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config = write_config(tmp_path)
    port = free_port()  # nothing listens: every connection attempt fails at once
    for url in _urls(port):
        monkeypatch.setenv("MONITOR_DATABASE_URL", url)
        with caplog.at_level(logging.DEBUG):
            code = main([*command, "--config", str(config)])
        out, err = capsys.readouterr()
        shown = out + err + caplog.text
        caplog.clear()
        assert SECRET not in shown, f"{command} printed the password of {url}:\n{shown}"
        assert "S3cret" not in shown and "S3cret%40" not in shown
        if "pa@" in url:  # drivers cannot read it: a config error that says how to write it
            assert code == 2 and "%40" in err and "MONITOR_DATABASE_URL" in err, err
        elif command == ["check-config"]:
            assert code == 0 and "***" in out, out
        else:
            assert code != 0 and "127.0.0.1" in err, err  # the error still says where


# --- smtp.password_file -------------------------------------------------------------------------


def _smtp_config(tmp_path: Path, password_file: str) -> Path:
    return write_config(
        tmp_path / "cfg",
        settings={"smtp": {"host": "127.0.0.1", "port": 2525, "password_file": password_file}},
    )


def test_password_file_is_relative_to_monitor_yaml(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    config = _smtp_config(tmp_path, "secrets/smtp-password")
    (tmp_path / "cfg" / "secrets").mkdir()
    (tmp_path / "cfg" / "secrets" / "smtp-password").write_text("hunter2\n", "utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)  # the working directory must not matter
    assert main(["check-config", "--config", str(config)]) == 0
    out = capsys.readouterr().out
    assert "password set" in out and "hunter2" not in out


def test_missing_password_file_is_a_config_error_with_file_line_and_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _smtp_config(tmp_path, "smtp-password")
    assert main(["check-config", "--config", str(config)]) == 2
    err = capsys.readouterr().err
    line = next(
        n for n, text in enumerate(config.read_text().splitlines(), 1) if "password_file" in text
    )
    assert re.search(rf"{re.escape(str(config))}:{line}:\d+: smtp\.password_file", err), err
    assert str(tmp_path / "cfg" / "smtp-password") in err and "fix:" in err
    assert "Traceback" not in err
