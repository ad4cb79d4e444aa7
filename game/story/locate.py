"""Where the shipped story lives: `scenes/` in a source checkout, or package data."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

ENV_VAR = "TULAYEV_STORY"


def default_story_dir() -> Path:
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    checkout = Path(__file__).resolve().parents[2] / "scenes"
    if (checkout / "story.yaml").is_file():
        return checkout
    return Path(str(resources.files("game.scenes")))
