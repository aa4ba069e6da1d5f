"""Config findings in plain words: validator errors rephrased with a fix, and warnings."""

from __future__ import annotations

import contextlib
import os
import types
from collections.abc import Mapping
from difflib import get_close_matches
from typing import TYPE_CHECKING, Any, Union, get_args, get_origin

from monitor.settings import Section
from monitor.yamlsource import Located

if TYPE_CHECKING:
    from monitor.config import Config

# The floor every poll interval is raised to (monitor/feeds/schedule.py MIN_INTERVAL), kept
# here as a number so check-config does not import the fetching stack.
POLL_FLOOR = 300.0

# What to write instead, for values whose format the validator only states as a pattern.
_FORMATS = {
    "time": 'write the local send time as HH:MM in quotes, e.g. "07:00"',
    "id": "use lower-case letters, digits and dashes, e.g. china-russia",
    "timezone": "use an IANA timezone name such as Europe/Brussels or America/New_York",
    "recipients": "write an address like desk@example.org or Desk <desk@example.org>",
    "url": "write the full feed address, e.g. https://example.org/rss",
}
_DURATION_FIX = "write a duration such as 90s, 15m, 1h or 1d (a bare number is seconds)"


def describe(error: Mapping[str, Any], located: Located, model: type[Section]) -> str:
    """Return one finding as `file:line:col: key: what is wrong; fix: what to do`."""
    loc = tuple(error["loc"])
    kind = error["type"]
    if kind == "extra_forbidden":
        return _unknown_key(loc, located, model)
    key = _dotted(loc) or "(top level)"
    message, fix = _plain(kind, error, loc)
    where = located.where(loc if kind != "missing" else loc[:-1])
    return f"{where}: {key}: {message}; fix: {fix}"


def _dotted(loc: tuple[Any, ...]) -> str:
    return ".".join(str(part) for part in loc)


def _unknown_key(loc: tuple[Any, ...], located: Located, model: type[Section]) -> str:
    name = str(loc[-1])
    known = _keys_at(model, loc[:-1])
    close = get_close_matches(name, known, n=1, cutoff=0.6)
    parent = _dotted(loc[:-1])
    pos = located.keys.get(loc)
    place = f"{located.path}:{pos[0]}:{pos[1]}" if pos else located.where(loc)
    where = f"{place}: {parent + ': ' if parent else ''}"
    if close:
        guess = f"did you mean {close[0]!r}?"
        return f"{where}unknown key {name!r}; {guess}; fix: rename it to {close[0]}"
    listed = ", ".join(known) if known else "none"
    return f"{where}unknown key {name!r}; fix: remove it or use one of: {listed}"


def _keys_at(model: type[Section], path: tuple[Any, ...]) -> list[str]:
    """Return the keys allowed at a key path inside a model (empty when not a model)."""
    current: Any = model
    for part in path:
        current = _unwrap(current)
        if isinstance(part, int):
            args = get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, Section):
            field = current.model_fields.get(str(part))
            current = field.annotation if field else None
        else:
            return []
    current = _unwrap(current)
    if isinstance(current, type) and issubclass(current, Section):
        return list(current.model_fields)
    return []


def _unwrap(annotation: Any) -> Any:
    """Drop Optional[...] around a type."""
    if get_origin(annotation) in (Union, types.UnionType):
        inner = [a for a in get_args(annotation) if a is not type(None)]
        return inner[0] if len(inner) == 1 else annotation
    return annotation


def _plain(kind: str, error: Mapping[str, Any], loc: tuple[Any, ...]) -> tuple[str, str]:
    """Return (what is wrong, what to do) for one validator error, in plain words."""
    value = error.get("input")
    ctx = error.get("ctx") or {}
    field = next((str(p) for p in reversed(loc) if isinstance(p, str)), "")
    shown = _show(value)
    if kind == "missing":
        return f"required key {field!r} is missing", f"add {field}: under this entry"
    if kind == "literal_error":
        allowed = str(ctx.get("expected", "")).replace("'", "")
        return f"{shown} is not allowed here", f"use one of {allowed}"
    if kind == "string_pattern_mismatch":
        return f"{shown} is not in the right format", _FORMATS.get(field, "see the docs")
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{shown} is not a whole number", "write a whole number such as 5"
    if kind in ("float_parsing", "float_type"):
        return f"{shown} is not a number", "write a number such as 0.5"
    if kind in ("bool_parsing", "bool_type"):
        return f"{shown} is not true or false", "write true or false"
    if kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        return _bound(kind, shown, ctx)
    if kind == "too_short":
        return "needs at least one entry", f"list at least one value under {field}"
    if kind in ("list_type", "tuple_type"):
        return f"{shown} is not a list", f"write {field} as a list, e.g. [a, b] or '- a' lines"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{shown} is not a mapping of keys", f"write {field} as indented key: value lines"
    if kind in ("string_type",):
        return f"{shown} is not text", "write it as text (quote it if it looks like a number)"
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    if "duration" in message:
        return f"{shown} is not a duration", _DURATION_FIX
    return message, _FORMATS.get(field, "correct the value (docs/configuration.md)")


def _bound(kind: str, shown: str, ctx: Mapping[str, Any]) -> tuple[str, str]:
    words = {
        "greater_than_equal": ("at least", "ge"),
        "greater_than": ("more than", "gt"),
        "less_than_equal": ("at most", "le"),
        "less_than": ("less than", "lt"),
    }
    phrase, name = words[kind]
    limit = ctx.get(name)
    return f"{shown} is too {'small' if kind.startswith('greater') else 'large'}", (
        f"use a value {phrase} {limit}"
    )


def _show(value: Any) -> str:
    if isinstance(value, str):
        return repr(value) if len(value) <= 60 else repr(value[:57] + "...")
    if isinstance(value, dict | list):
        return "this " + ("mapping" if isinstance(value, dict) else "list")
    return str(value)


def warnings(config: Config, settings_source: Located | None) -> list[str]:
    """List what is valid but surely not meant, each with where it is and a fix."""
    found = _interval_warnings(config, settings_source)
    found += _digest_warnings(config)
    found += _smtp_warnings(config, settings_source)
    found += _unused(config)
    return found


def _at(source: Located | None, loc: tuple[Any, ...], fallback: str) -> str:
    return source.where(loc) if source is not None else fallback


def _interval_warnings(config: Config, source: Located | None) -> list[str]:
    polling = config.settings.polling
    floor = max(polling.min_interval, POLL_FLOOR)
    found = []
    if polling.min_interval < POLL_FLOOR:
        where = _at(source, ("polling", "min_interval"), str(config.settings_path))
        found.append(
            f"{where}: polling.min_interval: {human_seconds(polling.min_interval)} is below the "
            f"5 min floor and is raised to 5 min; fix: set it to 5m or more"
        )
    if polling.default_interval < floor:
        where = _at(source, ("polling", "default_interval"), str(config.settings_path))
        found.append(
            f"{where}: polling.default_interval: {human_seconds(polling.default_interval)} is "
            f"under the minimum; feeds are polled every {human_seconds(floor)} at most; "
            f"fix: set it to {human_seconds(floor)} or more"
        )
    for index, feed in enumerate(config.watchlist.feeds):
        if feed.interval is not None and feed.interval < floor:
            where = config.source.where(("feeds", index, "interval"))
            found.append(
                f"{where}: feeds.{index}.interval: {human_seconds(feed.interval)} is under the "
                f"minimum ({human_seconds(floor)}); this feed is polled every "
                f"{human_seconds(floor)} at most; fix: set {human_seconds(floor)} or more"
            )
    return found


def _digest_warnings(config: Config) -> list[str]:
    found = []
    for index, digest in enumerate(config.watchlist.digests):
        has_day = config.source.position(("digests", index, "weekday")) is not None
        if digest.schedule == "weekly" and not has_day:
            where = config.source.where(("digests", index, "schedule"))
            found.append(
                f"{where}: digests.{index}: weekly digest {digest.id} has no weekday, so it "
                f"goes out on Mondays; fix: add weekday: mon (or tue..sun)"
            )
    return found


def _smtp_warnings(config: Config, source: Located | None) -> list[str]:
    smtp = config.settings.smtp
    if not smtp.username or smtp.password_file is not None or os.environ.get(smtp.password_env):
        return []
    where = _at(source, ("smtp", "username"), str(config.settings_path))
    return [
        f"{where}: smtp.username: {smtp.username} logs in, but no password is given "
        f"(${smtp.password_env} is not set and smtp.password_file is empty); "
        f"fix: set ${smtp.password_env} or smtp.password_file"
    ]


def _unused(config: Config) -> list[str]:
    from monitor.rules.compiler import all_refs
    from monitor.rules.syntax import RuleSyntaxError, parse_rule

    wl = config.watchlist
    in_digests = {topic for digest in wl.digests for topic in digest.topics}
    found = []
    used_groups: set[str] = set()
    for index, topic in enumerate(wl.topics):
        for rule in (topic.rule, topic.near):  # a group used only by the near tier is used
            if rule is None:
                continue
            with contextlib.suppress(RuleSyntaxError):  # reported as an error already
                used_groups |= {ref.name for ref in all_refs(parse_rule(rule)) if not ref.literal}
        if wl.digests and topic.id not in in_digests:
            found.append(
                f"{config.source.where(('topics', index, 'id'))}: topics.{index}: topic "
                f"{topic.id} is in no digest, so its matches are stored but never mailed; "
                f"fix: add it to a digest's topics"
            )
    for name in wl.groups:
        if name not in used_groups:
            found.append(
                f"{config.source.where(('groups', name))}: groups.{name}: group {name} is used "
                f"by no rule; fix: use it in a topic's rule or remove it"
            )
    return found


def human_seconds(seconds: float) -> str:
    """Write a duration the way the config does: 90s, 15 min, 2 h, 1 d."""
    for unit, size in (("d", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{int(seconds // size)} {unit}"
    return f"{seconds:g} s"
