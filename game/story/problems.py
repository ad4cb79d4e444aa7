"""Problems found in story files, each reported as one `path:line:col: message` line."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from game.story.safetext import clean_line, excerpt


def display_path(path: str | os.PathLike[str]) -> str:
    """A path relative to the working directory when it is inside it, else as given."""
    text = os.fspath(path)
    try:
        relative = os.path.relpath(text)
    except ValueError:
        return text
    return text if relative.startswith("..") else relative


def spelled(value) -> str:
    """A value as a story file spells it: `true`, `false`, `null`, `40`, `text`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    return str(value)
MAX_MESSAGE = 400


@dataclass(frozen=True, slots=True, order=True)
class Problem:
    path: str
    line: int
    col: int
    message: str
    severity: str = "error"

    @property
    def is_error(self) -> bool:
        return self.severity == "error"

    def __str__(self) -> str:
        """One line, whatever the file's name or the message holds: control characters are
        removed, and a message is cut short at MAX_MESSAGE characters."""
        prefix = "" if self.is_error else "warning: "
        return (f"{clean_line(display_path(self.path))}:{self.line}:{self.col}: {prefix}"
                f"{excerpt(self.message, MAX_MESSAGE)}")

    @classmethod
    def at(cls, path: Path | str, mark, message: str, severity: str = "error") -> Problem:
        """A problem at a YAML mark (0-based line and column) or at the top of the file."""
        if mark is None:
            return cls(str(path), 1, 1, message, severity)
        return cls(str(path), mark.line + 1, mark.column + 1, message, severity)


class StoryError(Exception):
    """Raised when a story cannot be loaded; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))
