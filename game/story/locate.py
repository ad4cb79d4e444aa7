"""Where the shipped story lives: `scenes/` in a source checkout, or package data."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TULAYEV_STORY"
_PACKAGE = Path(__file__).resolve().parents[1]


def default_story_dir() -> Path:
    """`TULAYEV_STORY`, else the checkout's `scenes/`, else the copy installed as
    `game/scenes/` by `pip install .`."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    checkout = _PACKAGE.parent / "scenes"
    if (checkout / "story.yaml").is_file() and (_PACKAGE.parent / "pyproject.toml").is_file():
        return checkout
    return _PACKAGE / "scenes"
