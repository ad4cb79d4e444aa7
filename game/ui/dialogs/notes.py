"""The facilitator notes of the scene on screen: the history behind it, for teachers."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static


class NotesDialog(ModalScreen[None]):
    CSS_PATH = "vote.tcss"
    DEFAULT_CLASSES = "class-dialog"  # vote.tcss styles only these dialogs
    BINDINGS = [Binding("escape,enter,n,space", "close", "Close")]

    def __init__(self, title: str, notes: str | None) -> None:
        super().__init__()
        self.heading = title
        self.notes = notes

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(f"Facilitator notes: {self.heading}"), id="question")
            yield Static(Content(" ".join(self.notes.split()) if self.notes else
                                 "This scene has no facilitator notes."), id="notes-text")
            yield Static(Content("Enter or Escape to close."), classes="muted")

    def action_close(self) -> None:
        self.dismiss(None)

    def on_click(self) -> None:
        self.dismiss(None)
