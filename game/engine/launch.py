"""Everything a front end needs to start: the story, its engine, the saves, a first state."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from game.engine.machine import Engine
from game.engine.saves import SaveStore
from game.engine.state import PlayState
from game.story.model import COUNTER_RANGE, METER_RANGE, METERS, Story


class LaunchError(Exception):
    pass


@dataclass
class Launch:
    story: Story
    engine: Engine
    saves: SaveStore
    state: PlayState | None = None  # set when the command line opened an arc directly


def prepare_launch(story: Story, arc: str | None = None, scene: str | None = None,
                   settings: dict | None = None, saves_dir: str | None = None,
                   engine: Engine | None = None) -> Launch:
    engine = engine or Engine(story)
    launch = Launch(story, engine, SaveStore(saves_dir))
    if scene is not None and arc is None:
        raise LaunchError("--scene needs --arc to say which arc it is in")
    if settings and arc is None:
        raise LaunchError("--set needs --arc to say which arc to start")
    if arc is None:
        return launch
    if not story.has_arc(arc):
        close = difflib.get_close_matches(arc, story.arc_ids, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise LaunchError(f"no arc {arc!r}{hint}; arcs: {', '.join(story.arc_ids)}")
    the_arc = story.arc(arc)
    if scene is not None and scene not in the_arc.scenes:
        close = difflib.get_close_matches(scene, list(the_arc.scenes), n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise LaunchError(f"no scene {scene!r} in arc {arc!r}{hint}")
    overrides = check_settings(the_arc, settings or {})
    state = PlayState()
    engine.start_arc(state, arc, scene=scene, overrides=overrides)
    launch.state = state
    return launch


def check_settings(arc, settings: dict) -> dict:
    known = arc.initial_values({})
    for key in arc.case_reads | arc.case_writes:
        known[key] = False
    result = {}
    for name, value in settings.items():
        if name not in known:
            raise LaunchError(f"--set {name}: not a meter, flag or counter of arc {arc.id!r} "
                              f"(it has: {', '.join(sorted(known))})")
        expected_bool = isinstance(known[name], bool)
        if expected_bool != isinstance(value, bool):
            kind = "true or false" if expected_bool else "a whole number"
            raise LaunchError(f"--set {name}={value}: {name} takes {kind}")
        if not expected_bool:
            low, high = METER_RANGE if name in METERS else COUNTER_RANGE
            if not low <= value <= high:
                raise LaunchError(f"--set {name}={value}: must be between {low} and {high}")
        result[name] = value
    return result
