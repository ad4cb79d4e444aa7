"""The pause screen: nothing but a discussion prompt, for the projector."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static


class PauseScreen(Screen[None]):
    """Shows `prompt` alone; any of Enter, Space, Escape or p goes back to the game."""

    CSS_PATH = "pause.tcss"
    BINDINGS = [Binding("enter,space,escape,p", "resume", "Back to the game", show=False)]

    def __init__(self, prompt: str) -> None:
        super().__init__()
        self.prompt = prompt

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static(Content(self.prompt), id="pause-prompt")

    def action_resume(self) -> None:
        self.dismiss(None)

    def on_click(self) -> None:
        self.dismiss(None)
