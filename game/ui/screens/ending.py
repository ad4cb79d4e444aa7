"""An ending: what happened, what the novel says, obey and betray, the meters, questions."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Static

from game.engine.state import PlayState
from game.engine.wholecase import is_whole, next_file
from game.narration.words import kind_name, novel_endings, novel_words, same_words, tally
from game.story.model import Arc, Scene, Story
from game.ui.widgets.chart import MeterChart
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.prose import ProseParagraph


class EndingScreen(Screen):
    """The end of one man's file."""

    CSS_PATH = ["../widgets/widgets.tcss", "ending.tcss"]
    BINDINGS = [
        Binding("d", "app.dossier", "Back to the dossier"),
        Binding("h", "app.history", "History"),
        Binding("s", "app.save", "Save"),
        Binding("escape", "app.dossier", "Dossier", show=False),
        Binding("down,j", "scroll(1)", "Scroll", show=False),
        Binding("up,k", "scroll(-1)", "Scroll", show=False),
    ]

    def __init__(self, story: Story, arc: Arc, scene: Scene, state: PlayState) -> None:
        super().__init__()
        self.story = story
        self.arc = arc
        self.scene = scene
        self.state = state

    def compose(self) -> ComposeResult:
        arc, ending, state = self.arc, self.scene.ending, self.state
        yield Static(Content(f"THE END  ·  {arc.title}  ·  {arc.accused}"),
                     classes="screen-title")
        with VerticalScroll(id="ending-body"):
            yield Static(Content(ending.title), id="ending-title")
            if not same_words(ending.title, kind_name(ending.kind)):
                yield Static(Content(kind_name(ending.kind)), id="ending-kind")
            for paragraph in self.app.engine.passage(self.state):
                if not paragraph.heading:  # the ending's own title stands above
                    yield ProseParagraph(paragraph)
            with Horizontal(id="outcomes"):
                yield Static(self._this_game(), id="this-game", classes="outcome")
                yield Static(self._novel(), id="novel", classes="outcome")
            counts = state.tag_counts()
            yield Static(Content.assemble(
                (tally("You", counts["obey"], counts["betray"]), "bold"),
                ("  (Counted from the Party's side.)", "$text-muted")),
                id="tally")
            yield Static(Content("THE METERS, FROM THE OPENING OF THE FILE TO ITS END"),
                         classes="section")
            yield MeterChart(state.meter_trail(), id="chart")
            if ending.prompts:
                yield Static(Content("TO DISCUSS"), classes="section")
                yield Static(Content("\n".join(f"• {p}" for p in ending.prompts)),
                             id="prompts")
            yield Button(Content(self._onward()), id="back", variant="primary")
        yield KeyBar()

    def _onward(self) -> str:
        """The button's words: the dossier, or in the whole case what comes next."""
        if not is_whole(self.state):
            return "Back to the dossier"
        upcoming = next_file(self.story, self.state)
        if upcoming is None:
            return "The whole case: the summary"
        return f"Next file: {self.story.arc(upcoming).title}"

    def _this_game(self) -> Content:
        ending = self.scene.ending
        return Content.assemble(("In this playthrough\n", "bold $text-accent"),
                                *_title_and_kind(ending))

    def _novel(self) -> Content:
        head = ("In the novel\n", "bold $text-accent")
        novel = self.arc.historical_endings
        if self.scene.ending.historical or not novel or not self.arc.in_novel:
            phrase = novel_words(self.scene.ending.historical, novel_endings(self.arc),
                                 self.arc.in_novel)
            return Content.assemble(head, phrase[0].upper() + phrase[1:] + ".")
        lines = [Content.assemble(*_title_and_kind(s.ending)) for s in novel]
        return Content.assemble(head, *lines)

    def on_mount(self) -> None:
        self.set_focus(self.query_one("#back", Button), scroll_visible=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.app.action_next_file()

    def action_scroll(self, direction: int) -> None:
        body = self.query_one("#ending-body", VerticalScroll)
        body.scroll_relative(y=direction * 3, animate=False)


def _title_and_kind(ending) -> list:
    """The ending's title, and under it what became of him unless the title says it."""
    kind = kind_name(ending.kind)
    return [(ending.title, "bold")] + ([] if same_words(ending.title, kind) else [f"\n{kind}"])
