"""Docs match the code: every setting and every command is documented."""

from __future__ import annotations

import re

from pydantic import BaseModel

from monitor.cliparser import build_parser
from monitor.settings import Settings
from tests.support.config import REPO


def _keys(model: type[BaseModel], prefix: str = "") -> list[str]:
    keys = []
    for name, field in model.model_fields.items():
        if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            keys += _keys(field.annotation, f"{prefix}{name}.")
        else:
            keys.append(prefix + name)
    return keys


def test_every_setting_is_documented() -> None:
    doc = (REPO / "docs" / "configuration.md").read_text("utf-8")
    missing = [k for k in _keys(Settings) if f"`{k}`" not in doc]
    assert not missing, f"document these settings in docs/configuration.md: {missing}"


def test_every_setting_has_a_description() -> None:
    def leaves(model: type[BaseModel]) -> list[tuple[str, str | None]]:
        found = []
        for name, field in model.model_fields.items():
            if isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
                found += leaves(field.annotation)
            else:
                found.append((name, field.description))
        return found

    assert [name for name, text in leaves(Settings) if not text] == []


def test_every_command_and_option_is_documented() -> None:
    doc = (REPO / "docs" / "cli.md").read_text("utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        assert f"`monitor {name}" in doc, f"docs/cli.md lacks `monitor {name}`"
        for action in command._actions:
            for option in action.option_strings:
                if option not in ("-h", "--help", "--config"):
                    assert option in doc, f"docs/cli.md lacks {option} of `monitor {name}`"


def test_readme_shows_the_three_make_targets_the_makefile_has() -> None:
    readme = (REPO / "README.md").read_text("utf-8")
    makefile = (REPO / "Makefile").read_text("utf-8")
    for target in ("run", "test", "demo"):
        assert f"make {target}" in readme, f"README.md lacks `make {target}`"
        assert re.search(rf"^{target}:", makefile, re.MULTILINE), f"Makefile lacks {target}"
