"""Config loading: the shipped files validate; every mistake names file, line, key and a fix."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from monitor.cli import main
from monitor.config import config_path, load_config
from monitor.errors import ConfigError
from monitor.redact import redact_url
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
    assert f"{path}:" in text and "unknown key 'colour'; fix: remove it or use one of:" in text
    assert "Extra inputs" not in text and "Input should" not in text  # plain words
    assert "polling.default_interval: 'soon' is not a duration; fix: write a duration" in text
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


def test_yaml_errors_keep_the_telling_message_of_the_pure_python_parser(tmp_path: Path) -> None:
    # libyaml parses the files; a file it refuses is read again for the clearer message.
    path = write_config(tmp_path)
    path.write_text("smtp:\n  host: *mailhost\n", "utf-8")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:2:9: ") and "undefined alias 'mailhost'" in problem
    path.write_text("smtp:\n\thost: x\n", "utf-8")
    (problem,) = _problems(path)
    assert problem.startswith(f"{path}:2:1: ") and "found character '\\t'" in problem


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


def _mistaken_watchlist(tmp_path: Path) -> tuple[Path, Path]:
    path = write_config(tmp_path, settings={"smtp": {"port": 99999}})
    watch = tmp_path / "watchlist.yaml"
    watch.write_text(
        "feeds:\n"
        "  - url: https://a.example/rss\n"
        "groups:\n"
        "  china: [China, Beijing]\n"
        "  russia: [Russia]\n"
        "topics:\n"
        "  - id: cr\n"
        "    name: China and Russia\n"
        "    treshold: 0.4\n"
        "    rule: |\n"
        "      china AND\n"
        "      russia AND chna\n"
        "digests:\n"
        "  - id: d\n"
        "    title: D\n"
        "    topics: [cr]\n"
        "    recipients: [Desk <desk@example.org>]\n",
        "utf-8",
    )
    return path, watch


def test_field_and_rule_errors_come_together_each_in_its_own_file(tmp_path: Path) -> None:
    path, watch = _mistaken_watchlist(tmp_path)
    problems = _problems(path)
    assert problems[0].startswith(f"{path}:") and "smtp.port: 99999 is too large" in problems[0]
    # The unknown key names the key's own line and column, with a suggestion.
    assert f"{watch}:9:5: topics.0: unknown key 'treshold'; did you mean 'threshold'?" in (
        "\n".join(problems)
    )
    (rule,) = [p for p in problems if "chna" in p]
    # Line 12 of the file is the rule's second text line; `chna` starts in column 18.
    assert rule.startswith(f"{watch}:12:18: topic cr: unknown group 'chna'; did you mean 'china'?")
    assert "fix: " in rule.splitlines()[0]
    assert all("; fix: " in p.splitlines()[0] for p in problems)


def test_check_config_header_names_each_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, _ = _mistaken_watchlist(tmp_path)
    assert main(["check-config", "--config", str(path)]) == 2
    header = capsys.readouterr().err.splitlines()[0]
    assert header == "3 problems in the configuration (1 in monitor.yaml, 2 in watchlist.yaml):"


def test_check_config_warns_about_valid_but_unmeant_settings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MONITOR_SMTP_PASSWORD", raising=False)
    feeds = [{"url": "https://a.example/rss", "interval": "30s"}]
    digests = [
        {
            "id": "w",
            "title": "W",
            "topics": ["china-russia"],
            "schedule": "weekly",
            "recipients": ["Desk <desk@example.org>"],
        },
    ]
    path = write_config(
        tmp_path,
        feeds=feeds,
        digests=digests,
        settings={
            "smtp": {"host": "mail.example", "username": "desk"},
            "polling": {"min_interval": "1m", "per_host_interval": "1s"},
        },
    )
    watch = tmp_path / "watchlist.yaml"
    data = yaml.safe_load(watch.read_text("utf-8"))
    data["groups"].update(spare=["Foo"], close=["Bar"])
    data["topics"][0]["near"] = "close AND china"  # a group only the near tier uses is used
    watch.write_text(yaml.safe_dump(data, allow_unicode=True), "utf-8")
    assert main(["check-config", "--config", str(path)]) == 0
    out = capsys.readouterr().out
    warnings = [line for line in out.splitlines() if line.startswith("warning: ")]
    text = "\n".join(warnings)
    assert "polling.min_interval: 1 min is below the 5 min floor and is raised to 5 min" in text
    assert "feeds.0.interval: 30 s is under the minimum (5 min)" in text
    assert "weekly digest w has no weekday" in text
    assert "smtp.username: desk logs in, but no password is given" in text
    assert "topic china-nato-russia is in no digest" in text
    assert "group spare is used by no rule" in text and "group close " not in text
    assert all("; fix: " in w for w in warnings)
    assert f"OK ({len(warnings)} warnings)" in out
    config = load_config(path)
    assert config.settings.polling.per_host_interval == 1.0
    assert config.watchlist.digests[0].recipients == ["Desk <desk@example.org>"]
