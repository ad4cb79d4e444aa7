"""The story layer: immutable, validated story data loaded from YAML.

Nothing here imports the engine or the UI.
"""

from game.story.loader import load_story
from game.story.model import Arc, Choice, Ending, Scene, Story
from game.story.problems import Problem, StoryError

__all__ = ["Arc", "Choice", "Ending", "Problem", "Scene", "Story", "StoryError", "load_story"]
