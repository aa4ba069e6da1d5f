"""Load YAML while remembering where each value came from, so errors can name file and line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from monitor.errors import ConfigError


@dataclass
class Located:
    """Plain data plus the line/column of every key path, for pointing at mistakes."""

    path: Path
    data: Any
    lines: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)
    block_scalars: set[tuple[Any, ...]] = field(default_factory=set)
    # The line of a block scalar's `|` or `>`: its text line k sits on file line start + k.
    block_lines: dict[tuple[Any, ...], int] = field(default_factory=dict)
    duplicates: list[str] = field(default_factory=list)
    keys: dict[tuple[Any, ...], tuple[int, int]] = field(default_factory=dict)  # where keys are

    def where(self, loc: tuple[Any, ...]) -> str:
        """Return "file:line:column" for the deepest known prefix of a key path."""
        for end in range(len(loc), -1, -1):
            pos = self.lines.get(tuple(loc[:end]))
            if pos:
                return f"{self.path}:{pos[0]}:{pos[1]}"
        return str(self.path)

    def position(self, loc: tuple[Any, ...]) -> tuple[int, int] | None:
        """Return (line, column), 1-based, of the value at a key path, if known."""
        return self.lines.get(tuple(loc))


# Turns scalar nodes into Python values with YAML's safe rules (ints, bools, null, dates).
_CONSTRUCTOR = yaml.SafeLoader("")


def load_yaml(path: Path) -> Located:
    """Read a YAML file into plain data and a line map; raise ConfigError naming file and line."""
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found; fix: create it or pass --config PATH") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_problem(path, exc)) from None
    located = Located(path=path, data=None)
    located.data = _convert(node, (), located) if node is not None else {}
    return located


def _yaml_problem(path: Path, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{where}: invalid YAML: {problem} (check indentation, quotes and colons on that line)"


def _convert(node: yaml.Node, loc: tuple[Any, ...], out: Located) -> Any:
    out.lines[loc] = _content_position(node)
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            out.block_scalars.add(loc)
            out.block_lines[loc] = node.start_mark.line + 1
        return _CONSTRUCTOR.construct_object(node)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*loc, i), out) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = _CONSTRUCTOR.construct_object(key_node)
            if key in result:
                out.duplicates.append(
                    f"{out.path}:{key_node.start_mark.line + 1}: key {key!r} appears twice; "
                    "the later one would silently win, keep only one"
                )
            out.lines[(*loc, key)] = _content_position(value_node)
            out.keys[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, (*loc, key), out)
        return result
    return None


def _content_position(node: yaml.Node) -> tuple[int, int]:
    """Return where a value's text starts; block scalars start on the line after `|`."""
    mark = node.start_mark
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">") and mark.buffer:
        lines = mark.buffer.split("\n")
        for number in range(mark.line + 1, len(lines)):
            text = lines[number]
            if text.strip():
                return number + 1, len(text) - len(text.lstrip()) + 1
    quoted = getattr(node, "style", None) in ('"', "'")
    return mark.line + 1, mark.column + 1 + (1 if quoted else 0)
