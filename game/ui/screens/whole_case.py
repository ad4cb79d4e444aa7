"""The end of the whole case: each man's fate beside the novel's, obey and betray per file
and in all, and the names each man gave and whom they reached."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from game.engine.state import PlayState
from game.engine.wholecase import progress_words
from game.narration.summary import all_told, fates, names_given
from game.story.model import Story
from game.ui.widgets.keybar import KeyBar


class WholeCaseScreen(Screen):
    """The summary of the whole case, shown once its last file is closed."""

    CSS_PATH = ["../widgets/widgets.tcss", "whole_case.tcss"]
    BINDINGS = [
        Binding("b", "app.case_board", "Case board"),
        Binding("d", "app.dossier", "Dossier"),
        Binding("escape", "app.title", "Title"),
        Binding("down,j", "scroll(1)", "Scroll", show=False),
        Binding("up,k", "scroll(-1)", "Scroll", show=False),
    ]

    def __init__(self, story: Story, state: PlayState) -> None:
        super().__init__()
        self.story = story
        self.state = state

    def compose(self) -> ComposeResult:
        story, state = self.story, self.state
        yield Static(Content(f"CASE CLOSED  ·  {story.title}"), classes="screen-title")
        with VerticalScroll(id="summary-body"):
            yield Static(Content(progress_words(story, state) + "."), id="summary-progress")
            yield Static(Content("EACH MAN'S FATE, HERE AND IN THE NOVEL"), classes="section")
            for number, fate in enumerate(fates(story, state), 1):
                yield Static(Content.assemble(
                    (f"{fate.man}", "bold"), ("  ·  " + fate.title, "italic"), "\n",
                    ("Here: ", "bold $text-accent"), fate.here,
                    (" (as in the novel)" if fate.same else "", "$text-muted"), "\n",
                    ("In the novel: ", "bold $text-accent"), fate.novel, "\n",
                    f"You {fate.tally}."), classes="fate", id=f"fate-{number}")
            yield Static(Content(all_told(story, state)), id="summary-tally")
            yield Static(Content("THE NAMES THEY GAVE"), classes="section")
            given = names_given(story, state)
            if not given:
                yield Static(Content("Nobody named anybody."), classes="naming")
            for by, names, text, where in given:
                yield Static(Content.assemble((f"{by} → {names}", "bold $text-error"), "  ",
                                              text, "\n", (where[:1].upper() + where[1:] + ".",
                                                           "$text-muted")),
                             classes="naming")
            with Horizontal(id="summary-buttons"):
                yield Button("The case board", id="board", variant="primary")
                yield Button("The dossier", id="dossier")
        yield KeyBar()

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#board", Button), scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "board":
            self.app.action_case_board()
        else:
            self.app.action_dossier()

    def action_scroll(self, direction: int) -> None:
        self.query_one("#summary-body", VerticalScroll).scroll_relative(
            y=direction * 3, animate=False)
