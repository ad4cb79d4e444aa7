"""Build plain dataclasses from untrusted JSON data, checked against their own type hints.

The dataclass is the one description of the shape: `from_untrusted(PlayState, data)` checks
every value against the field's annotation (strictly: `true` is not a number, `1` is not
text), refuses unknown keys and missing ones (a field may be absent only when its metadata
says `"optional": True`; its default is then used), bounds list lengths given as field
metadata (`"max_items": N`), and builds the nested dataclasses. The first problem
raises `ShapeError` with where it is (`history.3.meters.fear`) and what was expected.

Supported annotations: str, int, float, bool, None, `X | Y`, `list[X]`, `dict[str, X]`,
`object` / `Any` (any JSON value), and dataclasses.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Callable
from typing import Any


class ShapeError(ValueError):
    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


def from_untrusted(cls: type, data: Any, where: str = ""):
    """An instance of the dataclass `cls` built from `data`, or ShapeError."""
    return _converter(cls, None)(data, where)


Convert = Callable[[Any, str], Any]

_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
          type(None): "null", list: "a list", dict: "a mapping"}
_SCALARS: dict[type, Callable[[Any], bool]] = {
    bool: lambda v: isinstance(v, bool),
    int: lambda v: isinstance(v, int) and not isinstance(v, bool),
    float: lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
    str: lambda v: isinstance(v, str),
    type(None): lambda v: v is None,
}


def _describe(hint) -> str:
    if hint in _NAMES:
        return _NAMES[hint]
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        return " or ".join(_describe(arg) for arg in typing.get_args(hint))
    if origin in _NAMES:
        return _NAMES[origin]
    return "a mapping"


def _join(where: str, step) -> str:
    return f"{where}.{step}" if where else str(step)


@functools.cache
def _converter(hint, max_items: int | None) -> Convert:
    """A function (value, where) -> checked value for the annotation `hint`, built once."""
    if hint is Any or hint is object:
        return lambda value, where: value
    if dataclasses.is_dataclass(hint):
        return _dataclass_converter(hint)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        options = [_converter(option, max_items) for option in typing.get_args(hint)]
        expected = f"expected {_describe(hint)}"

        def union(value, where):
            for option in options:
                try:
                    return option(value, where)
                except ShapeError as error:
                    if error.where != where:  # it matched this option, then failed inside
                        raise
            raise ShapeError(where, expected)
        return union
    if origin is list:
        (item_hint,) = typing.get_args(hint)
        item = _converter(item_hint, None)

        def a_list(value, where):
            if not isinstance(value, list):
                raise ShapeError(where, "expected a list")
            if max_items is not None and len(value) > max_items:
                raise ShapeError(where, f"more than {max_items:,} items")
            return [item(entry, _join(where, i)) for i, entry in enumerate(value)]
        return a_list
    if origin is dict:
        _, item_hint = typing.get_args(hint)
        item = _converter(item_hint, None)

        def a_dict(value, where):
            if not isinstance(value, dict):
                raise ShapeError(where, "expected a mapping")
            return {key: item(entry, _join(where, key)) for key, entry in value.items()}
        return a_dict
    test = _SCALARS.get(hint)
    if test is None:
        raise TypeError(f"{hint!r} is not supported here")
    expected = f"expected {_describe(hint)}"

    def scalar(value, where):
        if not test(value):
            raise ShapeError(where, expected)
        return value
    return scalar


def _dataclass_converter(cls: type) -> Convert:
    hints = typing.get_type_hints(cls)
    fields = [(item.name, not item.metadata.get("optional", False),
               _converter(hints[item.name], item.metadata.get("max_items")))
              for item in dataclasses.fields(cls)]
    known = {name for name, _, _ in fields}
    expected = f"expected {_describe(cls)}"

    def build(value, where):
        if not isinstance(value, dict):
            raise ShapeError(where, expected)
        for key in value:
            if key not in known:
                raise ShapeError(_join(where, key), "unknown key")
        built = {}
        for name, required, convert in fields:
            if name in value:
                built[name] = convert(value[name], _join(where, name))
            elif required:
                raise ShapeError(_join(where, name), "missing")
        return cls(**built)
    return build
