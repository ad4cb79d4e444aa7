"""The story layer: immutable, validated story data loaded from YAML.

Nothing here imports the engine or the UI. `load_story` (and pydantic with it) is imported
on first use, so that a front end can draw its first screen before the story is read.
"""

from game.story.model import Arc, Choice, Ending, Scene, Story
from game.story.problems import Problem, StoryError

__all__ = ["Arc", "Choice", "Ending", "Problem", "Scene", "Story", "StoryError", "load_story"]


def __getattr__(name: str):
    if name == "load_story":
        from game.story.loader import load_story

        return load_story
    raise AttributeError(f"module 'game.story' has no attribute {name!r}")
