"""Everything a front end needs to start: the story, its engine, the saves, a first state."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from game.engine.machine import Engine
from game.engine.saves import SaveStore
from game.engine.state import PlayState
from game.story.model import COUNTER_RANGE, METER_RANGE, METERS, Story
from game.story.problems import spelled


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
                   engine: Engine | None = None, case: list[str] | None = None) -> Launch:
    """`case`: entries to set true in the case file before the arc opens (its opening then
    runs on them, exactly as the dossier would); `settings` may also set `case.ID`."""
    engine = engine or Engine(story)
    launch = Launch(story, engine, SaveStore(saves_dir))
    if scene is not None and arc is None:
        raise LaunchError("--scene needs --arc to say which arc it is in")
    settings = dict(settings or {})
    entries = check_case(story, case or [], settings)
    if (settings or entries) and arc is None:
        raise LaunchError(("--set" if settings else "--case")
                          + " needs --arc to say which arc to start")
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
    overrides = check_settings(the_arc, settings)
    state = PlayState(case=entries)
    engine.start_arc(state, arc, scene=scene, overrides=overrides)
    launch.state = state
    return launch


def check_case(story: Story, entries: list[str], settings: dict) -> dict[str, bool]:
    """The case file given on the command line (`--case ID`, `--set case.ID=true|false`);
    the `case.` settings are taken out of `settings`."""
    case: dict[str, bool] = {}
    given = [(entry, True, f"--case {entry}") for entry in entries]
    for name in [n for n in settings if n.startswith("case.")]:
        value = settings.pop(name)
        given.append((name[5:], value, f"--set {name}={spelled(value)}"))
    for entry, value, said in given:
        if entry not in story.case:
            close = difflib.get_close_matches(entry, list(story.case), n=1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise LaunchError(f"{said}: no case file entry {entry!r}{hint}; entries are "
                              "declared under story.case or an arc's case")
        if not isinstance(value, bool):
            raise LaunchError(f"{said}: a case file entry is true or false")
        case[entry] = value
    return case


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
            raise LaunchError(f"--set {name}={spelled(value)}: {name} takes {kind}")
        if not expected_bool:
            low, high = METER_RANGE if name in METERS else COUNTER_RANGE
            if not low <= value <= high:
                raise LaunchError(f"--set {name}={value}: must be between {low} and {high}")
        result[name] = value
    return result
