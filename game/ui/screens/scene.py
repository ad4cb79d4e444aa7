"""A scene: the prose, the meters, and the numbered choices."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from types import EllipsisType

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Center
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
MORE_BELOW = "▼ More below: Enter reads on"
PROSE_RESERVE = {"scene-title": 4, "speech": 16, "narration": 20}
"""Paragraph widgets of each kind made with the screen: enough for a scene and the scenes a
choice passes through on the way, so that a new scene never waits for new widgets."""


class SceneScreen(Screen):
    """Shows one scene at a time; the app calls `show` with each new scene."""

    CSS_PATH = ["../widgets/widgets.tcss", "scene.tcss"]
    AUTO_FOCUS = ""  # none: the choices take the focus once shown (on_prose_revealed)
    BINDINGS = [
        Binding("1", "pick(1)", "Choose", key_display="1-9"),
        *[Binding(str(n), f"pick({n})", f"Choice {n}", show=False) for n in range(2, 10)],
        Binding("space,enter", "skip", "Read on (show all text)", show=False),
        Binding("pageup", "scroll_prose(-1)", "Scroll up", show=False, priority=True),
        Binding("pagedown", "scroll_prose(1)", "Scroll down", show=False, priority=True),
        Binding("n", "toggle_notes", "Notes"),
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
        self._opening_marker: str | None | EllipsisType = ...

    def compose(self) -> ComposeResult:
        yield Static(classes="screen-title", id="scene-header")
        yield MeterPanel({}, id="meters")
        yield Prose(id="prose", reserve=PROSE_RESERVE)
        with Center(id="choices-row"):  # a centred column on a wide terminal
            yield ChoiceList(id="choices")
        yield KeyBar()

    def on_mount(self) -> None:
        if not self.query(ChoiceList):
            return  # replaced (a story reload, say) before it was ever shown: nothing to show
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
        notes_changed = settings.show_notes != self.settings.show_notes
        self.settings = settings
        self.query_one(MeterPanel).display = settings.meters_during_play
        if notes_changed and self._view is not None and self.is_mounted:
            # Only the note changes: the place in the text, and what was read, stay.
            self.query_one(Prose).set_coda(self._coda(self._view[0]))

    def _render_view(self) -> None:
        scene, options, state, step = self._view
        arc = self.arc
        where = f"{arc.title}  ·  {arc.accused}"
        header = self.query_one("#scene-header", Static)
        if str(header.content) != where:  # the same file: nothing to redraw
            header.update(Content(where))
        show_meters = self.settings.meters_during_play
        trail = state.meter_trail()
        moved = changes(trail[-2], trail[-1]) if step is not None and len(trail) > 1 else {}
        self.query_one(MeterPanel).show(state.meters, moved)
        preface: list[Widget] = []
        if not state.history:
            preface.append(self._file_card(state))
        note = self._aftermath(step, moved, show_meters) if step is not None else None
        choices = self.query_one(ChoiceList)
        choices.set_choices(options, self.settings.lock_needs)
        if self.settings.reveal_cps:
            choices.display = False  # until the text is all there
            if choices.has_focus:
                self.set_focus(None)  # Enter shows the text; it never takes an unseen choice
        coda = self._coda(scene)
        choices.show_read(False)
        # Until the new scene is laid out, the marker says what it said when the last scene
        # opened (scenes at one size tend to be alike): right, it costs no second frame.
        if self._opening_marker is not ...:
            choices.border_title = self._opening_marker
        self.query_one(Prose).show(self.app.engine.passage(state), preface,
                                   self.settings.reveal_cps, note, coda)
        self._shown_at = time.monotonic()

    def _coda(self, scene: Scene) -> Content | None:
        """The scene's historical note, when the player has the notes on."""
        if not self.settings.show_notes:
            return None
        return Content(" ".join(scene.notes.split()) if scene.notes
                       else "This scene has no historical note.")

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

    def on_prose_seen(self, message: Prose.Seen) -> None:
        message.stop()
        choices = self.query_one(ChoiceList)
        marker = None if message.all_seen else MORE_BELOW
        if message.first:
            self._opening_marker = marker
        # Once the text is read, the choices may take more of a small screen.
        choices.show_read(message.all_seen)
        if choices.border_title != marker:
            choices.border_title = marker

    def _unseen(self, to_end: bool, again: Callable[[], None] | bool = False) -> bool:
        """While some of the scene's text has not been on screen, scroll on towards it
        (`to_end`, or a page) and say so: no choice is taken over unread text. A key that
        comes before the scene is laid out is taken `again` once it is."""
        prose = self.query_one(Prose)
        if prose.seen_all:
            return False
        if not prose.checked and again:
            prose.call_after_refresh(again)
            return True
        prose.read_on(to_end)
        return True

    def on_choice_list_picked(self, message: ChoiceList.Picked, again: bool = True) -> None:
        message.stop()
        if self._unseen(False, again and (lambda: self.on_choice_list_picked(message, False))):
            return
        seconds = round(time.monotonic() - self._shown_at, 2)
        self.post_message(self.Chosen(message.index, seconds, self, message.choice))

    def on_choice_list_refused(self, message: ChoiceList.Refused) -> None:
        message.stop()
        self.app.bell()
        self.notify(message.reason, severity="warning", timeout=4)

    def action_pick(self, number: int, again: bool = True) -> None:
        prose = self.query_one(Prose)
        if prose.revealing:
            prose.skip()
            return
        if self._unseen(True, again and (lambda: self.action_pick(number, False))):
            return
        self.query_one(ChoiceList).pick_number(number)

    def action_skip(self) -> None:
        prose = self.query_one(Prose)
        if prose.revealing:
            prose.skip()
        else:
            prose.read_on()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "toggle_notes" and hasattr(self.app, "action_class_notes"):
            return False  # a class seat's own `n` (the facilitator notes) goes first
        return True

    def action_toggle_notes(self) -> None:
        """Historical notes under each scene, on or off (kept in the settings)."""
        on = not self.settings.show_notes
        self.app.change_settings(show_notes=on)
        self.notify(f"Historical notes {'on' if on else 'off'}.", timeout=2)

    def action_scroll_prose(self, direction: int) -> None:
        prose = self.query_one(Prose)
        if direction < 0:
            prose.scroll_page_up()
        else:
            prose.scroll_page_down()
