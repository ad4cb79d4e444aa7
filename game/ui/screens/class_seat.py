"""The main game as one team's part of a class (`tulayev class play SESSION --team NAME`, at
the team's own terminal or in a browser): the same game, with the team's vote at each choice,
the facilitator notes, the meters, a pause on a discussion question, "what if?" and the
session's debrief on keys of their own.

`ClassSeatApp` is `TulayevApp` with `ClassroomActions` and `CLASSROOM_BINDINGS`; the keys
work only on the screens where they make sense. Votes, pauses and the rest go into the
game's log through the engine's `record`.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from textual.binding import Binding

from game.engine.launch import Launch
from game.engine.settings import Settings
from game.ui.app import TulayevApp
from game.ui.screens.pause import PauseScreen

if TYPE_CHECKING:
    from game.classroom.session import Session

CLASSROOM_BINDINGS = [
    Binding("v", "class_vote", "Vote"),
    Binding("n", "class_notes", "Notes", show=False),   # in help (?): the bar fits 120
    Binding("p", "class_pause", "Pause"),
    Binding("r", "class_rewind", "What if?"),
    Binding("u", "class_undo", "Undo", show=False),
    Binding("m", "class_meters", "Meters"),
    Binding("D", "class_debrief", "Debrief"),
]
ON_SCENE = {"class_vote", "class_notes", "class_pause", "class_meters"}
ON_SCENE_OR_ENDING = {"class_rewind", "class_undo"}


@dataclass
class ClassSeat:
    """What the app needs to know about the class it plays in."""

    session: Session
    team: str | None = None


class ClassroomActions:
    """The classroom actions, for a `TulayevApp` that has a `classroom` (a `ClassSeat`)."""

    _prompt_index = 0

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ON_SCENE or action in ON_SCENE_OR_ENDING:
            from game.ui.screens.ending import EndingScreen
            from game.ui.screens.scene import SceneScreen

            if action in ON_SCENE:
                return isinstance(self.screen, SceneScreen)
            if action in ON_SCENE_OR_ENDING:
                return isinstance(self.screen, SceneScreen | EndingScreen)
        return super().check_action(action, parameters)

    def _record(self, name: str, **data) -> None:
        record = getattr(self.engine, "record", None)
        if record is not None and self.state.arc is not None:
            record(name, self.state, **data)

    def action_class_vote(self) -> None:
        from game.classroom.votes import Tally, VoteError
        from game.ui.dialogs.vote import PickDialog, VoteDialog

        screen = self.screen
        shown_at = getattr(screen, "_shown_at", None)
        tally = Tally(self.engine.options(self.state))

        def take(index: int, decided_by: str) -> None:
            decision = tally.decide(index if decided_by == "facilitator" else None)
            self._record("vote", votes=list(decision.votes), choice=decision.index + 1,
                         leaders=[i + 1 for i in decision.leaders],
                         decided_by=decision.decided_by, countdown=None, timed_out=False)
            seconds = round(time.monotonic() - shown_at, 2) if shown_at else None
            self.take_choice(screen, decision.index, seconds, list(decision.votes))

        def counted(counts: list[int] | None) -> None:
            if counts is None:
                return
            try:
                tally.set_all(counts)
            except VoteError as error:
                self.notify(str(error).capitalize(), severity="warning", timeout=6)
                return
            if tally.total == 0:
                self.notify("No votes were counted.", severity="warning")
                return
            if not tally.tied:
                take(tally.leaders[0], "majority")
                return
            numbers = ", ".join(str(tally.number_of(i)) for i in tally.leaders)
            self.push_screen(PickDialog(tally, f"A tie between options {numbers}: decide.",
                                        tally.leaders),
                             lambda index: None if index is None else take(index,
                                                                           "facilitator"))

        self.push_screen(VoteDialog(tally), counted)

    def action_class_notes(self) -> None:
        from game.ui.dialogs.notes import NotesDialog

        scene = self.engine.scene_of(self.state)
        self._record("facilitator", action="notes", on=True)
        self.push_screen(NotesDialog(scene.title or scene.id.replace("_", " "), scene.notes),
                         lambda _: self._record("facilitator", action="notes", on=False))

    def action_class_pause(self) -> None:
        from game.classroom.hotseat import DEFAULT_PROMPTS
        from game.ui.screens.pause import PauseScreen

        prompt = DEFAULT_PROMPTS[self._prompt_index % len(DEFAULT_PROMPTS)]
        self._prompt_index += 1
        started = time.monotonic()
        self._record("facilitator", action="pause", prompt=prompt)
        self.push_screen(PauseScreen(prompt), lambda _: self._record(
            "facilitator", action="resume", seconds=round(time.monotonic() - started, 2)))

    def action_class_meters(self) -> None:
        self.settings = replace(self.settings,
                                meters_during_play=not self.settings.meters_during_play)
        on = self.settings.meters_during_play
        for screen in self.screen_stack:
            if hasattr(screen, "apply_settings"):
                screen.apply_settings(self.settings)
        self._record("facilitator", action="meters", on=on)
        self.notify(f"Meters {'shown' if on else 'hidden'} (for this game only).", timeout=3)

    def action_class_rewind(self) -> None:
        from game.ui.dialogs.rewind import RewindDialog

        if not self.state.history:
            self.notify("No choice has been taken yet in this file.", severity="warning")
            return

        def back(kept: int | None) -> None:
            if kept is not None:
                self.engine.rewind(self.state, kept)
                self.show_state()
                self.notify(f"What if? Back to choice {kept + 1}: a new branch; the log keeps "
                            "the first path.", title="What if?", timeout=8)

        team = self.classroom.team
        self.push_screen(RewindDialog(self.state.history, f"team {team}" if team else "you"),
                         back)

    def action_class_undo(self) -> None:
        if not self.state.history:
            self.notify("No choice has been taken yet in this file.", severity="warning")
            return
        text = self.state.history[-1].text
        undo = getattr(self.engine, "undo", None)
        if undo is None:
            self.engine.rewind(self.state, len(self.state.history) - 1)
        else:
            undo(self.state)
        self.show_state()
        self.notify(f"Undone, to be chosen again: “{text}”", timeout=4)

    def action_class_debrief(self) -> None:
        from game.classroom.debrief import debrief_session
        from game.classroom.session import SessionError, read_session
        from game.ui.screens.debrief import DebriefScreen

        session = self.classroom.session
        try:
            session = read_session(session.path)    # the facilitator may have released
        except SessionError:
            pass
        self.push_screen(DebriefScreen(debrief_session(
            session, self.story, for_players=True, viewer=self.classroom.team),
            session.folder))


class ClassSeatApp(ClassroomActions, TulayevApp):
    """The game, for one team of a class. It follows the facilitator's console (`class
    watch`): messages and the shared countdown as notices, and a pause screen while the
    console has paused play."""

    CSS_PATH = ["../app.tcss", "../widgets/widgets.tcss"]
    BINDINGS = CLASSROOM_BINDINGS
    CONTROL_INTERVAL = 1.0

    def __init__(self, launch: Launch, classroom: ClassSeat,
                 settings: Settings | None = None) -> None:
        super().__init__(launch, settings)
        self.classroom = classroom
        from game.classroom.control import Follower

        self.follower = Follower(classroom.session.folder)
        self._held: PauseScreen | None = None

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(self.CONTROL_INTERVAL, self.follow_console)

    def follow_console(self) -> None:
        """Show what the facilitator's console says (read from the session's folder)."""
        from game.classroom.control import DEBRIEF_NEWS
        from game.ui.screens.debrief import DebriefScreen

        control, news = self.follower.poll()
        if DEBRIEF_NEWS in news and self.state.arc is not None \
                and not isinstance(self.screen, DebriefScreen):
            self.action_class_debrief()
        for line in news:
            if not line.startswith(("Paused by", "The facilitator has resumed")):
                self.notify(line, title="Class", timeout=20)
                if line == "Time is up.":
                    self.bell()
        if control.paused and self._held is None:
            self._held = PauseScreen("Paused by the facilitator. "
                                     + (control.pause_message or "Wait for the class."))
            self._held.action_resume = lambda: None   # only the console ends this pause
            self._held.on_click = lambda: None
            self.push_screen(self._held)
        elif not control.paused and self._held is not None:
            held, self._held = self._held, None
            if self.screen is held:
                self.pop_screen()
            else:   # under a dialog the team opened: any key closes it once it is on top
                del held.action_resume, held.on_click


def run_seat_app(launch: Launch, classroom: ClassSeat) -> int:
    app = ClassSeatApp(launch, classroom)
    app.run()
    return app.return_code or 0
