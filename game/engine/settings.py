"""Player settings: reveal speed, theme, meters during play. Pure logic, no UI imports.

Settings live beside the saves as JSON in `settings.conf`. The name does not end in `.json`
because `SaveStore.slots()` lists every `*.json` in the folder as a save. A file that cannot
be read as settings is moved aside (never silently overwritten) and the defaults are used.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.engine.saves import atomic_write_text

SETTINGS_FILE = "settings.conf"
MAX_SETTINGS_BYTES = 64 * 1024

REVEAL_SPEEDS: dict[str, int | None] = {"off": None, "slow": 30, "medium": 60, "fast": 120}
"""Reveal speed name -> characters per second (None: the whole text at once)."""
THEMES: tuple[str, ...] = ("tulayev", "paper", "high-contrast", "projector")


@dataclass(frozen=True, slots=True)
class Settings:
    reveal: str = "off"
    theme: str = "tulayev"
    meters_during_play: bool = True
    lock_needs: bool = True  # a locked choice also says what it needs (a meter, an entry)
    show_notes: bool = False
    """The scenes' historical notes, under the text (a key in the game, `n`, turns them on)."""

    @property
    def reveal_cps(self) -> int | None:
        return REVEAL_SPEEDS[self.reveal]

    def to_json(self) -> str:
        return json.dumps({"format": "tulayev-settings", "version": 1, **asdict(self)}, indent=1)


class SettingsError(Exception):
    """Settings that cannot be written; the message is one line for the player."""


def settings_path(folder: Path | str) -> Path:
    return Path(folder) / SETTINGS_FILE


def parse_settings(text: str) -> Settings:
    """Settings from the file's text. Raises ValueError with a one-line reason."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValueError(f"line {error.lineno}: {error.msg}") from None
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    reveal = data.get("reveal", "off")
    if reveal not in REVEAL_SPEEDS:
        raise ValueError(f"reveal must be one of {', '.join(REVEAL_SPEEDS)}, not {reveal!r}")
    theme = data.get("theme", "tulayev")
    if theme not in THEMES:
        raise ValueError(f"theme must be one of {', '.join(THEMES)}, not {theme!r}")
    meters = data.get("meters_during_play", True)
    if not isinstance(meters, bool):
        raise ValueError("meters_during_play must be true or false")
    needs = data.get("lock_needs", True)
    if not isinstance(needs, bool):
        raise ValueError("lock_needs must be true or false")
    notes = data.get("show_notes", False)
    if not isinstance(notes, bool):
        raise ValueError("show_notes must be true or false")
    return Settings(reveal, theme, meters, lock_needs=needs, show_notes=notes)


def load_settings(folder: Path | str) -> tuple[Settings, str | None]:
    """The saved settings and None, or the defaults and a notice saying what went wrong."""
    path = settings_path(folder)
    try:
        if path.stat().st_size > MAX_SETTINGS_BYTES:
            raise ValueError("too large to be a settings file")
        return parse_settings(path.read_text(encoding="utf-8")), None
    except FileNotFoundError:
        return Settings(), None
    except (OSError, UnicodeDecodeError, ValueError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        aside = path.with_name(f"{path.name}.unreadable-{datetime.now(UTC):%Y%m%dT%H%M%S%f}")
        try:
            os.replace(path, aside)
        except OSError:
            return Settings(), (f"{path} could not be read ({reason}); using the default "
                                "settings for now, and the file is left as it is")
        return Settings(), (f"{path} could not be read ({reason}); it was moved to "
                            f"{aside.name} and the default settings are in use")


def save_settings(folder: Path | str, settings: Settings) -> Path:
    path = settings_path(folder)
    try:
        atomic_write_text(path, settings.to_json())
    except OSError as error:
        raise SettingsError(f"{path}: settings not saved ({error.strerror or error})") from None
    return path
