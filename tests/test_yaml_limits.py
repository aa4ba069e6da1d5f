"""YAML alias bombs and self-referencing aliases are refused early, naming file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from monitor import yamlsource
from monitor.cli import main
from monitor.errors import ConfigError
from monitor.yamlsource import load_yaml
from tests.support.config import write_config

# 9 ** 9 (387 million) strings from about 300 bytes.
BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{name}: &{name} [{','.join([f'*{prev}'] * 9)}]\n"
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True)
)
SELF = {
    "sequence": "feeds: &loop [*loop]\n",
    "mapping": "groups: &loop\n  again: *loop\n",
    "nested": "topics:\n  - &outer\n    inner: [1, *outer]\n",
}


class Budget:
    """Count the values the loader constructs, and stop a runaway loader of today's kind."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, stop_at: int = 2_000_000) -> None:
        self.count = 0
        original = yamlsource._CONSTRUCTOR.construct_object

        def counting(node: Any, *args: Any, **kwargs: Any) -> Any:
            self.count += 1
            if self.count > stop_at:
                raise AssertionError(f"the loader kept expanding past {stop_at} values")
            return original(node, *args, **kwargs)

        monkeypatch.setattr(yamlsource._CONSTRUCTOR, "construct_object", counting)


def refused(path: Path) -> ConfigError:
    """Load `path` and return the ConfigError; fail without letting pytest print the node graph.

    A YAML node graph full of aliases has an exponential repr, so a failure's traceback (which
    shows each frame's arguments) could itself exhaust memory: it is cut here.
    """
    try:
        load_yaml(path)
    except ConfigError as exc:
        return exc
    except BaseException as exc:
        raise AssertionError(f"load_yaml failed with {type(exc).__name__}: {exc}"[:500]) from None
    raise AssertionError("load_yaml accepted the file")


def test_the_bomb_is_about_300_bytes() -> None:
    assert 250 <= len(BOMB.encode()) <= 400


def test_alias_bomb_is_refused_with_file_and_line_after_few_values(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, "utf-8")
    budget = Budget(monkeypatch)
    message = refused(path).problems[0]
    assert message.startswith(f"{path}:") and message.split(":")[1].isdigit(), message
    assert "alias" in message and "fix:" in message
    assert budget.count <= 20_000  # stopped after a bounded number of values, not 9 ** 9


@pytest.mark.parametrize("kind", sorted(SELF))
def test_self_referencing_alias_is_refused(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "loop.yaml"
    path.write_text(SELF[kind], "utf-8")
    Budget(monkeypatch)
    message = refused(path).problems[0]
    assert message.startswith(f"{path}:") and "refers to itself" in message, message


def test_a_list_used_as_a_key_is_refused_before_it_is_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "complex.yaml"
    anchors = "".join(
        f"&{n} [{','.join([f'*{p}'] * 9)}], " for p, n in zip("abcdefgh", "bcdefghi", strict=True)
    )
    path.write_text(f"? [&a [lol,lol,lol,lol,lol,lol,lol,lol,lol], {anchors}*i]\n: 1\n", "utf-8")
    budget = Budget(monkeypatch)
    assert "must be plain text" in refused(path).problems[0]
    assert budget.count <= 20_000


def test_check_config_reports_a_bomb_in_the_watch_list_with_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = write_config(tmp_path)
    (tmp_path / "watchlist.yaml").write_text(BOMB, "utf-8")
    Budget(monkeypatch)
    try:
        code = main(["check-config", "--config", str(config)])
    except BaseException as exc:  # see refused(): keep the node graph out of the report
        raise AssertionError(f"check-config failed with {type(exc).__name__}") from None
    assert code == 2
    err = capsys.readouterr().err
    assert f"{tmp_path / 'watchlist.yaml'}:" in err and "alias" in err and "Traceback" not in err


def test_ordinary_aliases_still_work(tmp_path: Path) -> None:
    path = tmp_path / "ok.yaml"
    path.write_text(
        "desk: &desk [a@example.org, b@example.org]\n"
        "digests:\n  - recipients: *desk\n  - recipients: *desk\n",
        "utf-8",
    )
    data = load_yaml(path).data
    assert data["digests"][1]["recipients"] == ["a@example.org", "b@example.org"]
