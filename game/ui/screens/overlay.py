"""The base of the screens that open over the game (history, saves, settings, help)."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import Screen


class Overlay(Screen):
    """A full screen over the game; Escape (or q) closes it and returns where the player was."""

    BINDINGS = [Binding("escape,q", "close", "Back")]

    def action_close(self) -> None:
        self.dismiss(None)
