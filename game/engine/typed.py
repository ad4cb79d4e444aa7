"""Build plain dataclasses from untrusted JSON data, checked against their own type hints.

The dataclass is the one description of the shape: `from_untrusted(PlayState, data)` checks
every value against the field's annotation (strictly: `true` is not a number, `1` is not
text), refuses unknown and missing keys, bounds list lengths given as field metadata
(`field(metadata={"max_items": N})`), and builds the nested dataclasses. The first problem
raises `ShapeError` with where it is (`history.3.meters.fear`) and what was expected.

Supported annotations: str, int, float, bool, None, `X | Y`, `list[X]`, `dict[str, X]`,
`object` / `Any` (any JSON value), and dataclasses.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from typing import Any


class ShapeError(ValueError):
    def __init__(self, where: str, message: str):
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where
        self.message = message


def from_untrusted(cls: type, data: Any, where: str = ""):
    """An instance of the dataclass `cls` built from `data`, or ShapeError."""
    return _convert(cls, data, where)


@functools.cache
def _fields(cls: type) -> tuple[tuple[str, Any, bool, int | None], ...]:
    """(name, annotation, required, max_items) for each field of `cls`."""
    hints = typing.get_type_hints(cls)
    result = []
    for item in dataclasses.fields(cls):
        required = (item.default is dataclasses.MISSING
                    and item.default_factory is dataclasses.MISSING)
        result.append((item.name, hints[item.name], required, item.metadata.get("max_items")))
    return tuple(result)


_NAMES = {str: "text", int: "a whole number", float: "a number", bool: "true or false",
          type(None): "null", list: "a list", dict: "a mapping"}


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


def _convert(hint, value, where: str, max_items: int | None = None):
    if hint is Any or hint is object:
        return value
    if dataclasses.is_dataclass(hint):
        if not isinstance(value, dict):
            raise ShapeError(where, f"expected {_describe(hint)}")
        fields = _fields(hint)
        known = {name for name, *_ in fields}
        for key in value:
            if key not in known:
                raise ShapeError(_join(where, key), "unknown key")
        built = {}
        for name, field_hint, required, limit in fields:
            if name not in value:
                if required:
                    raise ShapeError(_join(where, name), "missing")
                continue
            built[name] = _convert(field_hint, value[name], _join(where, name), limit)
        return hint(**built)
    origin = typing.get_origin(hint)
    if origin in (types.UnionType, typing.Union):
        for option in typing.get_args(hint):
            try:
                return _convert(option, value, where, max_items)
            except ShapeError as error:
                if error.where != where:  # it matched this option's shape, then failed inside
                    raise
        raise ShapeError(where, f"expected {_describe(hint)}")
    if origin is list:
        if not isinstance(value, list):
            raise ShapeError(where, "expected a list")
        if max_items is not None and len(value) > max_items:
            raise ShapeError(where, f"more than {max_items:,} items")
        (item_hint,) = typing.get_args(hint)
        return [_convert(item_hint, item, _join(where, i), None) for i, item in enumerate(value)]
    if origin is dict:
        if not isinstance(value, dict):
            raise ShapeError(where, "expected a mapping")
        _, item_hint = typing.get_args(hint)
        return {key: _convert(item_hint, item, _join(where, key), None)
                for key, item in value.items()}
    if hint is bool:
        ok = isinstance(value, bool)
    elif hint is int:
        ok = isinstance(value, int) and not isinstance(value, bool)
    elif hint is float:
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
    elif hint is str:
        ok = isinstance(value, str)
    elif hint is type(None):
        ok = value is None
    else:
        raise TypeError(f"{hint!r} is not supported here")
    if not ok:
        raise ShapeError(where, f"expected {_describe(hint)}")
    return value
