"""The facilitator's console (`tulayev class watch NAME`): every team of a parallel or
browser session, live, read from the session's folder; and the controls every team's game
follows (a message to all, a shared countdown, pause all), the novel's endings released,
a game left out of the debrief, and the debrief itself.

It starts no server: it re-reads the logs every few seconds and writes `control.json` and
`session.json` (both atomically) for the teams' games to read.
"""

from __future__ import annotations

import time

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DataTable, Footer, Input, Static

from game.classroom.control import Control, clean, clock_words, read_control, write_control
from game.classroom.session import Session, SessionError, read_session
from game.classroom.watch import TeamStatus, team_statuses
from game.story.model import METERS, Story
from game.ui.base import AppBase

COLUMNS = ("Team", "File", "Scene", "Loyalty", "Fear", "Suspicion", "Choices", "Last vote",
           "On this choice", "State")


class AskDialog(ModalScreen[str | None]):
    """One line typed by the facilitator; None on Escape."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    AskDialog { align: center middle; }
    AskDialog > Vertical { width: 70; height: auto; border: round $primary;
                           background: $surface; padding: 0 1; }
    """

    def __init__(self, question: str, placeholder: str = "") -> None:
        super().__init__()
        self.question = question
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(self.question))
            yield Input(placeholder=self.placeholder, max_length=300)
            yield Static(Content("Enter to send; Escape to go back."), classes="muted")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class WatchApp(AppBase[int]):
    """The console. `interval` is how often the folder is read again (seconds)."""

    ENABLE_COMMAND_PALETTE = False
    CSS = """
    #watch-title { background: $panel; text-style: bold; padding: 0 1; }
    #watch-status { padding: 0 1; height: auto; color: $text-accent; }
    DataTable { height: 1fr; }
    """
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
        Binding("m", "message", "Message all"),
        Binding("c", "countdown", "Countdown"),
        Binding("p", "pause", "Pause all"),
        Binding("e", "release", "Release endings"),
        Binding("x", "exclude", "Exclude game"),
        Binding("d", "debrief", "Debrief"),
        Binding("b", "debrief_for_all", "Debrief to all"),
    ]

    def __init__(self, session: Session, story: Story | None = None,
                 interval: float = 2.0) -> None:
        super().__init__()
        self.session = session
        self.story = story
        self.interval = interval
        self.rows: list[TeamStatus] = []
        self.cache: dict = {}       # each log's status, read again only when it changes
        self.title = f"Class {session.name}: the facilitator's console"

    def compose(self) -> ComposeResult:
        yield Static(Content(f"CLASS {self.session.name}  ·  FACILITATOR'S CONSOLE"),
                     id="watch-title")
        yield Static(id="watch-status")
        table = DataTable(id="teams", cursor_type="row", zebra_stripes=True)
        table.add_columns(*COLUMNS)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        # Kept, not queried: the app's queries look at the screen on top (a dialog, the
        # debrief), and the view refreshes under it.
        self.table = self.query_one(DataTable)
        self.status = self.query_one("#watch-status", Static)
        self.refresh_view()
        self.set_interval(self.interval, self.refresh_view)
        self.table.focus()

    # Reading ---------------------------------------------------------------------------------

    def refresh_view(self) -> None:
        try:
            self.session = read_session(self.session.path)
        except SessionError as error:
            self.notify(str(error), severity="error", timeout=8)
        self.rows = team_statuses(self.session, self.story, self.cache)
        now = time.time()
        table = self.table
        cursor = table.cursor_row
        table.clear()
        for row in self.rows:
            waiting = row.seconds_waiting(now)
            state = ("finished" if row.finished else "not started" if row.log is None
                     else "playing" if row.open else "away")
            if row.problem:
                state = "log unreadable"
            if row.log is not None and row.log.name in self.session.excluded:
                state += ", excluded"
            table.add_row(*[Content(str(cell)) for cell in (
                row.team, row.arc_title, row.ending or row.scene,
                *[row.meters.get(m, "") for m in METERS], row.choices, row.last_vote,
                clock_words(waiting) if waiting is not None else "", state)])
        if self.rows:
            table.move_cursor(row=min(max(cursor, 0), len(self.rows) - 1))
        self._show_status(read_control(self.session.folder), now)

    def _show_status(self, control: Control, now: float) -> None:
        parts = []
        finished = sum(1 for r in self.rows if r.finished)
        parts.append(f"{finished} of {len(self.rows)} finished")
        left = control.remaining(now)
        if left is not None:
            parts.append(f"countdown {clock_words(left)}" if left else "countdown: time is up")
        if control.paused:
            parts.append("PAUSED")
        if control.message:
            parts.append(f"message: “{control.message}”")
        parts.append("the novel's endings " + ("released" if self.session.released else
                                               "hidden until each team finishes"))
        self.status.update(Content("  ·  ".join(parts)))

    # Controls --------------------------------------------------------------------------------

    def _change(self, **changes) -> None:
        control = read_control(self.session.folder)
        for name, value in changes.items():
            setattr(control, name, value)
        try:
            write_control(self.session.folder, control)
        except OSError as error:
            self.notify(f"{self.session.folder}: cannot write ({error.strerror or error})",
                        severity="error")
        self.refresh_view()

    def action_message(self) -> None:
        def send(text: str | None) -> None:
            text = clean(text or "")
            if text:
                control = read_control(self.session.folder)
                self._change(message=text, message_id=control.message_id + 1)
                self.notify(f"Sent to every team: {text}", timeout=4)

        self.push_screen(AskDialog("A message to every team:", "5 minutes left"), send)

    def action_countdown(self) -> None:
        def start(text: str | None) -> None:
            if text is None:
                return
            text = text.strip()
            if text in ("", "0"):
                self._change(countdown_end=None)
                return
            try:
                minutes = float(text)
            except ValueError:
                minutes = -1
            if not 0 < minutes <= 180:
                self.notify("Type the minutes, 1 to 180 (0 to stop the countdown).",
                            severity="warning")
                return
            self._change(countdown_end=time.time() + minutes * 60)

        self.push_screen(AskDialog("A countdown for every team, in minutes (0 stops it):",
                                   "10"), start)

    def action_pause(self) -> None:
        control = read_control(self.session.folder)
        if control.paused:
            self._change(paused=False, pause_message="")
            self.notify("Every team can play on.", timeout=3)
            return

        def pause(text: str | None) -> None:
            if text is not None:
                self._change(paused=True, pause_message=clean(text))

        self.push_screen(AskDialog("Pause every team. What should their screens say?",
                                   "Eyes on the front, please."), pause)

    def action_release(self) -> None:
        self.session.released = not self.session.released
        try:
            self.session.save()
        except OSError as error:
            self.notify(f"{self.session.path}: cannot write ({error.strerror or error})",
                        severity="error")
        self.notify("The novel's endings are " + ("released to every team." if
                    self.session.released else "hidden again from teams still playing."),
                    timeout=4)
        self.refresh_view()

    def action_exclude(self) -> None:
        table = self.table
        if not self.rows or table.cursor_row < 0:
            return
        row = self.rows[min(table.cursor_row, len(self.rows) - 1)]
        if row.log is None:
            self.notify("This team has no game to leave out.", severity="warning")
            return
        excluded = list(self.session.excluded)
        if row.log.name in excluded:
            excluded.remove(row.log.name)
            words = "taken back into"
        else:
            excluded.append(row.log.name)
            words = "left out of"
        self.session.excluded = tuple(excluded)
        self.session.save()
        self.notify(f"{row.team}'s game is {words} the debrief.", timeout=4)
        self.refresh_view()

    def action_debrief_for_all(self) -> None:
        """Open the debrief on every team's screen (with the novel's endings as released)."""
        control = read_control(self.session.folder)
        self._change(debrief_id=control.debrief_id + 1)
        self.notify("The debrief opens on every team's screen.", timeout=4)

    def action_debrief(self) -> None:
        from game.classroom.debrief import debrief_session
        from game.ui.screens.debrief import DebriefScreen

        self.push_screen(DebriefScreen(debrief_session(self.session, self.story),
                                       self.session.folder))


def run_watch_app(session: Session, story: Story | None) -> int:
    app = WatchApp(session, story)
    app.run()
    return app.return_code or 0
