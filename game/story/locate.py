"""Where a story lives: the shipped one (`scenes/` in a checkout, or package data), and the
files that make up any story folder."""

from __future__ import annotations

import os
from pathlib import Path

ENV_VAR = "TULAYEV_STORY"
MAX_FILE_BYTES = 2 * 1024 * 1024  # one story file; larger ones are refused, not read
MAX_FILES = 5_000  # files in one story folder
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


def story_files(root: Path) -> list[Path]:
    """Every `*.yaml` / `*.yml` file under `root`, skipping hidden folders, in a stable order."""
    files = [p for p in root.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file()
             and not any(part.startswith(".") for part in p.relative_to(root).parts)]
    return sorted(files)


def outside(root: Path, path: Path) -> bool:
    """Whether `path` (a link, or in a linked folder) resolves to a file outside `root`."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a broken or looping link
        return True
