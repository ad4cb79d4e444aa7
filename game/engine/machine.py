"""The arc machines: one `transitions` Machine per arc, built once when the story loads.

The flow rule itself is `game.engine.step` (pure functions the explorer and the validator
call too). The machine is its thin driver for the player's choices: scenes are states, and
choice number i is the trigger `choose_i`, guarded by the choice's compiled condition, so a
locked choice cannot be taken. Entering a scene and following its routes is `step.arrive`,
after which the machine is set to the scene the player stops at.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from transitions import EventData, Machine

from game.engine import events
from game.engine import step as flow
from game.engine.state import ArcResult, PlayState, Step
from game.story.model import METERS, Arc, Choice, Paragraph, Scene, Story
from game.story.needs import needs_words


class PlayError(Exception):
    """A request the current state cannot satisfy (a locked choice, no open arc, ...)."""


@dataclass(frozen=True, slots=True)
class ChoiceView:
    """A choice as the player sees it now."""

    choice: Choice
    available: bool
    needs: str | None = None  # for a locked choice: what its gate needs, in plain words

    @property
    def shown(self) -> bool:
        return self.available or self.choice.locked is not None


class _Visits:
    """A PlayState's visited list, as the set-like `step` functions expect."""

    __slots__ = ("visited",)

    def __init__(self, visited: list[str]):
        self.visited = visited

    def __contains__(self, scene_id: str) -> bool:
        return scene_id in self.visited

    def add(self, scene_id: str) -> None:
        if scene_id not in self.visited:
            self.visited.append(scene_id)


class _Player:
    """The model a Machine drives for one PlayState: the machine's state is the scene."""

    def __init__(self, play: PlayState):
        self.play = play

    @property
    def scene(self) -> str | None:
        return self.play.scene

    @scene.setter
    def scene(self, value: str) -> None:
        self.play.scene = value


class ArcMachine:
    def __init__(self, arc: Arc):
        self.arc = arc
        self.machine = Machine(model=None, states=list(arc.scenes), initial=arc.start,
                               auto_transitions=False, send_event=True,
                               model_attribute="scene")
        for scene in arc.scenes.values():
            for choice in scene.choices:
                self.machine.add_transition(
                    f"choose_{choice.index}", scene.id, choice.goto,
                    conditions=[_guard(choice)] if choice.condition else [])

    def choose(self, play: PlayState, index: int) -> bool:
        """Move `play` along choice `index` if its guard lets it (no effects applied)."""
        player = _Player(play)
        self.machine.add_model(player, initial=play.scene)
        try:
            return player.trigger(f"choose_{index}")
        finally:
            self.machine.remove_model(player)


def _guard(choice: Choice):
    def guard(event: EventData) -> bool:
        play = event.model.play
        return flow.is_open(choice, play.values, play.visited)
    return guard


def arrive(arc: Arc, play: PlayState, scene_id: str) -> list[str]:
    """Enter a scene and follow its routes (the step rule), keeping each reading of varying
    text with the play state; returns the routing scenes passed."""
    def keep(scene: Scene, reading: tuple) -> None:
        play.readings[scene.id] = list(reading)
    try:
        stop, passed = flow.arrive(arc, scene_id, play.values, _Visits(play.visited), keep)
    except flow.Stranded as stranded:
        play.scene = stranded.scene.id
        raise PlayError(f"{stranded.reason} out of {stranded.scene.id!r}") from None
    play.scene = stop
    return passed


Listener = Callable[[events.Event], None]


class Engine:
    """Plays a story: starts arcs, lists choices, takes them, records history, ends arcs.

    Listeners (see `subscribe`) receive a typed event (`game.engine.events`) for everything
    that happens in play: ArcStarted, SceneEntered (the choices shown, locked ones and why),
    ChoiceTaken (meter deltas, time, votes), EndingReached, Rewound, Undone, and a front end's
    own Recorded events. Logs, transcripts and replays are built from them.
    """

    def __init__(self, story: Story):
        self.story = story
        self._machines = {arc.id: ArcMachine(arc) for arc in story.arcs}
        self.listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call `listener(event)` for every event; returns a function that unsubscribes."""
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener) if listener in self.listeners else None

    def machine(self, arc_id: str) -> ArcMachine:
        """The arc's machine (all are built once, when the engine is made)."""
        return self._machines[arc_id]

    def record(self, event_name: str, play: PlayState, **data) -> None:
        """Send a front end's own event (a vote, a pause) to the listeners, in order with
        the engine's."""
        self._emit(events.Recorded, play, kind=event_name, data=data)

    def _emit(self, event_type: type[events.Event], play: PlayState, **data) -> None:
        if not self.listeners:
            return
        event = event_type(arc=play.arc, scene=play.scene, meters=play.meters, **data)
        for listener in list(self.listeners):
            listener(event)

    def _emit_scene(self, play: PlayState) -> None:
        if not self.listeners:
            return
        scene = self.scene_of(play)
        shown = [{"choice": v.choice.index + 1, "text": v.choice.text,
                  "available": v.available, "locked": None if v.available else v.choice.locked}
                 for v in self.options(play) if v.shown]
        self._emit(events.SceneEntered, play, title=scene.title, choices=shown,
                   hidden=sum(1 for v in self.options(play) if not v.shown))

    def arc_of(self, play: PlayState) -> Arc:
        if play.arc is None or not self.story.has_arc(play.arc):
            raise PlayError("no arc is open")
        return self.story.arc(play.arc)

    def scene_of(self, play: PlayState) -> Scene:
        arc = self.arc_of(play)
        if play.scene not in arc.scenes:
            raise PlayError(f"scene {play.scene!r} is not in arc {arc.id!r}")
        return arc.scenes[play.scene]

    def start_arc(self, play: PlayState, arc_id: str, scene: str | None = None,
                  overrides: dict | None = None) -> None:
        """Open an arc at its start (or at `scene`), applying its opening to the case file."""
        arc = self.story.arc(arc_id)
        values, lines = flow.opening(arc, self.story.case_view(play.case, arc.id))
        play.opening = {"case": dict(play.case), "scene": scene,
                        "overrides": dict(overrides or {})}
        if overrides:
            values.update(overrides)
        play.arc, play.values, play.visited, play.history = arc.id, values, [], []
        play.readings = {}
        play.dossier_lines = lines
        start = scene or arc.start
        if start not in arc.scenes:
            raise PlayError(f"no scene {start!r} in arc {arc.id!r}")
        play.scene = start
        arrive(arc, play, start)
        play.start_meters = play.meters
        self._emit(events.ArcStarted, play, title=arc.title, accused=arc.accused,
                   dossier_lines=list(lines), overrides=dict(overrides or {}),
                   opening={"case": dict(play.opening["case"]), "scene": scene,
                            "overrides": dict(overrides or {})})
        self._emit_scene(play)
        self._finish_if_ending(play)

    def options(self, play: PlayState) -> list[ChoiceView]:
        scene = self.scene_of(play)
        views = []
        for choice in scene.choices:
            if choice.condition is None or choice.condition(play.values, play.visited):
                views.append(ChoiceView(choice, True))
            elif choice.locked is not None:
                views.append(ChoiceView(choice, False, self.needs(play, choice)))
            else:
                views.append(ChoiceView(choice, False))
        return views

    def needs(self, play: PlayState, choice: Choice) -> str:
        """What a locked choice's gate needs, and where things stand ('needs fear below 30
        (now 50)'), naming scenes by their titles."""
        arc = self.arc_of(play)

        def title(scene_id: str) -> str:
            scene = arc.scenes.get(scene_id)
            return (scene.title if scene is not None and scene.title else scene_id)
        return needs_words(choice.condition, play.values, play.visited, title)

    def choose(self, play: PlayState, index: int, *, seconds: float | None = None,
               votes: list[int] | None = None) -> Step:
        """Take choice `index` of the current scene. Raises PlayError if it is not available."""
        scene = self.scene_of(play)
        if scene.is_ending:
            raise PlayError("this arc has ended")
        if not 0 <= index < len(scene.choices):
            raise PlayError(f"no choice {index + 1} here")
        choice = scene.choices[index]
        if not self.machine(play.arc).choose(play, index):
            raise PlayError(choice.locked or "that choice is not open to you")
        deltas = flow.take(choice, play.values)
        via = arrive(self.arc_of(play), play, choice.goto)
        step = Step(scene=scene.id, choice=index, text=choice.text, tag=choice.tag,
                    goto=play.scene, deltas=deltas, meters=play.meters,
                    seconds=seconds, votes=votes, via=via)
        play.history.append(step)
        self._emit(events.ChoiceTaken, play, source=scene.id, choice=index + 1, text=choice.text,
                   tag=choice.tag, deltas=step.deltas, seconds=seconds, votes=votes,
                   via=list(via))
        self._emit_scene(play)
        self._finish_if_ending(play)
        return step

    def undo(self, play: PlayState) -> None:
        """Take back the last choice: an `Undone` event, not a what-if branch."""
        if not play.history:
            raise PlayError("no choice has been taken yet")
        text = play.history[-1].text
        self.rewind(play, len(play.history) - 1,
                    said=(events.Undone, {"choice": len(play.history), "text": text}))

    def rewind(self, play: PlayState, steps_kept: int, said: tuple | None = None) -> None:
        """Go back to just before choice number `steps_kept + 1`, by replaying the first
        `steps_kept` choices of the history from the arc's opening (play is deterministic).
        `said`: the event that tells of it (a Rewound, unless an undo says otherwise).
        """
        if not 0 <= steps_kept < len(play.history):
            raise PlayError(f"cannot rewind to choice {steps_kept + 1}")
        kept = play.history[:steps_kept]
        abandoned = len(play.history) - steps_kept
        opening = play.opening or {}
        results_before = {k: v for k, v in play.results.items() if k != play.arc}
        play.case = dict(opening.get("case", play.case))
        listeners, self.listeners = self.listeners, []
        try:
            self.start_arc(play, play.arc, scene=opening.get("scene"),
                           overrides=opening.get("overrides") or None)
            for step in kept:
                self.choose(play, step.choice, seconds=step.seconds, votes=step.votes)
        finally:
            self.listeners = listeners
        play.results = results_before  # the arc is open again: its ending is undone
        kind, data = said or (events.Rewound, {"to_choice": steps_kept + 1,
                                                "abandoned": abandoned})
        self._emit(kind, play, **data)
        self._emit_scene(play)

    def passage(self, play: PlayState) -> tuple[Paragraph, ...]:
        """The prose to show now: the text of any routing scenes the last choice passed
        through (read on the way, as the author wrote them), then the current scene's; each
        scene's title, if it has one, as a heading paragraph before its text."""
        scene = self.scene_of(play)
        arc = self.arc_of(play)
        last = play.history[-1] if play.history else None
        passed = last.via if last is not None and last.goto == scene.id else []
        scenes = [arc.scenes[s] for s in passed if s in arc.scenes] + [scene]
        return tuple(paragraph for shown in scenes
                     for paragraph in ((Paragraph(shown.title, heading=True),) if shown.title
                                       else ()) + self.text_of(play, shown))

    def text_of(self, play: PlayState, scene: Scene) -> tuple[Paragraph, ...]:
        """A scene's paragraphs as they read when it was entered (a save from before
        readings were kept reads them now)."""
        if not scene.probes:
            return scene.text_for(())
        reading = play.readings.get(scene.id)
        if reading is None:
            reading = scene.reading(play.values, play.visited)
        return scene.text_for(tuple(reading))

    def can_open(self, play: PlayState, arc_id: str) -> bool:
        """Whether the file may be opened now (some open only once others are closed)."""
        return self.story.is_unlocked(self.story.arc(arc_id), play.closed)

    def can_restart(self, play: PlayState) -> bool:
        """Whether a state that `check` refuses can be recovered by restarting its arc."""
        return play.arc is not None and self.story.has_arc(play.arc)

    def _finish_if_ending(self, play: PlayState) -> None:
        arc = self.arc_of(play)
        scene = arc.scenes[play.scene]
        if not scene.is_ending:
            return
        self._emit(events.EndingReached, play, ending=scene.id, title=scene.ending.title,
                   kind=scene.ending.kind, historical=scene.ending.historical,
                   prompts=list(scene.ending.prompts),
                   novel=[{"ending": s.id, "title": s.ending.title, "kind": s.ending.kind}
                          for s in arc.historical_endings],
                   in_novel=arc.in_novel)
        counts = play.tag_counts()
        play.results[arc.id] = ArcResult(scene.id, scene.ending.title, scene.ending.kind,
                                         scene.ending.historical, counts["obey"],
                                         counts["betray"])
        for key in arc.case_writes:
            play.case[key[5:]] = bool(play.values.get(key, False))

    def is_over(self, play: PlayState) -> bool:
        return self.scene_of(play).is_ending

    def check(self, play: PlayState) -> str | None:
        """Why a (loaded) state does not fit this story, or None when it does."""
        if play.arc is None:
            return None
        if not self.story.has_arc(play.arc):
            return f"the arc {play.arc!r} is no longer in the story"
        arc = self.story.arc(play.arc)
        if play.scene not in arc.scenes:
            return (f"the scene {play.scene!r} is no longer in arc {arc.title!r}; "
                    "the arc can be restarted from its beginning")
        needed = set(arc.initial_values({}))
        missing = needed - set(play.values)
        if missing:
            return (f"this save lacks {', '.join(sorted(missing))}, which the story now uses; "
                    "the arc can be restarted from its beginning")
        for meter in METERS:
            if not isinstance(play.values.get(meter), int) or isinstance(play.values[meter], bool):
                return f"the save's {meter} is not a number"
        for name, default in arc.initial_values({}).items():
            if isinstance(play.values[name], bool) != isinstance(default, bool):
                kind = "true or false" if isinstance(default, bool) else "a number"
                return (f"the save's {name} is not {kind}; the arc can be restarted from its "
                        "beginning")
        return None
