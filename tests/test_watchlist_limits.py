"""Watch-list entries that would make matching meaningless or slow are refused at load time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from monitor.cli import main
from monitor.config import load_config
from monitor.errors import ConfigError
from monitor.rules.terms import MAX_ALIAS_CHARS
from tests.support.config import write_config


def _with_groups(tmp_path: Path, extra: dict[str, list[str]], rule: str | None = None) -> Path:
    config = write_config(tmp_path)
    watch_path = tmp_path / "watchlist.yaml"
    watch: dict[str, Any] = yaml.safe_load(watch_path.read_text("utf-8"))
    watch["groups"].update(extra)
    if rule is not None:
        watch["topics"][0]["rule"] = rule
    watch_path.write_text(yaml.safe_dump(watch, allow_unicode=True, width=10**6), "utf-8")
    return config


def _line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


@pytest.mark.parametrize("alias", [".", "$", "+", "--", "...", "?!", "=.", "- ."])
def test_punctuation_only_aliases_are_refused_with_file_line_and_fix(
    alias: str, tmp_path: Path
) -> None:
    config = _with_groups(tmp_path, {"dotty": ["China", alias]})
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    text = "\n".join(caught.value.problems)
    watchlist = tmp_path / "watchlist.yaml"
    assert f"{watchlist}:{_line_of(watchlist, 'dotty:') + 2}:" in text, text  # the alias's line
    assert "group dotty" in text and "letter" in text and "fix:" in text


def test_punctuation_literal_in_a_rule_is_refused(tmp_path: Path) -> None:
    config = _with_groups(tmp_path, {}, rule='"$" AND china')
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    text = "\n".join(caught.value.problems)
    assert f"{tmp_path / 'watchlist.yaml'}:" in text and "letter" in text and "fix:" in text


@pytest.mark.parametrize("length", [MAX_ALIAS_CHARS + 1, 5_000])
def test_absurdly_long_aliases_are_refused(length: int, tmp_path: Path) -> None:
    alias = ("word " * length)[:length].strip() + "x"
    config = _with_groups(tmp_path, {"huge": ["China", alias]})
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    text = "\n".join(caught.value.problems)
    assert "group huge" in text and f"limit is {MAX_ALIAS_CHARS}" in text and "fix:" in text
    assert len(text) < 2_000  # the message quotes the start of the alias, not all of it


def test_ordinary_aliases_near_the_limits_still_load(tmp_path: Path) -> None:
    long_name = "the " + "very " * 37 + "long phrase"  # under 200 characters
    assert len(long_name) <= MAX_ALIAS_CHARS
    config = _with_groups(
        tmp_path, {"odd": ["G7", "C++", "U.S.", "中国", "5G", "=AT&T", long_name, "€uro*"]}
    )
    assert load_config(config).ruleset() is not None


def test_check_config_exits_2_on_a_punctuation_alias(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = _with_groups(tmp_path, {"dotty": ["."]})
    assert main(["check-config", "--config", str(config)]) == 2
    assert "group dotty" in capsys.readouterr().err


# --- recipients -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address",
    ["l" * 65 + "@example.org", "desk@" + ".".join(["a" * 60] * 5) + ".org"],
    ids=["local-part-over-64", "address-over-254"],
)
def test_recipients_longer_than_mail_allows_are_refused(address: str, tmp_path: Path) -> None:
    digest = {"id": "d", "title": "D", "topics": ["china-nato-russia"], "recipients": [address]}
    config = write_config(tmp_path, digests=[digest])
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert "254" in "\n".join(caught.value.problems)
