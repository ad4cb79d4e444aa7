"""A log read back as playthroughs: the arcs played, each as branches of beats.

A beat is one scene as the players met it: the choices shown (locked ones and why), and the
choice taken there, with its votes, meter changes and time. A rewind never rewrites what
happened: it starts a new branch, a "what if", that shares the path up to the choice it goes
back to. Branch 1 is what the players did first; later branches are the what-ifs.

A log that jumps (a save loaded mid-arc) is read as a run "resumed from a save", whose
beginning is not in the log; such a run is shown but cannot be replayed.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from game.classroom.eventlog import (
    ArcStarted,
    ChoiceTaken,
    EndingReached,
    Facilitator,
    LogData,
    LogError,
    LogStarted,
    NovelEnding,
    Opening,
    Rewound,
    SceneEntered,
    Undone,
    Vote,
    read_log,
)
from game.story.model import METERS


@dataclass
class Taken:
    choice: int                     # the scene's choice number (1-based, as the engine counts)
    text: str
    tag: str | None
    deltas: dict[str, list[int]]
    meters: dict[str, int]          # once the next scene was entered
    goto: str | None
    seconds: float | None
    votes: list[int] | None
    vote: Vote | None
    line: int
    via: list[str] = field(default_factory=list)   # routing scenes passed on the way


@dataclass
class Beat:
    scene: str
    title: str | None
    meters: dict[str, int]
    choices: list | None            # the Shown choices; None when the log does not have them
    hidden: int
    line: int
    taken: Taken | None = None
    vote: Vote | None = None        # a vote recorded before the choice was taken

    def shown_number(self, choice: int) -> int | None:
        """The number the players saw beside engine choice `choice` (hidden ones skipped)."""
        if self.choices is None:
            return None
        for position, shown in enumerate(self.choices, 1):
            if shown.choice == choice:
                return position
        return None


@dataclass
class EndingInfo:
    ending: str
    title: str
    kind: str
    historical: bool
    prompts: list[str]
    novel: list[NovelEnding]
    meters: dict[str, int]
    line: int
    in_novel: bool = True


@dataclass
class Branch:
    number: int
    parent: int | None = None
    from_choice: int | None = None  # the decision (1-based) at which it leaves its parent
    beats: list[Beat] = field(default_factory=list)
    inherited: int = 0              # how many of `beats` it shares with its parent
    ending: EndingInfo | None = None
    line: int = 0

    @property
    def decisions(self) -> list[Beat]:
        return [b for b in self.beats if b.taken is not None]

    def tag_counts(self) -> dict[str, int]:
        counts = {"obey": 0, "betray": 0}
        for beat in self.decisions:
            if beat.taken.tag in counts:
                counts[beat.taken.tag] += 1
        return counts

    def meter_trail(self, start: dict[str, int]) -> list[dict[str, int]]:
        """The meters at the start of the arc and after every decision."""
        first = dict(start) if start else dict(self.beats[0].meters) if self.beats else {}
        return [first] + [dict(b.taken.meters) for b in self.decisions]

    @property
    def is_what_if(self) -> bool:
        return self.parent is not None


@dataclass
class Run:
    """One arc, from its opening (or from a loaded save) to where the log stops."""

    arc: str
    title: str
    accused: str
    start_meters: dict[str, int]
    dossier_lines: list[str]
    opening: Opening | None
    line: int
    resumed: bool = False           # began from a save: its start is not in the log
    branches: list[Branch] = field(default_factory=list)
    # What the facilitator did (and choices undone), as (branch number, decisions taken so
    # far on it, event).
    moments: list[tuple[int, int, Facilitator | Undone]] = field(default_factory=list)

    @property
    def main(self) -> Branch:
        return self.branches[0]

    @property
    def current(self) -> Branch:
        return self.branches[-1]

    @property
    def what_ifs(self) -> list[Branch]:
        return self.branches[1:]


@dataclass
class Playthrough:
    path: Path
    header: LogStarted
    runs: list[Run]
    truncated: bool
    closed: bool
    moments: list[Facilitator] = field(default_factory=list)

    @property
    def team(self) -> str:
        if self.header.team:
            return self.header.team
        return f"player {self.header.seat or self.path.stem}"


def _beat(event: SceneEntered, line: int) -> Beat:
    return Beat(event.scene or "?", event.title, dict(event.meters), list(event.choices),
                event.hidden, line)


def build(data: LogData) -> Playthrough:
    """The runs and branches of a read log. LogError when the events do not fit together."""
    path = data.path
    runs: list[Run] = []
    loose: list[Facilitator] = []

    def fail(line: int, what: str) -> LogError:
        return LogError(f"{path}:{line}:1: {what}")

    def resumed_run(arc: str | None, line: int, meters: dict[str, int]) -> Run:
        run = Run(arc or "?", arc or "?", "", dict(meters), [], None, line, resumed=True,
                  branches=[Branch(1, line=line)])
        runs.append(run)
        return run

    for entry in data.lines:
        event, line = entry.event, entry.line
        run = runs[-1] if runs else None
        if isinstance(event, ArcStarted):
            runs.append(Run(event.arc or "?", event.title, event.accused, dict(event.meters),
                            list(event.dossier_lines), event.opening, line,
                            branches=[Branch(1, line=line)]))
        elif isinstance(event, SceneEntered):
            if run is None or run.arc != event.arc:
                run = resumed_run(event.arc, line, event.meters)
            branch = run.current
            if branch.ending is not None:
                raise fail(line, "scene_entered after the arc's ending, with no rewind between")
            if branch.beats and branch.beats[-1].taken is None:
                if branch.beats[-1].scene != event.scene:
                    raise fail(line, f"scene_entered {event.scene!r} while scene "
                               f"{branch.beats[-1].scene!r} still waits for a choice")
                branch.beats[-1] = _beat(event, line)   # shown again (a resumed screen)
            else:
                branch.beats.append(_beat(event, line))
        elif isinstance(event, Vote):
            if run is None or not run.current.beats or run.current.beats[-1].taken is not None:
                raise fail(line, "a vote with no scene waiting for a choice")
            run.current.beats[-1].vote = event
        elif isinstance(event, ChoiceTaken):
            if run is None or run.arc != event.arc:
                run = resumed_run(event.arc, line, {})
            branch = run.current
            if branch.ending is not None:
                raise fail(line, "choice_taken after the arc's ending")
            pending = branch.beats[-1] if branch.beats else None
            if pending is None or pending.taken is not None or pending.scene != event.source:
                # The game jumped here (a save was loaded): the scene's choices are unknown.
                pending = Beat(event.source, None, {}, None, 0, line)
                branch.beats.append(pending)
                run.resumed = True
            if pending.choices is not None and event.choice not in {
                    s.choice for s in pending.choices if s.available}:
                raise fail(line, f"choice {event.choice} was not open in scene "
                           f"{event.source!r}")
            pending.taken = Taken(event.choice, event.text, event.tag, dict(event.deltas),
                                  dict(event.meters), event.scene, event.seconds, event.votes,
                                  pending.vote, line, list(event.via))
        elif isinstance(event, EndingReached):
            if run is None or run.arc != event.arc:
                raise fail(line, "ending_reached for an arc that was not being played")
            run.current.ending = EndingInfo(event.ending, event.title, event.kind,
                                            event.historical, list(event.prompts),
                                            list(event.novel), dict(event.meters), line,
                                            event.in_novel)
        elif isinstance(event, Rewound):
            if run is None or run.arc != event.arc:
                raise fail(line, "rewound with no arc being played")
            current = run.current
            kept = event.to_choice - 1
            if kept >= len(current.decisions):
                raise fail(line, f"rewound to choice {event.to_choice}, but only "
                           f"{len(current.decisions)} choice(s) were taken")
            beats = [replace(b) for b in current.beats[:kept]]
            run.branches.append(Branch(len(run.branches) + 1, current.number, event.to_choice,
                                       beats, kept, line=line))
        elif isinstance(event, Undone):
            if run is None or run.arc != event.arc:
                raise fail(line, "undone with no arc being played")
            branch = run.current
            decisions = branch.decisions
            if event.choice != len(decisions) or event.choice <= branch.inherited:
                raise fail(line, f"undone choice {event.choice}, but the last choice of this "
                           f"path is {len(decisions)}")
            last = decisions[-1]
            del branch.beats[branch.beats.index(last) + 1:]
            last.taken = None
            last.vote = None
            branch.ending = None
            run.moments.append((branch.number, len(decisions) - 1, event))
        elif isinstance(event, Facilitator):
            if run is None:
                loose.append(event)
            else:
                run.moments.append((run.current.number, len(run.current.decisions), event))
    return Playthrough(path, data.header, runs, data.truncated, data.closed, loose)


def load_playthrough(path: Path | str) -> Playthrough:
    return build(read_log(path))


def meter_line(meters: dict[str, int]) -> str:
    return ", ".join(f"{m} {meters[m]}" for m in METERS if m in meters)
