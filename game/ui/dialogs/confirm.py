"""A yes-or-no question over the current screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

SMALL_WIDTH, SMALL_HEIGHT = 60, 16


class ConfirmDialog(ModalScreen[bool]):
    """Dismisses with True (y, or the first button) or False (n, Escape, or the second)."""

    CSS_PATH = "confirm.tcss"
    AUTO_FOCUS = "#no"  # the safe answer is the one Enter gives
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
        Binding("left,right", "app.focus_next", "Switch button", show=False),
    ]

    def __init__(self, question: str, detail: str = "", yes: str = "Yes",
                 no: str = "No") -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes
        self.no = no

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            # The buttons are docked at the bottom, so that on a small terminal the words
            # scroll and the buttons stay in sight.
            with Horizontal(id="buttons"):
                yield Button(Content(f"{self.yes} (y)"), id="yes", variant="primary")
                yield Button(Content(f"{self.no} (n)"), id="no")
            with VerticalScroll(id="words", can_focus=False):
                yield Static(Content(self.question), id="question")
                if self.detail:
                    yield Static(Content(self.detail), id="detail")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_resize(self, event) -> None:
        """On a small terminal the buttons lose their borders, to fit beside each other and
        leave room for the words."""
        small = event.size.width < SMALL_WIDTH or event.size.height < SMALL_HEIGHT
        for button in self.query(Button):
            button.compact = small

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
