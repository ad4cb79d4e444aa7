"""One base for every App of the game (the game, the class screen, the console, the setup,
replay and debrief apps), as harlequin's AppBase: the themes registered once, ctrl+q first
among the keys, no command palette, and a crash handler that puts the player's work first.

When something unexpected breaks, the handler
1. saves the user's work (`save_work`, which each app defines: the game autosaves),
2. writes a crash report (the traceback, no local variables) to a file,
3. shows a short panel saying both, instead of Textual's traceback with locals.
Each stage is guarded, so the handler itself cannot raise.
"""

from __future__ import annotations

import os
import sys
import traceback
from datetime import datetime
from pathlib import Path
from typing import TypeVar

from rich.text import Text
from textual.app import App
from textual.binding import Binding

from game.ui.safe import PlainNotifications
from game.ui.themes import THEMES

ReturnType = TypeVar("ReturnType")


def crash_folder() -> Path:
    """Where crash reports go: `$TULAYEV_CRASH_DIR`, else the user's cache folder."""
    chosen = os.environ.get("TULAYEV_CRASH_DIR")
    if chosen:
        return Path(chosen)
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "tulayev" / "crashes"


def write_crash_report(error: BaseException | None, app_name: str) -> Path:
    folder = crash_folder()
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    lines = [f"tulayev crash report: {app_name}, {datetime.now().isoformat()}",
             f"python {sys.version.split()[0]}", ""]
    if error is not None:
        lines += traceback.format_exception(type(error), error, error.__traceback__)
    path.write_text("\n".join(line.rstrip("\n") for line in lines) + "\n", encoding="utf-8")
    return path


class AppBase(PlainNotifications, App[ReturnType]):
    """Notifications are plain text, never markup (see `PlainNotifications`)."""

    ENABLE_COMMAND_PALETTE = False
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", priority=True)]

    def __init__(self, theme: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        for item in THEMES:
            self.register_theme(item)
        self.theme = theme or "tulayev"
        self.crash_panel: str | None = None  # what the crash handler said, once it ran

    def save_work(self) -> str | None:
        """Keep what the user would lose; returns where it is (None: nothing to keep)."""
        return None

    def _fatal_error(self) -> None:
        error = sys.exc_info()[1] or self._exception
        try:
            kept = self.save_work()
            saved = f"Your game is saved ({kept})." if kept else "Nothing was left unsaved."
        except Exception:  # the handler must not raise: say so and go on
            saved = "Your game could not be saved just now; the last autosave is kept."
        try:
            path = write_crash_report(error, type(self).__name__)
            report = f"A report for the developers is in {path}."
        except Exception:
            report = "No crash report could be written."
        self.crash_panel = (f"The game stopped on an error it did not expect. {saved} "
                            f"{report}")
        try:
            self.bell()
        except Exception:
            pass
        self._exit_renderables.append(Text(self.crash_panel, style="bold"))
        self._close_messages_no_wait()
