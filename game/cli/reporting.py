"""Loading the story for a command: every problem printed as its one line, or the story."""

from __future__ import annotations

import sys
from pathlib import Path


def load_or_report(story_dir: str | None, cached: bool = False):
    """Load the story, or print every error line and return None. `cached`: through the
    cache of compiled stories (as the game starts: no YAML node trees kept in memory, for
    commands that need the story but not the loader's warnings)."""
    from game.story import StoryError, load_story
    from game.story.locate import default_story_dir

    root = Path(story_dir) if story_dir else default_story_dir()
    try:
        if cached:
            from game.engine.storycache import load_story_cached

            return load_story_cached(root)
        return load_story(root)
    except StoryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.is_error for p in error.problems)
        print(f"{errors} error(s): the story was not loaded", file=sys.stderr)
        return None
