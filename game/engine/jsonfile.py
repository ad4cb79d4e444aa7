"""Reading small JSON files whose contents are untrusted (saves, class sessions)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_json_file(path: Path, *, max_bytes: int, noun: str, error: type[Exception],
                   invalid: str = "not valid JSON") -> Any:
    """The parsed contents of `path`, or `error` raised with one line saying what is wrong:
    missing, unreadable, too large, not UTF-8, not JSON (with line and column), or nested
    too deeply (or holding numbers too long) to parse."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise error(f"{path}: too large to be a {noun} ({size:,} bytes)")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise error(f"{path}: no such {noun}") from None
    except OSError as problem:
        raise error(f"{path}: cannot read ({problem.strerror or problem})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise error(f"{path}: not a {noun} (not UTF-8 text)") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as problem:
        raise error(f"{path}:{problem.lineno}:{problem.colno}: {invalid}: "
                    f"{problem.msg}") from None
    except (RecursionError, ValueError):  # ValueError: an integer too long to convert
        raise error(f"{path}: not a {noun} (nested too deeply, or a number too long)") from None
