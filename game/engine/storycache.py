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
import re
import sys
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
    when the folder cannot be read whole or is too big to be a story (the loader will say
    why). Every part is length-prefixed, so no two different folders share a digest."""
    from game.story.locate import MAX_FILE_BYTES, MAX_FILES, outside, story_files

    digest = hashlib.sha256()

    def part(data: bytes) -> None:
        digest.update(len(data).to_bytes(8, "big") + data)

    part(sys.version.encode())
    for library in _CHECKING_LIBRARIES:  # their behaviour is part of what was checked
        part(_installed(library).encode())
    for source in sorted(_STORY_PACKAGE.glob("*.py")):
        part(source.name.encode())
        part(source.read_bytes())
    part(os.fsencode(root))
    try:
        files = story_files(root)
        if len(files) > MAX_FILES:
            return None
        for path in files:
            if outside(root, path) or path.stat().st_size > MAX_FILE_BYTES:
                return None
            part(os.fsencode(path.relative_to(root)))
            part(path.read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


_CHECKING_LIBRARIES = ("pydantic", "pydantic_core", "yaml")


def _installed(name: str) -> str:
    """Where a library is installed and when its files were written: changes when it is
    upgraded, without importing it."""
    import importlib.util

    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        spec = None
    if spec is None or not spec.origin:
        return f"{name}: not installed"
    try:
        stat = os.stat(spec.origin)
    except OSError:
        return f"{name}: {spec.origin}"
    return f"{name}: {spec.origin} {stat.st_size} {stat.st_mtime_ns}"


def load_story_cached(root: str | Path, *, apart: bool = False) -> Story:
    """The story under `root`, from the cache when its files are unchanged since they last
    loaded cleanly; else loaded and checked from the files (raising StoryError as
    `load_story` does) and then cached.

    With `apart`, a story not in the cache is read and checked by a child process
    (`python -m game.engine.storycache ROOT`) that fills the cache, so that the YAML parser
    and pydantic never enter this process: the game's memory stays that of a cached start.
    """
    root = Path(root)
    folder = cache_dir()
    digest = story_digest(root) if folder is not None and root.is_dir() else None
    if digest is not None:
        story = _read(_entry(folder, digest))
        if story is None and apart and _compile_apart(root, folder):
            story = _read(_entry(folder, digest))
        if story is not None:
            return story
    from game.story.loader import load_story

    story = load_story(root)
    if digest is not None:
        _write_if_unchanged(folder, root, digest, story)
    return story


def _entry(folder: Path, digest: str) -> Path:
    return folder / f"story-{digest}.json"


def _write_if_unchanged(folder: Path, root: Path, digest: str, story: Story) -> bool:
    """Cache `story` under `digest`, unless a file changed while it was being read (the
    story would then not be the one the digest names)."""
    if story_digest(root) != digest:
        return False
    _write(folder, _entry(folder, digest), story)
    return _entry(folder, digest).is_file()


def _compile_apart(root: Path, folder: Path) -> bool:
    """Run the child that checks and caches the story. True when it cached it; StoryError
    (with the child's problems) when the story has errors; False when the child could not
    do its work (the caller then loads the story itself)."""
    import json
    import subprocess

    from game.story.problems import Problem, StoryError

    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    if not os.access(folder, os.W_OK):
        return False
    package_parent = str(Path(__file__).resolve().parents[2])
    path = os.environ.get("PYTHONPATH")
    env = {**os.environ, ENV_VAR: str(folder),
           "PYTHONPATH": package_parent + (os.pathsep + path if path else "")}
    try:
        # -P: the working folder is not put on the import path (it may hold a `game` of
        # its own); the game's own folder is, through PYTHONPATH.
        child = subprocess.run([sys.executable, "-P", "-m", "game.engine.storycache",
                                os.fspath(root)],
                               capture_output=True, text=True, env=env, timeout=600,
                               stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return False
    if child.returncode == 0:
        return True
    if child.returncode == _STORY_HAS_ERRORS:
        try:
            problems = [Problem(*item) for item in json.loads(child.stdout)]
        except (ValueError, TypeError):
            return False
        raise StoryError(problems)
    return False


_STORY_HAS_ERRORS = 3


def _main(argv: list[str]) -> int:
    """The child of `load_story_cached(apart=True)`: check the story under argv[0] and cache
    it; exit 0 when cached, 3 with the problems as JSON on stdout when it has errors."""
    import json

    from game.story.loader import load_story
    from game.story.problems import StoryError

    root = Path(argv[0])
    folder, digest = cache_dir(), story_digest(root)
    if folder is None or digest is None:
        return 1
    try:
        story = load_story(root)
    except StoryError as error:
        print(json.dumps([[p.path, p.line, p.col, p.message, p.severity]
                          for p in error.problems]))
        return _STORY_HAS_ERRORS
    return 0 if _write_if_unchanged(folder, root, digest, story) else 1


def _read(path: Path) -> Story | None:
    from game.engine.untrusted import read_json_file
    from game.story.compiled import CompiledStoryError, from_data

    if not path.is_file():
        return None
    try:
        story = from_data(read_json_file(path, max_bytes=MAX_CACHE_BYTES,
                                         noun="compiled story", error=CompiledStoryError).value)
    except CompiledStoryError:
        _remove(path)
        return None
    try:
        os.utime(path)  # recently used: pruned last
    except OSError:
        pass
    return story


def _write(folder: Path, path: Path, story: Story) -> None:
    import json

    from game.engine.saves import atomic_write_text
    from game.story.compiled import to_data

    try:
        # ASCII: paths that are not valid UTF-8 (kept as surrogates) survive the round trip.
        atomic_write_text(path, json.dumps(to_data(story), separators=(",", ":")))
        kept = sorted((entry for entry in folder.glob("story-*.json")
                       if _ENTRY_NAME.fullmatch(entry.name)), key=_modified, reverse=True)
    except (OSError, ValueError):
        return
    for old in kept[KEEP:]:
        _remove(old)


_ENTRY_NAME = re.compile(r"story-[0-9a-f]{64}\.json")


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


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
