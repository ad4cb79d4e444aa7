"""Replay a log exactly: the engine plays the logged choices again, in order, rewinds and
all, and every step is checked against the log (the scene reached, the meters). A log that
no longer fits the story (a scene renamed, a choice now locked) stops the replay with the
line of the log where the paths part.

`build_frames` turns a log into what a front end shows, one frame per screen: the opening of
a file, each scene with its choices and the one taken (with the votes), rewinds, pauses and
endings. `play_plain` prints them; the Textual replay screen pages through them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TextIO

from game.classroom.eventlog import (
    ArcStarted,
    ChoiceTaken,
    EndingReached,
    Facilitator,
    LogError,
    Rewound,
    SceneEntered,
    Vote,
    read_log,
)
from game.classroom.playlog import Playthrough, build
from game.classroom.transcript import duration
from game.engine.machine import ChoiceView, Engine, PlayError
from game.engine.state import PlayState, Step
from game.story.model import METERS, Arc, Paragraph, Scene, Story
from game.story.safetext import safe_stream
from game.ui.plain import PlainText
from game.ui.words import kind_name, meter_change


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


def replay_log(path: Path | str, story: Story) -> tuple[list[Frame], PlayState, Playthrough]:
    """The frames, the play state where the log stops, and the log's playthrough."""
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
        elif isinstance(event, Facilitator) and event.action in ("pause", "resume"):
            if state.arc is None:
                continue
            note = (event.prompt or "") if event.action == "pause" else \
                f"Play resumes after {duration(event.seconds) or 'a pause'}."
            frames.append(Frame(event.action, line, engine.arc_of(state),
                                meters=dict(state.meters), note=note, team=team))
        elif isinstance(event, (SceneEntered, EndingReached)):
            if state.arc is not None and event.scene is not None and state.scene != event.scene:
                raise fail(line, f"the log is in scene {event.scene!r} here, the replay in "
                           f"{state.scene!r}")
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
    who = "The class" if taken.votes else "They"
    words = f"{who} chose {number}"
    if taken.votes:
        total = sum(taken.votes)
        words += f" ({taken.votes[taken.choice - 1]} of {total} votes"
        if frame.vote is not None and frame.vote.decided_by == "facilitator":
            words += "; a tie, settled by the facilitator"
        words += ")"
    if taken.seconds is not None:
        words += f", after {duration(taken.seconds)}"
    return words + "."


class PlainReplay(PlainText):
    def __init__(self, frames: list[Frame], out: TextIO, delay: float = 0.0,
                 sleep=time.sleep):
        super().__init__(stdin=None, stdout=out)
        self.frames = frames
        self.out = out
        self.delay = delay
        self.sleep = sleep

    def run(self) -> int:
        for frame in self.frames:
            getattr(self, f"show_{frame.kind}")(frame)
            self.out.flush()
            if self.delay:
                self.sleep(self.delay)
        self.say("")
        self.say("End of the replay.")
        return 0

    def show_arc(self, frame: Frame) -> None:
        arc = frame.arc
        self.say("")
        self.say(f"FILE: {arc.accused.upper()}" + (f", {arc.rank}" if arc.rank else "")
                 + (f"  [{frame.team}]" if frame.team else ""))
        self.para(arc.dossier)
        for line in frame.dossier_lines:
            self.para(line)

    def show_scene(self, frame: Frame) -> None:
        self.say("")
        self.show_passage(frame.paragraphs)
        self.say("Loyalty {loyalty}, fear {fear}, suspicion {suspicion}.".format(
            **frame.meters))
        if frame.is_ending:
            self.show_ending(frame)
            return
        shown = [o for o in frame.options if o.shown]
        for number, option in enumerate(shown, 1):
            votes = votes_for(frame, option)
            count = f"  [{votes} vote{'s' if votes != 1 else ''}]" if votes is not None else ""
            if option.available:
                self.say(f"{number}. {option.choice.text}{count}")
            else:
                self.say(f"{number}. [locked: {option.choice.locked}] {option.choice.text}")
        if frame.taken is None:
            self.say("(The log stops here.)")
            return
        self.say(taken_words(frame))
        step = frame.step
        if step.tag:
            self.say(f"[They chose to {step.tag}.]")
        for name in METERS:
            if name in step.deltas:
                self.say(meter_change(name, *step.deltas[name]))

    def show_ending(self, frame: Frame) -> None:
        ending = frame.scene.ending
        self.say(f"THE END: {ending.title} ({kind_name(ending.kind)})")
        novel = frame.arc.historical_endings
        if ending.historical:
            self.say("This is how the novel ends it.")
        elif novel:
            self.say(f"In the novel: {novel[0].ending.title} "
                     f"({kind_name(novel[0].ending.kind)}).")
        for prompt in ending.prompts:
            self.para(f"- {prompt}")

    def show_rewind(self, frame: Frame) -> None:
        self.say("")
        self.say(f"<< {frame.note}")

    def show_pause(self, frame: Frame) -> None:
        self.say("")
        self.say("-- PAUSED FOR DISCUSSION --")
        self.para(frame.note, "   ")

    def show_resume(self, frame: Frame) -> None:
        self.say(f"-- {frame.note} --")


def play_plain(frames: list[Frame], out: TextIO, delay: float = 0.0) -> int:
    return PlainReplay(frames, safe_stream(out), delay).run()
