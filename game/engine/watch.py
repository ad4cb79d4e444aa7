"""Live reload for authors: notice saved story files, reload, and keep the player's place.

Polls file modification times (no extra dependency, works on every filesystem); the UI calls
`poll()` a few times a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from game.engine.machine import Engine
from game.engine.state import PlayState
from game.story import Story, StoryError, load_story
from game.story.locate import story_files


@dataclass
class Reload:
    """The outcome of a reload: a new story and engine, or the problems that stopped it."""

    story: Story | None
    engine: Engine | None
    problems: list[str]
    note: str | None = None  # about the player's place, when it had to change

    @property
    def ok(self) -> bool:
        return self.story is not None


class StoryWatcher:
    def __init__(self, root: Path | str):
        self.root = Path(root)
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

    def reload(self, state: PlayState | None) -> Reload:
        try:
            story = load_story(self.root)
        except StoryError as error:
            return Reload(None, None, [str(p) for p in error.problems])
        engine = Engine(story)
        note = keep_place(engine, state) if state is not None else None
        return Reload(story, engine, [str(w) for w in story.warnings], note)


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
