"""Loading the story for a command: every problem printed as its one line, or the story."""

from __future__ import annotations

import sys
from pathlib import Path


def load_or_report(story_dir: str | None):
    """Load the story, or print every error line and return None."""
    from game.story import StoryError, load_story
    from game.story.locate import default_story_dir

    root = Path(story_dir) if story_dir else default_story_dir()
    try:
        return load_story(root)
    except StoryError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        errors = sum(p.is_error for p in error.problems)
        print(f"{errors} error(s): the story was not loaded", file=sys.stderr)
        return None
