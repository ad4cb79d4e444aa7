"""Play without reading and checking the same story files again: a cache of compiled stories.

Once a story folder has loaded cleanly, its compiled form (`game.story.compiled`) is kept
as JSON in the user's cache folder, named by a digest of everything it was made from: every
story file's path and bytes, the folder as given, and the source of the story layer itself.
Any change to any of those gives a new digest, so a cached story is never stale; the next
start reads the JSON instead of the YAML, and the game starts without the YAML parser or
pydantic in memory.

The cache is an optimisation only: when it cannot be read or written (a read-only home,
a damaged file) the story is loaded from its files as before. `TULAYEV_CACHE=off` turns it
off; `TULAYEV_CACHE=DIR` puts it elsewhere.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from game.story.model import Story

ENV_VAR = "TULAYEV_CACHE"
KEEP = 8  # compiled stories kept; older ones are removed when a new one is written
MAX_CACHE_BYTES = 256 * 1024 * 1024
_STORY_PACKAGE = Path(__file__).resolve().parents[1] / "story"


def cache_dir() -> Path | None:
    """Where compiled stories are kept, or None when the cache is off."""
    setting = os.environ.get(ENV_VAR, "")
    if setting.lower() in ("off", "0", "no", "false"):
        return None
    if setting:
        return Path(setting).expanduser()
    cache_home = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(cache_home) / "tulayev"


def story_digest(root: Path) -> str | None:
    """A digest of the story folder's files and of the code that compiles them, or None
    when the folder cannot be read whole (the loader will say why)."""
    from game.story.locate import MAX_FILE_BYTES, story_files

    digest = hashlib.sha256()
    for source in sorted(_STORY_PACKAGE.glob("*.py")):
        digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    digest.update(os.fspath(root).encode("utf-8", "surrogateescape") + b"\0")
    try:
        for path in story_files(root):
            if path.stat().st_size > MAX_FILE_BYTES:
                return None
            digest.update(os.fspath(path.relative_to(root)).encode("utf-8", "surrogateescape"))
            digest.update(b"\0" + path.read_bytes() + b"\0")
    except OSError:
        return None
    return digest.hexdigest()


def load_story_cached(root: str | Path) -> Story:
    """The story under `root`, from the cache when its files are unchanged since they last
    loaded cleanly; else loaded and checked from the files (raising StoryError as
    `load_story` does) and then cached."""
    root = Path(root)
    folder = cache_dir()
    digest = story_digest(root) if folder is not None and root.is_dir() else None
    if digest is not None:
        story = _read(folder / f"story-{digest}.json")
        if story is not None:
            return story
    from game.story.loader import load_story

    story = load_story(root)
    if digest is not None:
        _write(folder, folder / f"story-{digest}.json", story)
    return story


def _read(path: Path) -> Story | None:
    from game.engine.jsonfile import read_json_file
    from game.story.compiled import CompiledStoryError, from_data

    if not path.is_file():
        return None
    try:
        return from_data(read_json_file(path, max_bytes=MAX_CACHE_BYTES,
                                        noun="compiled story", error=CompiledStoryError))
    except CompiledStoryError:
        _remove(path)
        return None


def _write(folder: Path, path: Path, story: Story) -> None:
    import json

    from game.engine.saves import atomic_write_text
    from game.story.compiled import to_data

    try:
        atomic_write_text(path, json.dumps(to_data(story), ensure_ascii=False,
                                           separators=(",", ":")))
        kept = sorted(folder.glob("story-*.json"), key=_modified, reverse=True)
    except OSError:
        return
    for old in kept[KEEP:]:
        _remove(old)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


def _remove(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass
