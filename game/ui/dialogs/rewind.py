"""Rewind: go back to just before an earlier choice, to play "what if". The log keeps both."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from game.engine.state import Step


class RewindDialog(ModalScreen[int | None]):
    """Lists the choices taken; dismisses with how many to keep (0 = back to the first)."""

    CSS_PATH = "vote.tcss"
    DEFAULT_CLASSES = "class-dialog"  # vote.tcss styles only these dialogs
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, history: list[Step], who: str) -> None:
        """`who` goes back: "team Red", "you"."""
        super().__init__()
        self.history = history
        self.who = who

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(f"What if? Take {self.who} back to just before which "
                                 "choice?"), id="question")
            yield Static(Content("What they did stays in the log; the new path is kept "
                                 "beside it as a what-if."), classes="muted")
            yield OptionList(*[Option(Content.assemble((f"{n}. ", "bold"), step.text),
                                      id=str(n - 1))
                               for n, step in enumerate(self.history, 1)], id="rewind-list")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
