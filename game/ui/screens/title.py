"""The title screen: new game, continue, load, settings, help, quit."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center, VerticalGroup
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

MENU = (
    ("new", "n", "New game"),
    ("whole", "w", "The whole case: every file in the novel's order"),
    ("continue", "c", "Continue"),
    ("load", "l", "Load a saved game"),
    ("settings", "o", "Settings"),
    ("help", "?", "Help: every key"),
    ("quit", "q", "Quit"),
)


class TitleScreen(Screen):
    """The story's title and the menu. `continue_label` says where Continue leads, if anywhere."""

    # title.tcss is read with the app's own styles (TulayevApp.CSS_PATH): the title is the
    # first screen, and a screen's CSS_PATH would make Textual parse every style again.
    BINDINGS = [
        Binding("n", "choose('new')", "New game", show=False),
        Binding("w", "choose('whole')", "The whole case", show=False),
        Binding("c", "choose('continue')", "Continue", show=False),
        Binding("l", "choose('load')", "Load", show=False),
        Binding("q", "choose('quit')", "Quit", show=False),
    ]

    @dataclass
    class Chosen(Message):
        """The player picked a menu entry (new, whole, continue, load, settings, help or quit) on
        `title`."""

        action: str
        title: TitleScreen | None = None

    def __init__(self, title: str, subtitle: str | None, continue_label: str | None,
                 opening: bool = False) -> None:
        """`opening`: the story is still being read (Continue waits for it)."""
        super().__init__()
        self.story_title = title
        self.subtitle = subtitle
        self.continue_label = continue_label
        self.opening = opening

    def compose(self) -> ComposeResult:
        head, _, tail = self.story_title.partition(":")
        with VerticalGroup(id="title-block"):
            yield Static(Content(head.strip().upper()), id="headline")
            if tail:
                yield Static(Content(tail.strip()), id="subheadline")
            if self.subtitle:
                yield Static(Content(self.subtitle), id="tagline")
        with Center():
            yield OptionList(*self._options(), id="menu")
        yield Static(Content("↑ ↓ and Enter, a click, or the letter.  ctrl+q quits at any "
                             "moment; every scene is saved as you reach it."), id="hint")

    def _options(self) -> list[Option]:
        options = []
        for action, key, label in MENU:
            prompt = Content.assemble((f"{key}  ", "bold $text-accent"), label)
            if action == "continue":
                where = ("opening the files…" if self.opening
                         else self.continue_label or "no saved game yet")
                prompt = Content.assemble(prompt, "\n   ", (where, "italic $text-muted"))
            options.append(Option(prompt, id=action,
                                  disabled=action == "continue" and not self.continue_label))
        return options

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(event.option.id, self))

    def action_choose(self, action: str) -> None:
        self.post_message(self.Chosen(action, self))
