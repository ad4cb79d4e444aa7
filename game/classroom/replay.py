"""Replay a log exactly: the engine plays the logged choices again, in order, rewinds and
all, and every step is checked against the log (the scene reached, the meters). A log that
no longer fits the story (a scene renamed, a choice now locked) stops the replay with the
line of the log where the paths part.

`build_frames` turns a log into what a front end shows, one frame per screen: the opening of
a file, each scene with its choices and the one taken (with the votes), rewinds, pauses and
endings. `game.plain.replay` prints them; the Textual replay screen pages through them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.classroom.eventlog import (
    ArcStarted,
    ChoiceTaken,
    EndingReached,
    Facilitator,
    LogError,
    Rewound,
    SceneEntered,
    Undone,
    Vote,
    read_log,
)
from game.classroom.playlog import Playthrough, build
from game.classroom.transcript import duration
from game.classroom.votes import override_words
from game.engine.machine import ChoiceView, Engine, PlayError
from game.engine.state import PlayState, Step
from game.story.model import METERS, Arc, Paragraph, Scene, Story


@dataclass
class Frame:
    kind: str                       # "arc", "scene", "rewind", "pause", "resume"
    line: int
    arc: Arc
    scene: Scene | None = None
    meters: dict[str, int] = field(default_factory=dict)
    paragraphs: tuple[Paragraph, ...] = ()   # the text shown (routing scenes passed, then
    options: list[ChoiceView] = field(default_factory=list)  # the scene's own)
    dossier_lines: list[str] = field(default_factory=list)
    taken: ChoiceTaken | None = None
    step: Step | None = None
    vote: Vote | None = None
    note: str = ""                  # a rewind's or a pause's words
    team: str = ""

    @property
    def is_ending(self) -> bool:
        return self.scene is not None and self.scene.is_ending


def build_frames(path: Path | str, story: Story) -> list[Frame]:
    """Every screen of the logged games, replayed through the engine and checked."""
    return replay_log(path, story)[0]


def scene_texts(path: Path | str, story: Story) -> dict[int, tuple[Paragraph, ...]]:
    """The story's text as each scene was shown, by the log line of its `scene_entered`
    (the text can depend on the case file and the meters, so it is replayed, not looked up).
    """
    texts: dict[int, tuple[Paragraph, ...]] = {}
    replay_log(path, story, texts)
    return texts


def replay_log(path: Path | str, story: Story,
               texts: dict[int, tuple[Paragraph, ...]] | None = None,
               ) -> tuple[list[Frame], PlayState, Playthrough]:
    """The frames, the play state where the log stops, and the log's playthrough (and, in
    `texts`, the text shown at each `scene_entered` line)."""
    data = read_log(path)
    play = build(data)      # checks that the events fit together
    path = data.path
    for run in play.runs:
        if run.resumed:
            raise LogError(f"{path}:{run.line}:1: this game was loaded from a save partway "
                           "through, so its beginning is not in the log and it cannot be "
                           "replayed (its transcript can still be read)")
    engine = Engine(story)
    team = play.team
    frames: list[Frame] = []
    state = PlayState()
    pending_vote: Vote | None = None

    def fail(line: int, what: str) -> LogError:
        return LogError(f"{path}:{line}:1: the replay parts from the log: {what}")

    def check(line: int, event, what: str) -> None:
        if event.scene is not None and state.scene != event.scene:
            raise fail(line, f"{what} leads to scene {state.scene!r} now, but the log has "
                       f"{event.scene!r} (has the story changed?)")
        if event.meters and {m: event.meters.get(m) for m in METERS} != state.meters:
            raise fail(line, f"{what} gives meters {state.meters} now, but the log has "
                       f"{event.meters}")

    def scene_frame(line: int) -> Frame:
        scene = engine.scene_of(state)
        frame = Frame("scene", line, engine.arc_of(state), scene, dict(state.meters),
                      engine.passage(state), [] if scene.is_ending else engine.options(state),
                      team=team)
        frames.append(frame)
        return frame

    current: Frame | None = None
    for entry in data.lines:
        event, line = entry.event, entry.line
        if isinstance(event, ArcStarted):
            if not story.has_arc(event.arc or ""):
                raise fail(line, f"the story has no arc {event.arc!r}")
            opening = event.opening
            state = PlayState()
            state.case = dict(opening.case) if opening else {}
            overrides = dict(opening.overrides) if opening else dict(event.overrides)
            try:
                engine.start_arc(state, event.arc, scene=opening.scene if opening else None,
                                 overrides=overrides or None)
            except (PlayError, KeyError) as error:
                raise fail(line, f"the arc cannot be opened as logged ({error})") from None
            check(line, event, "opening the file")
            frames.append(Frame("arc", line, engine.arc_of(state), meters=dict(state.meters),
                                dossier_lines=list(state.dossier_lines), team=team))
            current = scene_frame(line)
        elif isinstance(event, Vote):
            pending_vote = event
        elif isinstance(event, ChoiceTaken):
            if current is None or state.scene != event.source:
                raise fail(line, f"the log takes a choice in scene {event.source!r}, but the "
                           f"replay is in {state.scene!r}")
            try:
                step = engine.choose(state, event.choice - 1, seconds=event.seconds,
                                     votes=event.votes)
            except PlayError as error:
                raise fail(line, f"choice {event.choice} in scene {event.source!r} cannot be "
                           f"taken now ({error})") from None
            check(line, event, f"choice {event.choice} in scene {event.source!r}")
            current.taken, current.step, current.vote = event, step, pending_vote
            pending_vote = None
            current = scene_frame(line)
        elif isinstance(event, Rewound):
            try:
                engine.rewind(state, event.to_choice - 1)
            except PlayError as error:
                raise fail(line, str(error)) from None
            check(line, event, f"going back to choice {event.to_choice}")
            frames.append(Frame("rewind", line, engine.arc_of(state), meters=dict(state.meters),
                                note=f"What if? The class goes back to choice "
                                f"{event.to_choice}.", team=team))
            current = scene_frame(line)
        elif isinstance(event, Undone):
            try:
                engine.rewind(state, event.choice - 1)
            except PlayError as error:
                raise fail(line, str(error)) from None
            check(line, event, f"undoing choice {event.choice}")
            frames.append(Frame("undo", line, engine.arc_of(state), meters=dict(state.meters),
                                note=f"Choice {event.choice} is undone, to be chosen again.",
                                team=team))
            current = scene_frame(line)
        elif isinstance(event, Facilitator) and event.action in ("pause", "resume"):
            if state.arc is None:
                continue
            note = (event.prompt or "") if event.action == "pause" else \
                f"Play resumes after {duration(event.seconds) or 'a pause'}."
            frame = Frame(event.action, line, engine.arc_of(state), meters=dict(state.meters),
                          note=note, team=team)
            if current is not None and current.taken is None and frames[-1] is current:
                # Paused before this scene's vote: shown before the scene, as the transcript
                # shows it (after the choice that led here).
                frames.insert(len(frames) - 1, frame)
            else:
                frames.append(frame)
        elif isinstance(event, (SceneEntered, EndingReached)):
            if state.arc is not None and event.scene is not None and state.scene != event.scene:
                raise fail(line, f"the log is in scene {event.scene!r} here, the replay in "
                           f"{state.scene!r}")
            if texts is not None and isinstance(event, SceneEntered) and state.arc is not None:
                texts[line] = engine.passage(state)
    return frames, state, play


# The plain presenter -------------------------------------------------------------------------


def votes_for(frame: Frame, option: ChoiceView) -> int | None:
    votes = frame.taken.votes if frame.taken else None
    if not votes or option.choice.index >= len(votes):
        return None
    return votes[option.choice.index]


def taken_words(frame: Frame) -> str:
    """`The class chose 2 (5 of 8 votes), after 42 s.`"""
    taken = frame.taken
    shown = [o for o in frame.options if o.shown]
    number = next((n for n, o in enumerate(shown, 1) if o.choice.index == taken.choice - 1),
                  taken.choice)
    vote = frame.vote
    if vote is not None and vote.decided_by == "override":
        counts = [vote.votes[o.choice.index] if o.choice.index < len(vote.votes) else 0
                  for o in shown]
        leaders = [n for n, o in enumerate(shown, 1) if o.choice.index + 1 in vote.leaders]
        words = override_words(number, counts, leaders)
        words = words[0].upper() + words[1:]
    elif taken.votes:
        words = f"The class chose {number}"
    else:
        words = f"They chose {number}"
    if taken.votes and not (vote is not None and vote.decided_by == "override"):
        total = sum(taken.votes)
        words += f" ({taken.votes[taken.choice - 1]} of {total} votes"
        if frame.vote is not None and frame.vote.decided_by == "facilitator":
            words += "; a tie, settled by the facilitator"
        words += ")"
    if taken.seconds is not None:
        words += f", after {duration(taken.seconds)}"
    return words + "."
