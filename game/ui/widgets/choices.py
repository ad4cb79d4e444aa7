"""The numbered choices of a scene; locked ones dimmed with their reason, never their tag."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from game.engine.machine import ChoiceView
from game.story.model import Choice

ENTER_GRACE_SECONDS = 0.4
READ_MAX_HEIGHT = "70vh"
"""The choices' height limit once the scene's text has all been read (before then, the
stylesheet's, smaller): long choices on a small screen get more room."""


class ChoiceList(OptionList):
    """Choices numbered from 1 as shown; Enter, a click or a digit picks one.

    Enter is not taken in the first moments after new choices appear unless the player has
    moved the highlight: a key held or pressed twice would otherwise run on through scenes
    nobody has read. Digits and clicks, which name their choice, are always taken.
    """

    BINDINGS = [Binding("enter", "select_settled", "Take the highlighted choice", show=False)]

    @dataclass
    class Picked(Message):
        """The player took `choice` (engine index `index`) from the choices on show."""

        index: int
        choice: Choice

    @dataclass
    class Refused(Message):
        """The player asked for a locked choice, or for a number that is not there."""

        reason: str

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.views: list[ChoiceView] = []
        self._lines_width = -1
        self._render_width = -1
        self._settled_at = 0.0
        self._moved = False

    def show_read(self, read: bool) -> None:
        """Give the choices more room once the text is read. An inline style, not a class:
        a class change restyles the list and its parts, which costs more than the rest of a
        scene change."""
        if read:
            self.styles.max_height = READ_MAX_HEIGHT
        else:
            self.styles.clear_rule("max_height")

    def arm(self) -> None:
        """The choices are now in front of the player: start the grace before Enter."""
        self._settled_at = time.monotonic() + ENTER_GRACE_SECONDS
        self._moved = False

    def action_select_settled(self) -> None:
        if self._moved or time.monotonic() >= self._settled_at:
            self.action_select()

    def action_cursor_down(self) -> None:
        self._moved = True
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        self._moved = True
        super().action_cursor_up()

    def _on_resize(self, event: events.Resize) -> None:
        """Wrapped lines depend on the width they are drawn in alone: a new height (a scene
        with more or fewer choices) needs no new lines, and rebuilding them costs a second
        frame per scene. That width is inside the scrollbar, which comes and goes with the
        height: compare it, not the widget's own width."""
        width = self.scrollable_content_region.width
        if width == self._lines_width:
            event.prevent_default()  # OptionList's own handler would rebuild them
        self._lines_width = width

    def _get_option_render(self, option, style):
        """OptionList keeps each option's drawing without the width it was drawn at, and
        the width changes when the scrollbar comes or goes (while a new scene's choices are
        laid out): a choice drawn narrower would stay cut short. Start afresh on a new width."""
        width = self.scrollable_content_region.width
        if width != self._render_width:
            self._option_render_cache.clear()
            self._render_width = width
        return super()._get_option_render(option, style)

    def set_choices(self, views: list[ChoiceView], needs: bool = True) -> None:
        """Show the choices the player may see (`ChoiceView.shown`), numbered from 1; with
        `needs`, a locked choice also says what its gate needs."""
        self.views = [v for v in views if v.shown]
        options = []
        for number, view in enumerate(self.views, 1):
            label = (f"{number}. ", "bold")
            if view.available:
                prompt = Content.assemble(label, view.choice.text)
            else:
                prompt = Content.assemble(label, view.choice.text, "\n   ",
                                          (f"locked: {view.choice.locked}", "italic"))
                if needs and view.needs:
                    prompt = Content.assemble(prompt, "\n   ", (view.needs, "dim"))
            options.append(Option(prompt, disabled=not view.available))
        self.set_options(options)
        first = next((i for i, v in enumerate(self.views) if v.available), None)
        self.highlighted = first
        self.arm()

    def pick_number(self, number: int) -> None:
        """Take the choice shown as `number` (1-based), or say why not."""
        if not 1 <= number <= len(self.views):
            self.post_message(self.Refused(f"There is no choice {number} here."))
            return
        view = self.views[number - 1]
        if not view.available:
            self.post_message(self.Refused(f"Locked: {view.choice.locked}"
                                           + (f" ({view.needs})" if view.needs else "")))
            return
        self.highlighted = number - 1
        self.post_message(self.Picked(view.choice.index, view.choice))

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        view = self.views[event.option_index]
        if view.available:
            self.post_message(self.Picked(view.choice.index, view.choice))
