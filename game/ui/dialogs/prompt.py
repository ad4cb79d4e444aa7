"""The facilitator types a question of their own for the pause screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class PromptDialog(ModalScreen[str | None]):
    """Dismisses with the question typed (empty: the next built-in one), or None."""

    CSS_PATH = "vote.tcss"
    DEFAULT_CLASSES = "class-dialog"  # vote.tcss styles only these dialogs
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Pause for discussion: what question should the class "
                                 "see?"), id="question")
            yield Input(placeholder="Enter with nothing typed: the next built-in question",
                        id="prompt-input", max_length=300)
            yield Static(Content("Enter to pause; Escape to go back."), classes="muted")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)
