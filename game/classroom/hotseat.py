"""A hot-seat class: the teams take turns on one projected screen, each with its own file.

`ClassGame` is pure logic for any front end (the Textual class screens, the plain mode):
one play state and one event log per team, one engine whose events go to the log of the
team that is acting, class votes, and the facilitator's controls (notes, meters, pause,
rewind). Turns are either a whole arc per team (`turns: arc`) or one choice per team in
rotation (`turns: choice`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from game.classroom.eventlog import EventLog
from game.classroom.session import Seat, Session, Team
from game.classroom.votes import Decision, Tally
from game.engine.machine import ChoiceView, Engine, PlayError
from game.engine.state import PlayState, Step
from game.story.model import Arc, Scene, Story

DEFAULT_PROMPTS = (
    "What would you do now, and why?",
    "What does each choice cost him, and who else pays for it?",
    "Whom is he trying to protect? Is it working?",
    "Is any of these choices really free? What makes it feel safe or dangerous?",
    "What would the Party say is the loyal thing to do here? What would a friend say?",
    "What does he know for certain, and what is he only afraid of?",
)


@dataclass
class TeamGame:
    team: Team
    seat: Seat
    state: PlayState = field(default_factory=PlayState)
    log: EventLog | None = None
    branches: int = 1           # 1 on the first path; each what-if adds one
    what_if_from: int | None = None  # the choice the current what-if went back to

    @property
    def started(self) -> bool:
        return self.state.arc is not None


class ClassGame:
    """One hot-seat lesson. The front end shows `current` and calls the methods below."""

    def __init__(self, session: Session, story: Story, engine: Engine | None = None,
                 clock: Callable[[], float] = time.monotonic, resume: bool = False,
                 teams: list[str] | None = None):
        """With `resume`, each team takes up its latest log where it stopped (the log is
        replayed through the engine and appended to): a lesson over two periods, a crash,
        or a parallel team's game brought to the projector. `teams` limits the lesson to
        those teams (by name)."""
        self.session = session
        self.story = story
        self.engine = engine or Engine(story)
        self.clock = clock
        playing = [session.team(name) for name in teams] if teams else list(session.teams)
        self.games = [TeamGame(team, session.new_seat(team.name)) for team in playing]
        if not self.games:
            raise ValueError("a class game needs at least one team")
        self.turn = 0
        if resume:
            self._resume_logs()
        self.show_notes = session.show_notes
        self.show_meters = session.show_meters
        self.paused_at: float | None = None
        self.pause_prompt: str | None = None
        self._prompt_index = 0
        self._acting: TeamGame | None = None
        self._shown_at = clock()
        self._unsubscribe = self.engine.subscribe(self._route)

    def _resume_logs(self) -> None:
        """Each team's latest log (hot seat or its own), replayed and reopened."""
        from game.classroom.replay import replay_log

        for game in self.games:
            path = self.session.latest_log(game.team.name)
            if path is None:
                continue
            _, state, play = replay_log(path, self.story)
            if state.arc != game.team.arc:
                continue
            game.state = state
            game.seat = Seat(play.header.seat or path.stem, game.team.name, path,
                             game.seat.saves_dir)
            game.log = EventLog(path, resume=True, clock=self.clock)
            run = play.runs[-1] if play.runs else None
            if run is not None:
                game.branches = len(run.branches)
                game.what_if_from = run.current.from_choice
        self.turn = next((i for i, g in enumerate(self.games) if not self.is_over(g)), 0)

    # Events go to the log of the team that is acting ----------------------------------------

    def _route(self, event: dict) -> None:
        if self._acting is not None and self._acting.log is not None:
            self._acting.log.write(event)

    @contextmanager
    def _as(self, game: TeamGame):
        previous, self._acting = self._acting, game
        try:
            yield
        finally:
            self._acting = previous

    def _open_log(self, game: TeamGame) -> None:
        if game.log is None:
            game.log = EventLog(game.seat.log_path, {
                "session": self.session.name, "team": game.team.name, "seat": game.seat.id,
                "mode": "hotseat", "story": self.story.title})

    # Where the class is ---------------------------------------------------------------------

    @property
    def current(self) -> TeamGame:
        return self.games[self.turn]

    def begin_turn(self) -> TeamGame:
        """Open the current team's file if it is not open yet; returns that team's game."""
        game = self.current
        if not game.started:
            self._open_log(game)
            with self._as(game):
                self.engine.start_arc(game.state, game.team.arc)
        self._shown_at = self.clock()
        return game

    def arc(self, game: TeamGame | None = None) -> Arc:
        return self.engine.arc_of((game or self.current).state)

    def scene(self, game: TeamGame | None = None) -> Scene:
        return self.engine.scene_of((game or self.current).state)

    def options(self, game: TeamGame | None = None) -> list[ChoiceView]:
        return self.engine.options((game or self.current).state)

    def is_over(self, game: TeamGame | None = None) -> bool:
        game = game or self.current
        return game.started and self.engine.is_over(game.state)

    @property
    def finished(self) -> bool:
        return all(self.is_over(g) for g in self.games)

    def tally(self) -> Tally:
        return Tally(self.options())

    def seconds_on_scene(self) -> float:
        return round(self.clock() - self._shown_at, 2)

    # Playing --------------------------------------------------------------------------------

    def take(self, decision: Decision | None = None, index: int | None = None, *,
             countdown: int | None = None, timed_out: bool = False,
             tally: Tally | None = None) -> Step:
        """Take the class's `decision`, or the facilitator's pick `index`: an override,
        logged as the facilitator's with the hands counted so far in `tally` (if any)."""
        game = self.current
        if decision is None and index is None:
            raise ValueError("take needs a decision or an index")
        if decision is None:
            counts = list(tally.counts) if tally is not None else [0] * len(self.options())
            leaders = tally.leaders if tally is not None and tally.total else []
            decision = Decision(index, tuple(counts), tuple(leaders), "override")
        seconds = self.seconds_on_scene()
        votes = list(decision.votes) if decision.total else None
        with self._as(game):
            self.engine.record(
                "vote", game.state, votes=list(decision.votes), choice=decision.index + 1,
                leaders=[i + 1 for i in decision.leaders], decided_by=decision.decided_by,
                countdown=countdown, timed_out=timed_out)
            step = self.engine.choose(game.state, decision.index, seconds=seconds,
                                      votes=votes)
        self._shown_at = self.clock()
        return step

    def next_turn(self) -> TeamGame | None:
        """Hand the screen to the next team with a file still open (by the session's turn
        rule); None when every team has reached an ending."""
        if self.finished:
            return None
        count = len(self.games)
        if self.session.turns == "arc" and not self.is_over():
            return self.begin_turn()
        for step in range(1, count + 1):
            candidate = (self.turn + step) % count
            if not self.is_over(self.games[candidate]):
                self.turn = candidate
                break
        return self.begin_turn()

    def rewind(self, steps_kept: int, game: TeamGame | None = None) -> None:
        """Back to just before decision `steps_kept + 1` of a team: a what-if branch."""
        game = game or self.current
        if not game.started:
            raise PlayError("this team has not started yet")
        with self._as(game):
            self.engine.rewind(game.state, steps_kept)
        game.branches += 1
        game.what_if_from = steps_kept + 1
        self.turn = self.games.index(game)
        self._shown_at = self.clock()

    def undo(self, game: TeamGame | None = None) -> None:
        """Take back the team's last choice (a slip, not a what-if: no branch is made)."""
        game = game or self.current
        if not game.started or not game.state.history:
            raise PlayError("no choice has been taken yet in this file")
        with self._as(game):
            self.engine.undo(game.state)
        self.turn = self.games.index(game)
        self._shown_at = self.clock()

    def branch_number(self, game: TeamGame | None = None) -> int:
        """1 on the team's first path; 2, 3... on its what-ifs (one per rewind)."""
        return (game or self.current).branches

    # The facilitator ------------------------------------------------------------------------

    def _note(self, **data) -> None:
        game = self.current
        if game.started:
            with self._as(game):
                self.engine.record("facilitator", game.state, **data)

    def toggle_notes(self) -> bool:
        self.show_notes = not self.show_notes
        self._note(action="notes", on=self.show_notes)
        return self.show_notes

    def toggle_meters(self) -> bool:
        self.show_meters = not self.show_meters
        self._note(action="meters", on=self.show_meters)
        return self.show_meters

    def next_prompt(self) -> str:
        prompt = DEFAULT_PROMPTS[self._prompt_index % len(DEFAULT_PROMPTS)]
        self._prompt_index += 1
        return prompt

    def pause(self, prompt: str | None = None) -> str:
        """Pause for discussion; returns the prompt to show (the facilitator's, or the next
        of the built-in ones)."""
        prompt = (prompt or "").strip() or self.next_prompt()
        self.paused_at = self.clock()
        self.pause_prompt = prompt
        self._note(action="pause", prompt=prompt)
        return prompt

    def resume(self) -> None:
        if self.paused_at is None:
            return
        seconds = round(self.clock() - self.paused_at, 2)
        self.paused_at = None
        self.pause_prompt = None
        self._note(action="resume", seconds=seconds)

    def close(self) -> None:
        """Close every log, and write each one's readable transcript beside it."""
        from game.classroom.transcript import write_beside

        self._unsubscribe()
        for game in self.games:
            if game.log is not None and not game.log.closed:
                game.log.close()
                write_beside(game.log.path)

    @property
    def log_paths(self):
        return [g.seat.log_path for g in self.games if g.log is not None]
