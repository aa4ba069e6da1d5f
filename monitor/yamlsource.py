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
# libyaml builds the node graph many times faster than the pure-Python parser (start-up of every
# command); its error messages are vaguer, so a file it refuses is parsed again for the message.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# Values an alias may add beyond the file's own size: a 300-byte "billion laughs" file expands
# to 387 million strings, and a watch-list reusing a recipient list needs a few hundred.
ALIAS_ALLOWANCE = 10_000


@dataclass
class _Walk:
    """Bounds on turning the node graph into data: a value budget and the nodes being built."""

    budget: int
    lines: list[str]  # the file's text: where a block scalar's first text line starts
    building: set[int] = field(default_factory=set)


def load_yaml(path: Path) -> Located:
    """Read a YAML file into plain data and a line map; raise ConfigError naming file and line."""
    try:
        source = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{path}: file not found; fix: create it or pass --config PATH") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read: {exc}") from None
    try:
        node = _compose(source)
    except yaml.YAMLError as exc:
        raise ConfigError(_yaml_problem(path, exc)) from None
    located = Located(path=path, data=None)
    # Aliases share nodes, so the graph is small; only expanding it can explode or loop.
    walk = _Walk(budget=len(source) + ALIAS_ALLOWANCE, lines=source.split("\n"))
    located.data = _convert(node, (), located, walk) if node is not None else {}
    return located


def _compose(source: str) -> yaml.Node | None:
    """Parse YAML text into its node graph; raise YAMLError with the most telling message."""
    try:
        return yaml.compose(source, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        # "found undefined alias 'y'" rather than libyaml's "found undefined alias".
        return yaml.compose(source, Loader=yaml.SafeLoader)


def _yaml_problem(path: Path, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{where}: invalid YAML: {problem} (check indentation, quotes and colons on that line)"


def _alias_problem(node: yaml.Node, loc: tuple[Any, ...], out: Located, walk: _Walk) -> str | None:
    """Say why expanding `node` here must stop (a loop or the value budget), or None."""
    # An aliased node only knows where its anchor is; the top-level key says where it is used.
    top = out.lines.get(loc[:1]) if loc else None
    line = f"{out.path}:{top[0] if top else node.start_mark.line + 1}"
    if id(node) in walk.building:
        return (
            f"{line}: a YAML alias refers to itself (the anchored value contains its own "
            "alias, so it never ends); fix: remove that alias"
        )
    walk.budget -= 1
    if walk.budget < 0:
        return (
            f"{line}: YAML aliases expand to too many values (an alias bomb?); "
            "fix: write the values out, or use fewer and smaller aliases"
        )
    return None


def _convert(node: yaml.Node, loc: tuple[Any, ...], out: Located, walk: _Walk) -> Any:
    problem = _alias_problem(node, loc, out, walk)
    if problem:
        raise ConfigError(problem)
    out.lines[loc] = _content_position(node, walk.lines)
    if isinstance(node, yaml.ScalarNode):
        if node.style in ("|", ">"):
            out.block_scalars.add(loc)
            out.block_lines[loc] = node.start_mark.line + 1
        return _CONSTRUCTOR.construct_object(node)
    walk.building.add(id(node))
    try:
        return _collection(node, loc, out, walk)
    finally:
        walk.building.discard(id(node))


def _collection(node: yaml.Node, loc: tuple[Any, ...], out: Located, walk: _Walk) -> Any:
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*loc, i), out, walk) for i, child in enumerate(node.value)]
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                # A list or mapping as a key would be built outside the budget (and means nothing
                # here).
                raise ConfigError(
                    f"{out.path}:{key_node.start_mark.line + 1}: a key must be plain text, "
                    "not a list or mapping; fix: write the key as a word"
                )
            key = _CONSTRUCTOR.construct_object(key_node)
            if key in result:
                out.duplicates.append(
                    f"{out.path}:{key_node.start_mark.line + 1}: key {key!r} appears twice; "
                    "the later one would silently win, keep only one"
                )
            out.lines[(*loc, key)] = _content_position(value_node, walk.lines)
            out.keys[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = _convert(value_node, (*loc, key), out, walk)
        return result
    return None


def _content_position(node: yaml.Node, lines: list[str]) -> tuple[int, int]:
    """Return where a value's text starts; block scalars start on the line after `|`."""
    mark = node.start_mark
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        for number in range(mark.line + 1, len(lines)):
            text = lines[number]
            if text.strip():
                return number + 1, len(text) - len(text.lstrip()) + 1
    quoted = getattr(node, "style", None) in ('"', "'")
    return mark.line + 1, mark.column + 1 + (1 if quoted else 0)
