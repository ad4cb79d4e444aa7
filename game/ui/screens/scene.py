"""A scene: the prose, the meters, and the numbered choices."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from game.engine.machine import ChoiceView
from game.engine.settings import Settings
from game.engine.state import PlayState, Step
from game.story.model import Arc, Choice, Scene
from game.ui import safe
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.keybar import KeyBar
from game.ui.widgets.meters import MeterPanel, changes
from game.ui.widgets.prose import Prose

TAG_WORDS = {"obey": "You chose to obey.", "betray": "You chose to betray."}


class SceneScreen(Screen):
    """Shows one scene at a time; the app calls `show` with each new scene."""

    CSS_PATH = ["../widgets/widgets.tcss", "scene.tcss"]
    AUTO_FOCUS = ""  # none: the choices take the focus once shown (on_prose_revealed)
    BINDINGS = [
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"pick({n})", f"Choice {n}", show=False) for n in range(2, 10)],
        Binding("space,enter", "skip", "Show all text", show=False),
        Binding("pageup", "scroll_prose(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "scroll_prose(1)", "Scroll down", show=False, priority=True),
        Binding("h", "app.history", "History"),
        Binding("s", "app.save", "Save"),
        Binding("l", "app.load", "Load"),
        Binding("escape", "app.dossier", "Dossier"),
    ]

    @dataclass
    class Chosen(Message):
        """The player took `choice` (the engine's index `index`) after `seconds`."""

        index: int
        seconds: float
        screen: SceneScreen
        choice: Choice | None = None

        @property
        def control(self) -> SceneScreen:
            return self.screen

    def __init__(self, arc: Arc, settings: Settings) -> None:
        super().__init__()
        self.arc = arc
        self.settings = settings
        self._view: tuple[Scene, list[ChoiceView], PlayState, Step | None] | None = None
        self._shown_at = time.monotonic()

    def compose(self) -> ComposeResult:
        yield Static(classes="screen-title", id="scene-header")
        yield MeterPanel({}, id="meters")
        yield Prose(id="prose")
        yield ChoiceList(id="choices")
        yield KeyBar()

    def on_mount(self) -> None:
        self.apply_settings(self.settings)
        if self._view is not None:
            self._render_view()

    def show(self, scene: Scene, options: list[ChoiceView], state: PlayState,
             step: Step | None = None) -> None:
        """Show `scene` with its `options`; `step` is the choice that led here, if any."""
        self._view = (scene, options, state, step)
        if self.is_mounted:
            self._render_view()

    def apply_settings(self, settings: Settings) -> None:
        self.settings = settings
        self.query_one(MeterPanel).display = settings.meters_during_play

    def _render_view(self) -> None:
        scene, options, state, step = self._view
        arc = self.arc
        where = f"{arc.title}  ·  {arc.accused}"
        self.query_one("#scene-header", Static).update(Content(where))
        show_meters = self.settings.meters_during_play
        trail = state.meter_trail()
        moved = changes(trail[-2], trail[-1]) if step is not None and len(trail) > 1 else {}
        self.query_one(MeterPanel).show(state.meters, moved)
        preface: list[Widget] = []
        if not state.history:
            preface.append(self._file_card(state))
        note = self._aftermath(step, moved, show_meters) if step is not None else None
        choices = self.query_one(ChoiceList)
        choices.set_choices(options)
        if self.settings.reveal_cps:
            choices.display = False  # until the text is all there
            if choices.has_focus:
                self.set_focus(None)  # Enter shows the text; it never takes an unseen choice
        self.query_one(Prose).show(self.app.engine.passage(state), preface,
                                   self.settings.reveal_cps, note)
        self._shown_at = time.monotonic()

    def _file_card(self, state: PlayState) -> Static:
        arc = self.arc
        parts: list = []
        if arc.rank:
            parts += [(arc.rank, "bold"), "\n"]
        parts.append(arc.dossier.strip())
        for line in state.dossier_lines:
            parts += ["\n", ("▸ ", "$text-error"), (line, "bold")]
        card = Static(Content.assemble(*parts), classes="file-card")
        card.border_title = safe.title(f"FILE: {arc.accused.upper()}")
        return card

    @staticmethod
    def _aftermath(step: Step, moved: dict[str, list[int]], show_meters: bool) -> Content:
        parts: list = [("You: ", "bold"), f"“{step.text}”"]
        if step.tag in TAG_WORDS:
            parts += ["\n", (TAG_WORDS[step.tag], "bold")]
        if show_meters:
            lines = [f"{name.capitalize()} {before} → {after}"
                     for name, (before, after) in moved.items()]
            if lines:
                parts += ["\n", "   ".join(lines)]
        return Content.assemble(*parts)

    def on_prose_revealed(self, message: Prose.Revealed) -> None:
        message.stop()
        choices = self.query_one(ChoiceList)
        if not choices.display:
            choices.display = True
            choices.arm()
        if not choices.has_focus:
            choices.focus()

    def on_choice_list_picked(self, message: ChoiceList.Picked) -> None:
        message.stop()
        seconds = round(time.monotonic() - self._shown_at, 2)
        self.post_message(self.Chosen(message.index, seconds, self, message.choice))

    def on_choice_list_refused(self, message: ChoiceList.Refused) -> None:
        message.stop()
        self.app.bell()
        self.notify(message.reason, severity="warning", timeout=4)

    def action_pick(self, number: int) -> None:
        prose = self.query_one(Prose)
        if prose.revealing:
            prose.skip()
            return
        self.query_one(ChoiceList).pick_number(number)

    def action_skip(self) -> None:
        prose = self.query_one(Prose)
        if prose.revealing:
            prose.skip()
        else:
            prose.scroll_page_down()

    def action_scroll_prose(self, direction: int) -> None:
        prose = self.query_one(Prose)
        if direction < 0:
            prose.scroll_page_up()
        else:
            prose.scroll_page_down()
