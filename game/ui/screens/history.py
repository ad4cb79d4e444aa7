"""History: every scene of this playthrough and the choice taken in it, with meter changes."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from game.engine.state import PlayState, Step
from game.story.model import METERS, Story
from game.ui.screens.overlay import Overlay
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.meters import changes

TAGS = {"obey": "obeyed", "betray": "betrayed"}


class HistoryScreen(Overlay):
    """The open arc's history. Meter numbers are left out if the player hid the meters."""

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("down,j", "scroll(1)", "Scroll", show=False),
        Binding("up,k", "scroll(-1)", "Scroll", show=False),
    ]

    def __init__(self, story: Story, state: PlayState, show_meters: bool) -> None:
        super().__init__()
        self.story = story
        self.state = state
        self.show_meters = show_meters

    def compose(self) -> ComposeResult:
        arc = self.story.arc(self.state.arc)
        yield Static(Content(f"HISTORY  ·  {arc.title}  ·  {arc.accused}"),
                     classes="screen-title")
        with VerticalScroll(id="history-body"):
            yield Static(self._opening(), classes="history-entry")
            trail = self.state.meter_trail()
            for number, step in enumerate(self.state.history, 1):
                moved = changes(trail[number - 1], trail[number])
                yield Static(self._entry(number, step, moved), classes="history-entry")
            yield Static(self._now(), classes="history-entry", id="history-now")
        yield KeyBar()

    def _title_of(self, scene_id: str) -> str:
        scene = self.story.arc(self.state.arc).scenes.get(scene_id)
        return (scene.title if scene and scene.title else scene_id.replace("_", " ").capitalize())

    def _meters(self, meters: dict[str, int]) -> str:
        return ", ".join(f"{m.capitalize()} {meters.get(m, 0)}" for m in METERS)

    def _opening(self) -> Content:
        parts: list = [("The file is opened.", "bold")]
        if self.show_meters and self.state.start_meters:
            parts += ["\n", self._meters(self.state.start_meters)]
        return Content.assemble(*parts)

    def _entry(self, number: int, step: Step, moved: dict[str, list[int]]) -> Content:
        parts: list = [(f"{number}. {self._title_of(step.scene)}", "bold"), "\n",
                       "You: ", (f"“{step.text}”", "italic")]
        if step.tag in TAGS:
            parts += ["  ", (f"[{TAGS[step.tag]}]", "bold $text-warning")]
        if self.show_meters:
            lines = [f"{n.capitalize()} {before} → {after}" for n, (before, after) in moved.items()]
            parts += ["\n", ", ".join(lines) if lines else "No meter moved."]
        if step.seconds is not None:
            parts += [("  ", ""), (f"({step.seconds:.0f} s to decide)", "$text-muted")]
        if step.via:
            passed = ", ".join(self._title_of(scene) for scene in step.via)
            parts += ["\n", (f"Then, without a choice: {passed}.", "$text-muted")]
        return Content.assemble(*parts)

    def _now(self) -> Content:
        return Content.assemble(("Now: ", "bold"), self._title_of(self.state.scene))

    def action_scroll(self, direction: int) -> None:
        self.query_one("#history-body", VerticalScroll).scroll_relative(
            y=direction * 3, animate=False)
