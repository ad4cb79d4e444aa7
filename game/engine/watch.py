"""Live reload for authors: notice saved story files, check them as `tulayev validate` does,
reload, and keep the player's place.

Polls file modification times (no extra dependency, works on every filesystem); the UI calls
`poll()` a few times a second. `check()` is the slow part (it loads the story and walks its
state space for strandings); it touches no play state, so the UI runs it in a worker thread
and hands the result to `apply()` on its own thread.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from game.engine.explorer import DEFAULT_MAX_STATES
from game.engine.machine import Engine
from game.engine.state import PlayState
from game.engine.validation import all_problems
from game.story import Story, StoryError, load_story
from game.story.locate import story_files
from game.story.problems import Problem


@dataclass
class Check:
    """What the whole validation found: the story (None when it does not load) and every
    problem, errors and warnings, static and from the state walk, sorted."""

    story: Story | None
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(p.is_error for p in self.problems)

    @property
    def warnings(self) -> int:
        return len(self.problems) - self.errors


@dataclass
class Reload:
    """The outcome of a reload: a new story and engine, or the problems that stopped it
    (a story that loads but can strand the player is stopped too)."""

    story: Story | None
    engine: Engine | None
    problems: list[str]
    note: str | None = None  # about the player's place, when it had to change
    errors: int = 0
    warnings: int = 0

    @property
    def ok(self) -> bool:
        return self.story is not None


def counts(errors: int, warnings: int) -> str:
    """`1 error, 2 warnings`."""
    return (f"{errors} error{'' if errors == 1 else 's'}, "
            f"{warnings} warning{'' if warnings == 1 else 's'}")


class StoryWatcher:
    def __init__(self, root: Path | str, max_states: int = DEFAULT_MAX_STATES):
        self.root = Path(root)
        self.max_states = max_states
        self.stamp = self._stamp()

    def _stamp(self) -> tuple:
        stamps = []
        for path in story_files(self.root) if self.root.is_dir() else []:
            try:
                info = path.stat()
            except OSError:
                continue
            stamps.append((str(path), info.st_mtime_ns, info.st_size))
        return tuple(stamps)

    def poll(self) -> bool:
        """True when a story file was added, removed or saved since the last poll."""
        stamp = self._stamp()
        if stamp == self.stamp:
            return False
        self.stamp = stamp
        return True

    def check(self) -> Check:
        """Load the story and run every check `tulayev validate` runs. Safe in a worker
        thread: it reads files and builds a new story, and changes nothing shared."""
        try:
            story = load_story(self.root)
        except StoryError as error:
            return Check(None, list(error.problems))
        return Check(story, all_problems(story, self.max_states))

    def apply(self, check: Check, state: PlayState | None) -> Reload:
        """Turn a check into a reload, fitting `state` to the new story (UI thread only)."""
        lines = [str(p) for p in sorted(check.problems, key=lambda p: (not p.is_error, p))]
        if check.story is None or check.errors:
            return Reload(None, None, lines, errors=check.errors, warnings=check.warnings)
        engine = Engine(check.story)
        note = keep_place(engine, state) if state is not None else None
        return Reload(check.story, engine, lines, note, check.errors, check.warnings)

    def reload(self, state: PlayState | None) -> Reload:
        """Check and apply in one go (for callers without a worker)."""
        return self.apply(self.check(), state)


def keep_place(engine: Engine, state: PlayState) -> str | None:
    """Fit the state to an edited story: keep scene and meters, add new flags with their
    defaults. Returns a note when the player could not stay where they were."""
    if state.arc is None:
        return None
    if not engine.story.has_arc(state.arc):
        lost = state.arc
        state.arc = state.scene = None
        return f"the arc {lost!r} is gone from the story"
    arc = engine.story.arc(state.arc)
    for name, value in arc.initial_values(state.opening.get("case", {})).items():
        state.values.setdefault(name, value)
    if state.scene not in arc.scenes:
        lost = state.scene
        engine.start_arc(state, arc.id)
        return f"the scene {lost!r} is gone; back to the start of {arc.title!r}"
    return None
