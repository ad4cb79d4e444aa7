"""The numbered choices of a scene; locked ones dimmed with their reason, never their tag."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.machine import ChoiceView


class ChoiceList(OptionList):
    """Choices numbered from 1 as shown; Enter, a click or a digit picks one."""

    @dataclass
    class Picked(Message):
        """The player took the choice with engine index `index`."""

        index: int

    @dataclass
    class Refused(Message):
        """The player asked for a locked choice, or for a number that is not there."""

        reason: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.views: list[ChoiceView] = []
        self._lines_width = -1

    def _on_resize(self, event: events.Resize) -> None:
        """Wrapped lines depend on the width alone: a new height (a scene with more or fewer
        choices) needs no new lines, and rebuilding them costs a second frame per scene."""
        if event.size.width == self._lines_width:
            event.prevent_default()  # OptionList's own handler would rebuild them
        self._lines_width = event.size.width

    def set_choices(self, views: list[ChoiceView]) -> None:
        """Show the choices the player may see (`ChoiceView.shown`), numbered from 1."""
        self.views = [v for v in views if v.shown]
        options = []
        for number, view in enumerate(self.views, 1):
            label = (f"{number}. ", "bold")
            if view.available:
                prompt = Content.assemble(label, view.choice.text)
            else:
                prompt = Content.assemble(label, view.choice.text, "\n   ",
                                          (f"locked: {view.choice.locked}", "italic"))
            options.append(Option(prompt, disabled=not view.available))
        self.set_options(options)
        first = next((i for i, v in enumerate(self.views) if v.available), None)
        self.highlighted = first

    def pick_number(self, number: int) -> None:
        """Take the choice shown as `number` (1-based), or say why not."""
        if not 1 <= number <= len(self.views):
            self.post_message(self.Refused(f"There is no choice {number} here."))
            return
        view = self.views[number - 1]
        if not view.available:
            self.post_message(self.Refused(f"Locked: {view.choice.locked}"))
            return
        self.highlighted = number - 1
        self.post_message(self.Picked(view.choice.index))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        view = self.views[event.option_index]
        if view.available:
            self.post_message(self.Picked(view.choice.index))
