"""Untrusted JSON, read one way: saves, settings, class sessions, event logs, the
facilitator's control file, and what a browser or the fork server is sent.

One module, not `jsonfile.py` beside `typed.py`: a good error line needs all three steps at
once (the bytes read, the value checked, and the place in the text the problem is at), so
they live together and every reader calls them the same way:

1. `read_json_file(path, ...)` (bounded bytes) or `parse_json(data, ...)` (one message, one
   line of a JSON Lines log): UTF-8, JSON without NaN or Infinity, nesting and long numbers
   refused. The result is a `Document`: the text, its value, and how to name a place in it.
   Any failure is one line, `path:line:col: what is wrong`, raised as the caller's own error
   class (SaveError, LogError, ...).
2. `Document.check(cls)` (or `from_untrusted(cls, value)` for a value alone) builds the
   dataclass `cls` from the value, checked against its own annotations; the dataclass is the
   one description of the shape. A failure names the field (`teams.0.arc`) and where it is
   written in the file, found by
3. `locate(text, steps)`: the one key -> position mapper (a key's own place, an item's place,
   or the deepest part of the path the text has).

Checking is strict: `true` is not a number, `1` is not text, a float must be finite. By
default unknown keys are refused and every field must be present unless its metadata says
`optional`; `@shape(ignore_unknown=True, defaults_optional=True)` relaxes a class (files a
newer game may have written keys into). Field metadata, made with `bounded(...)`, bounds
lengths (`max_len`/`min_len`: text, lists and objects), numbers (`ge`/`le`) and choices
(`one_of`; `Literal[...]` of strings does the same).

Supported annotations: str, int, float, bool, None, `X | Y`, `Literal[...]`, `list[X]`,
`dict[str, X]`, `object` / `Any` (any JSON value), and dataclasses.

No pydantic here: this module is on the game's start-up path (saves, settings).
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
import re
import sys
import types
import typing
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from game.story.safetext import excerpt

MAX_DEPTH = 200  # nesting deeper than this is refused (see _any and _refused_at)


# Reading ------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class Document:
    """A parsed JSON text, with what is needed to say where in it a problem is."""

    label: str                 # the path, as error lines start
    text: str
    value: Any
    error: type[Exception]     # the caller's error class, raised with one line
    first_line: int = 1        # the file's line the text starts on (a line of a log)

    def at(self, steps: Sequence = ()) -> str:
        """`path:line:col` of the place `steps` (keys and indices) leads to."""
        line, col = locate(self.text, steps)
        return f"{self.label}:{self.first_line + line - 1}:{col}"

    def problem(self, steps: Sequence, message: str) -> Exception:
        """The caller's error, one line: `path:line:col: message` for the place `steps`."""
        return self.error(f"{self.at(steps)}: {message}")

    def check(self, cls: type, *, within: Sequence = (), prefix: str = ""):
        """The dataclass `cls` built from the value (or its part at `within`), or the
        caller's error: `path:line:col: {prefix}field.path: what was expected`."""
        value = self.value
        for step in within:
            value = value[step]
        try:
            return from_untrusted(cls, value)
        except ShapeError as error:
            steps = (*within, *error.path)
            where = _where(steps)
            raise self.problem(steps, f"{prefix}{where + ': ' if where else ''}"
                                      f"{error.message}") from None


class _Refused(ValueError):
    """A JSON token refused while parsing (NaN, Infinity, a number too long)."""


def _refuse_constant(name: str):
    raise _Refused(f"{name} is not allowed")


_DECODER = json.JSONDecoder(parse_constant=_refuse_constant)


def read_bounded(path: Path, *, max_bytes: int, noun: str, error: type[Exception]) -> bytes:
    """The bytes of `path`, or `error`: missing, not a file, unreadable, or larger than
    `max_bytes` (checked before reading)."""
    try:
        if not path.is_file() and path.exists():
            raise error(f"{path}: not a file")
        size = path.stat().st_size
        if size > max_bytes:
            raise error(f"{path}: too large to be a {noun} ({size:,} bytes; at most "
                        f"{max_bytes:,})")
        return path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path}: no such {noun}") from None
    except OSError as problem:
        raise error(f"{path}: cannot read ({problem.strerror or problem})") from None


def read_json_file(path: Path, *, max_bytes: int, noun: str, error: type[Exception],
                   invalid: str = "not valid JSON", missing_ok: bool = False) -> Document | None:
    """The file parsed (see `parse_json`), or `error` raised with one line. With
    `missing_ok`, a file that does not exist is None."""
    if missing_ok and not path.exists() and not path.is_symlink():
        return None
    return parse_json(read_bounded(path, max_bytes=max_bytes, noun=noun, error=error),
                      label=str(path), error=error, invalid=invalid)


def parse_json(data: str | bytes, *, label: str, error: type[Exception],
               invalid: str = "not valid JSON", first_line: int = 1) -> Document:
    """`data` (UTF-8 bytes or text) parsed as JSON, or `error` raised with one line
    `label:line:col: ...`: not UTF-8, not JSON, NaN or Infinity, a number too long, or
    nested too deeply."""
    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8")
        except UnicodeDecodeError as problem:
            text = data[:problem.start].decode("utf-8")
            line, col = _line_col(text, len(text))
            raise error(f"{label}:{first_line + line - 1}:{col}: not UTF-8 text") from None
    text = data
    try:
        value = _DECODER.decode(text)
    except json.JSONDecodeError as problem:
        raise error(f"{label}:{first_line + problem.lineno - 1}:{problem.colno}: {invalid}: "
                    f"{problem.msg}") from None
    except (RecursionError, ValueError) as problem:  # ValueError: _Refused, or a whole
        index, what = _refused_at(text)              # number longer than Python converts
        if isinstance(problem, _Refused) and what is None:
            what = str(problem)
        line, col = _line_col(text, index)
        raise error(f"{label}:{first_line + line - 1}:{col}: {invalid}: "
                    f"{what or 'nested too deeply, or a number too long'}") from None
    return Document(label, text, value, error, first_line)


_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[{]|[\]}]|NaN|-?Infinity|-?\d+', re.S)


def _refused_at(text: str) -> tuple[int, str | None]:
    """Where a text the parser refused goes wrong, and how: the first NaN or Infinity, the
    first number too long, or the first place nested more than MAX_DEPTH deep."""
    depth, longest = 0, sys.get_int_max_str_digits() or sys.maxsize
    for token in _TOKENS.finditer(text):
        kind = token.group()[0]
        if kind == '"':
            continue
        if kind in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return token.start(), f"nested too deeply (more than {MAX_DEPTH} levels)"
        elif kind in "]}":
            depth -= 1
        elif token.group().lstrip("-")[0] in "NI":
            return token.start(), f"{token.group()} is not allowed"
        elif len(token.group().lstrip("-")) > longest:
            return token.start(), f"a number too long (more than {longest:,} digits)"
    return 0, None


# Locating -----------------------------------------------------------------------------------

_SPACE = json.decoder.WHITESPACE
_SKIP = json.JSONDecoder()


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def locate(text: str, steps: Sequence) -> tuple[int, int]:
    """Line and column (1-based) in the JSON `text` of what `steps` leads to: the key itself
    when the last step is an object's key, the item when it is a list index; as deep as the
    text goes (a key or item that is not there: where its object or list is named). The last
    of duplicated keys counts, as it does for the parser. 1, 1 for a text that is not JSON."""
    index = _SPACE.match(text, 0).end()
    point = index
    try:
        for step in steps:
            found = _child(text, index, step)
            if found is None:
                break
            point, index = found
    except (ValueError, IndexError, RecursionError):
        pass
    return _line_col(text, point)


def _child(text: str, index: int, step) -> tuple[int, int] | None:
    """(where the key or item starts, where its value starts) for `step` in the object or
    list starting at `index`, or None."""
    opening = text[index:index + 1]
    if opening == "{" and isinstance(step, str):
        found, closing = None, "}"
    elif opening == "[" and isinstance(step, int):
        found, closing = None, "]"
    else:
        return None
    position, count = _SPACE.match(text, index + 1).end(), 0
    while text[position] != closing:
        start = position
        if closing == "}":
            key, position = json.decoder.scanstring(text, position + 1)
            position = _SPACE.match(text, position).end() + 1          # the colon
            position = _SPACE.match(text, position).end()
            if key == step:
                found = (start, position)
        elif count == step:
            return start, start
        _, position = _SKIP.raw_decode(text, position)
        position = _SPACE.match(text, position).end()
        if text[position] == ",":
            position = _SPACE.match(text, position + 1).end()
        count += 1
    return found


# Checking -----------------------------------------------------------------------------------


class ShapeError(ValueError):
    """A value that does not fit its declared shape: `path` (keys and indices, from the
    value checked) and what was expected."""

    def __init__(self, message: str, path: tuple = (), matched: bool = False):
        super().__init__(message)
        self.message = message
        self.path = path
        self.matched = matched   # the type fitted but a bound did not: no other option fits

    @property
    def where(self) -> str:
        return _where(self.path)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.path else self.message


def _where(steps: Sequence) -> str:
    """`teams.0.arc`: a path as an error line names it (keys cut short and cleaned)."""
    return ".".join(excerpt(str(step)) for step in steps)


def from_untrusted(cls: type, data: Any):
    """An instance of the dataclass `cls` built from `data`, or ShapeError."""
    return _converter(cls, _NO_RULES)(data)


def shape(*, ignore_unknown: bool = False, defaults_optional: bool = False):
    """A class decorator: unknown keys are ignored (not refused), and fields with a
    default may be absent (not only those marked optional). Subclasses inherit it."""
    def mark(cls):
        cls.__untrusted__ = (ignore_unknown, defaults_optional)
        return cls
    return mark


@dataclasses.dataclass(frozen=True, slots=True)
class _Rules:
    min_len: int | None = None
    max_len: int | None = None
    ge: float | None = None
    le: float | None = None
    one_of: tuple | None = None


_NO_RULES = _Rules()
_MISSING = dataclasses.MISSING


def bounded(default: Any = _MISSING, *, factory: Any = _MISSING, optional: bool = False,
            min_len: int | None = None, max_len: int | None = None, ge: float | None = None,
            le: float | None = None, one_of: Sequence | None = None):
    """A dataclass field with bounds the check applies (see the module's docstring)."""
    rules = _Rules(min_len, max_len, ge, le, tuple(one_of) if one_of is not None else None)
    return dataclasses.field(default=default, default_factory=factory,
                             metadata={"optional": optional, "rules": rules})


Convert = Callable[[Any], Any]

_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
          type(None): "null", list: "a list", dict: "an object"}
_SCALARS: dict[type, Callable[[Any], bool]] = {
    bool: lambda v: v is True or v is False,
    int: lambda v: type(v) is int,
    float: lambda v: type(v) is int or (type(v) is float and math.isfinite(v)),
    str: lambda v: type(v) is str,
    type(None): lambda v: v is None,
}


def _describe(hint) -> str:
    if hint in _NAMES:
        return _NAMES[hint]
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_describe(arg) for arg in typing.get_args(hint))
    if origin is typing.Literal:
        return "one of " + ", ".join(map(str, typing.get_args(hint)))
    if origin in _NAMES:
        return _NAMES[origin]
    return "an object"


def _shown(value) -> str:
    return repr(excerpt(value)) if isinstance(value, str) else excerpt(json.dumps(value))


@functools.cache
def _converter(hint, rules: _Rules) -> Convert:
    """A function value -> checked value for the annotation `hint`, built once."""
    if hint is Any or hint is object:
        return _any
    if dataclasses.is_dataclass(hint):
        return _dataclass_converter(hint)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [_converter(option, rules) for option in typing.get_args(hint)]
        expected = f"expected {_describe(hint)}"

        def union(value):
            for option in options:
                try:
                    return option(value)
                except ShapeError as error:
                    if error.path or error.matched:  # it fitted this option, then failed
                        raise
            raise ShapeError(expected)
        return union
    if origin is typing.Literal:
        return _converter(str, dataclasses.replace(rules, one_of=typing.get_args(hint)))
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        return _sized(list, rules, _list_converter(_converter(item_hint, _NO_RULES)))
    if origin is dict:
        _, item_hint = typing.get_args(hint)
        return _sized(dict, rules, _dict_converter(_converter(item_hint, _NO_RULES)))
    test = _SCALARS.get(hint)
    if test is None:
        raise TypeError(f"{hint!r} is not supported here")
    expected = f"expected {_describe(hint)}"
    if hint is str:
        return _sized(str, rules, lambda value: value)
    low, high = (rules.ge, rules.le) if hint in (int, float) else (None, None)

    def scalar(value):
        if not test(value):
            raise ShapeError(expected)
        if low is not None and value < low:
            raise ShapeError(f"{_shown(value)} is less than {low}", matched=True)
        if high is not None and value > high:
            raise ShapeError(f"{_shown(value)} is more than {high}", matched=True)
        return value
    return scalar


def _any(value):
    """Any JSON value, nested at most MAX_DEPTH levels (the parser itself stops near the
    interpreter's recursion limit, far deeper than anything here needs)."""
    level = [value]
    for _ in range(MAX_DEPTH):
        level = [item for node in level if isinstance(node, (list, dict))
                 for item in (node.values() if isinstance(node, dict) else node)]
        if not level:
            return value
    raise ShapeError(f"nested too deeply (more than {MAX_DEPTH} levels)", matched=True)


def _sized(kind: type, rules: _Rules, build: Convert) -> Convert:
    """Check the type `kind` and the length and choice bounds, then `build`."""
    expected = f"expected {_NAMES[kind]}"
    least, most, choices = rules.min_len, rules.max_len, rules.one_of
    unit = "characters" if kind is str else "items"

    def sized(value):
        if type(value) is not kind:
            raise ShapeError(expected)
        if most is not None and len(value) > most:
            raise ShapeError(f"more than {most:,} {unit}", matched=True)
        if least is not None and len(value) < least:
            raise ShapeError("empty" if least == 1 else f"fewer than {least:,} {unit}",
                             matched=True)
        if choices is not None and value not in choices:
            raise ShapeError(f"expected one of {', '.join(choices)} (not {_shown(value)})",
                             matched=True)
        return build(value)
    return sized


def _list_converter(item: Convert) -> Convert:
    def a_list(value: list):
        built: list = []
        try:
            for entry in value:
                built.append(item(entry))
        except ShapeError as error:
            error.path = (len(built), *error.path)   # the item that failed
            raise
        return built
    return a_list


def _dict_converter(item: Convert) -> Convert:
    def a_dict(value: dict):
        key, built = None, {}
        try:
            for key, entry in value.items():
                built[key] = item(entry)
        except ShapeError as error:
            error.path = (key, *error.path)
            raise
        return built
    return a_dict


def _dataclass_converter(cls: type) -> Convert:
    ignore_unknown, defaults_optional = getattr(cls, "__untrusted__", (False, False))
    hints = typing.get_type_hints(cls)
    fields = []
    for item in dataclasses.fields(cls):
        has_default = item.default is not _MISSING or item.default_factory is not _MISSING
        optional = item.metadata.get("optional", False) or (defaults_optional and has_default)
        rules = item.metadata.get("rules", _NO_RULES)
        fields.append((item.name, not optional, _converter(hints[item.name], rules)))
    known = frozenset(name for name, _, _ in fields)
    expected = f"expected {_describe(cls)}"

    def build(value):
        if type(value) is not dict:
            raise ShapeError(expected)
        if not ignore_unknown:
            for key in value:
                if key not in known:
                    raise ShapeError("unknown key", (key,))
        built = {}
        for name, required, convert in fields:
            if name in value:
                try:
                    built[name] = convert(value[name])
                except ShapeError as error:
                    error.path = (name, *error.path)
                    raise
            elif required:
                raise ShapeError("missing", (name,))
        return cls(**built)
    return build
