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
from game.engine.untrusted import bounded, parse_json, read_json_file, shape

SETTINGS_FILE = "settings.conf"
MAX_SETTINGS_BYTES = 64 * 1024

REVEAL_SPEEDS: dict[str, int | None] = {"off": None, "slow": 30, "medium": 60, "fast": 120}
"""Reveal speed name -> characters per second (None: the whole text at once)."""
THEMES: tuple[str, ...] = ("tulayev", "paper", "high-contrast", "projector")


@shape(ignore_unknown=True, defaults_optional=True)  # the file also holds format, version
@dataclass(frozen=True, slots=True)
class Settings:
    reveal: str = bounded("off", one_of=REVEAL_SPEEDS)
    theme: str = bounded("tulayev", one_of=THEMES)
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


def parse_settings(text: str, label: str = SETTINGS_FILE) -> Settings:
    """Settings from the file's text. Raises ValueError with one line, `label:line:col: ...`."""
    return parse_json(text, label=label, error=ValueError).check(Settings)


def load_settings(folder: Path | str) -> tuple[Settings, str | None]:
    """The saved settings and None, or the defaults and a notice saying what went wrong."""
    path = settings_path(folder)
    try:
        document = read_json_file(path, max_bytes=MAX_SETTINGS_BYTES, noun="settings file",
                                  error=ValueError, missing_ok=True)
        if document is None:
            return Settings(), None
        return document.check(Settings), None
    except ValueError as error:
        aside = path.with_name(f"{path.name}.unreadable-{datetime.now(UTC):%Y%m%dT%H%M%S%f}")
        try:
            os.replace(path, aside)
        except OSError:
            return Settings(), (f"{error}: the settings could not be read; the default "
                                "settings are in use for now, and the file is left as it is")
        return Settings(), (f"{error}: the settings could not be read; the file was moved "
                            f"to {aside.name} and the default settings are in use")


def save_settings(folder: Path | str, settings: Settings) -> Path:
    path = settings_path(folder)
    try:
        atomic_write_text(path, settings.to_json())
    except OSError as error:
        raise SettingsError(f"{path}: settings not saved ({error.strerror or error})") from None
    return path
