"""The story layer: immutable, validated story data loaded from YAML.

Nothing here imports the engine or the UI. Names are imported on first use, so that a front
end can draw its first screen before anything heavy (pydantic, the loader) is loaded.
"""

__all__ = ["Arc", "Choice", "Ending", "Problem", "Scene", "Story", "StoryError", "load_story"]

_HOMES = {
    "Arc": "game.story.model", "Choice": "game.story.model", "Ending": "game.story.model",
    "Scene": "game.story.model", "Story": "game.story.model",
    "Problem": "game.story.problems", "StoryError": "game.story.problems",
    "load_story": "game.story.loader",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'game.story' has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(home), name)
