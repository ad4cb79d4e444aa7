"""The facilitator's vote dialogs: type the count per option, or pick one for the class."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, OptionList, Static
from textual.widgets.option_list import Option

from game.classroom.votes import Tally


class VoteDialog(ModalScreen[list[int] | None]):
    """A count box per option shown (locked ones cannot be voted for). Dismisses with the
    counts in screen order, or None."""

    CSS_PATH = "vote.tcss"
    DEFAULT_CLASSES = "class-dialog"  # vote.tcss styles only these dialogs
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, tally: Tally) -> None:
        super().__init__()
        self.tally = tally

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content("Votes: how many hands for each option?"), id="question")
            for number, option in enumerate(self.tally.shown, 1):
                with Horizontal(classes="vote-row"):
                    yield Static(Content.assemble((f"{number}. ", "bold"),
                                                  option.choice.text), classes="vote-text")
                    count = self.tally.counts[option.choice.index]
                    yield Input(str(count) if count else "", id=f"count-{number}",
                                type="integer",
                                disabled=not option.available, classes="vote-count",
                                placeholder="0")
            yield Static("", id="vote-error")
            with Horizontal(id="buttons"):
                yield Button("Count the votes", id="ok", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        first = next((i for i in self.query(Input) if not i.disabled), None)
        if first is not None:
            first.focus()

    def counts(self) -> list[int] | None:
        values = []
        for number in range(1, len(self.tally.shown) + 1):
            text = self.query_one(f"#count-{number}", Input).value.strip() or "0"
            if not text.isdigit():
                self.query_one("#vote-error", Static).update(
                    Content(f"Option {number}: type a whole number of votes."))
                return None
            values.append(int(text))
        return values

    def _submit(self) -> None:
        counts = self.counts()
        if counts is not None:
            self.dismiss(counts)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        inputs = [i for i in self.query(Input) if not i.disabled]
        position = inputs.index(event.input)
        if position + 1 < len(inputs):
            inputs[position + 1].focus()
        else:
            self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PickDialog(ModalScreen[int | None]):
    """The facilitator chooses one option: on a tie, or for the class without a vote.
    Dismisses with the engine index of the choice, or None."""

    CSS_PATH = "vote.tcss"
    DEFAULT_CLASSES = "class-dialog"  # vote.tcss styles only these dialogs
    BINDINGS = [Binding("escape", "cancel", "Cancel"),
                *[Binding(str(n), f"pick({n})", show=False) for n in range(1, 10)]]

    def __init__(self, tally: Tally, question: str, among: list[int] | None = None) -> None:
        super().__init__()
        self.tally = tally
        self.question = question
        self.among = among        # engine indices allowed (the leaders of a tie), or all open

    def allowed(self, index: int) -> bool:
        option = self.tally.options[index]
        return option.available and (self.among is None or index in self.among)

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(Content(self.question), id="question")
            options = []
            for number, option in enumerate(self.tally.shown, 1):
                votes = self.tally.counts[option.choice.index]
                label = Content.assemble((f"{number}. ", "bold"), option.choice.text,
                                         (f"  ({votes} vote{'s' if votes != 1 else ''})",
                                          "$text-muted") if self.tally.total else "")
                options.append(Option(label, id=str(option.choice.index),
                                      disabled=not self.allowed(option.choice.index)))
            yield OptionList(*options, id="pick-list")
            with Horizontal(id="buttons"):
                yield Button("Cancel", id="cancel")

    def on_mount(self) -> None:
        picks = self.query_one(OptionList)
        picks.focus()
        picks.highlighted = next((i for i, o in enumerate(self.tally.shown)
                                  if self.allowed(o.choice.index)), None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(event.option.id))

    def action_pick(self, number: int) -> None:
        shown = self.tally.shown
        if 1 <= number <= len(shown) and self.allowed(shown[number - 1].choice.index):
            self.dismiss(shown[number - 1].choice.index)
        else:
            self.app.bell()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
