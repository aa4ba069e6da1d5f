"""Config loading: the shipped files validate; every mistake names file, line, key and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.cli import main
from monitor.config import config_path, load_config, redact_url
from monitor.errors import ConfigError
from tests.support.config import REPO, write_config


def test_shipped_config_is_valid_and_relative_to_its_folder(tmp_path: Path) -> None:
    config = load_config(REPO / "config" / "monitor.yaml")
    assert config.watchlist_path == REPO / "config" / "watchlist.yaml"
    assert config.database_url == f"sqlite:///{REPO / 'var' / 'monitor.db'}"
    assert config.outbox_dir == REPO / "var" / "outbox"
    assert "china-nato-russia" in {t.id for t in config.watchlist.topics}
    assert len(config.watchlist.feeds) >= 5


def test_copied_config_folder_works_anywhere(tmp_path: Path) -> None:
    copy = tmp_path / "elsewhere" / "config"
    copy.mkdir(parents=True)
    for name in ("monitor.yaml", "watchlist.yaml"):
        (copy / name).write_text((REPO / "config" / name).read_text("utf-8"), "utf-8")
    config = load_config(copy / "monitor.yaml")
    assert config.database_url == f"sqlite:///{tmp_path / 'elsewhere' / 'var' / 'monitor.db'}"


def test_config_path_precedence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MONITOR_CONFIG", "/etc/monitor/monitor.yaml")
    assert config_path("x.yaml") == Path("x.yaml")
    assert config_path(None) == Path("/etc/monitor/monitor.yaml")
    monkeypatch.delenv("MONITOR_CONFIG")
    assert config_path(None) == Path("config/monitor.yaml")


def _problems(path: Path) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    return caught.value.problems


def test_every_problem_is_reported_with_file_line_key_and_fix(tmp_path: Path) -> None:
    path = write_config(
        tmp_path,
        feeds=[{"url": "https://a.example/rss"}, {"url": "ftp://x"}],
        settings={"polling": {"default_interval": "soon"}, "colour": "blue"},
    )
    problems = _problems(path)
    text = "\n".join(problems)
    assert f"{path}:" in text and "colour: Extra inputs are not permitted" in text
    assert "unknown key" in text  # the fix
    assert "polling.default_interval: expected a duration" in text
    assert f"{tmp_path / 'watchlist.yaml'}:" in text and "feeds.1.url" in text
    assert len(problems) >= 3


def test_line_numbers_point_at_the_bad_value(tmp_path: Path) -> None:
    write_config(tmp_path)
    watch = tmp_path / "watchlist.yaml"
    lines = watch.read_text("utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if "timezone:" in line)
    lines[index] = lines[index].split(":")[0] + ": Mars/Olympus_Mons"
    watch.write_text("\n".join(lines) + "\n", "utf-8")
    problems = _problems(tmp_path / "monitor.yaml")
    assert any(
        p.startswith(f"{watch}:{index + 1}:") and "unknown IANA timezone" in p for p in problems
    )


def test_duplicates_and_dangling_references_are_errors(tmp_path: Path) -> None:
    feeds = [{"url": "https://a.example/rss"}, {"url": "https://A.example/rss/"}]
    digests = [{"id": "d", "title": "D", "topics": ["no-such-topic"], "recipients": ["a@b.org"]}]
    problems = "\n".join(_problems(write_config(tmp_path, feeds=feeds, digests=digests)))
    assert "already listed as feeds.0" in problems
    assert "unknown topic 'no-such-topic'" in problems


def test_invalid_yaml_names_line_and_column(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    path.write_text("database:\n  url: [unclosed\n", "utf-8")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:") and "invalid YAML" in problem


def test_duplicate_yaml_keys_are_reported(tmp_path: Path) -> None:
    path = write_config(tmp_path)
    path.write_text(path.read_text("utf-8") + "watchlist: other.yaml\n", "utf-8")
    assert any("appears twice" in p for p in _problems(path))


def test_missing_file_says_what_to_do(tmp_path: Path) -> None:
    problems = _problems(tmp_path / "nope.yaml")
    assert "file not found" in problems[0] and "--config" in problems[0]


def test_check_config_exits_2_and_never_prints_secrets(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MONITOR_SMTP_PASSWORD", "hunter2-secret")
    monkeypatch.setenv("MONITOR_DATABASE_URL", "postgresql+psycopg://mon:dbsecret@db/monitor")
    good = write_config(
        tmp_path / "good", settings={"smtp": {"host": "mail.example", "username": "u"}}
    )
    assert main(["check-config", "--config", str(good)]) == 0
    out = capsys.readouterr().out
    assert "OK" in out and "password set" in out
    assert "hunter2" not in out and "dbsecret" not in out and "mon:***@db" in out
    bad = write_config(tmp_path / "bad", settings={"smtp": {"port": 99999}})
    assert main(["check-config", "--config", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "smtp.port" in err and f"{bad}:" in err and "hunter2" not in err


def test_redact_url() -> None:
    assert redact_url("postgresql://u:p@h/db") == "postgresql://u:***@h/db"
    assert redact_url("sqlite:///x.db") == "sqlite:///x.db"


def test_unreachable_database_is_a_clear_error_without_the_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Port 1 on loopback: nothing listens there, so the connection is refused at once.
    path = write_config(tmp_path, database_url="postgresql+psycopg://mon:pw-secret@127.0.0.1:1/x")
    assert main(["db", "upgrade", "--config", str(path)]) == 1
    err = capsys.readouterr().err
    assert "store: cannot" in err and "127.0.0.1" in err and "database.url" in err
    assert "pw-secret" not in err and "mon:***@" in err
