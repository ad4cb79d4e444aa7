"""Saves: versioned JSON files, written atomically, never overwritten by a failed load.

A save is written to a temporary file in the same folder, flushed and fsynced, then renamed
over the old one, and the folder is fsynced: a process killed at any moment leaves either the
old save or the new one, never a torn file. A slot whose current file cannot be read as one of
our saves (corrupt, foreign, or from a newer version) is never written over: named slots
refuse, and the autosave moves the unreadable file aside (kept, renamed) before writing.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.engine.state import PlayState
from game.engine.untrusted import Document, read_json_file
from game.story.meters import COUNTER_RANGE, METER_RANGE, METERS
from game.story.safetext import clean_line, excerpt

FORMAT = "tulayev-save"
VERSION = 1
AUTOSAVE = "autosave"
MAX_SAVE_BYTES = 5 * 1024 * 1024
SLOT_NAME = re.compile(r"[^\W_][\w -]{0,39}")  # letters of any alphabet, digits, space, _ -
ENV_VAR = "TULAYEV_SAVES"


class SaveError(Exception):
    """A save that cannot be read or written; the message is one line for the player."""

    def __init__(self, message: str):
        super().__init__(clean_line(str(message)))


@dataclass(frozen=True, slots=True)
class SlotInfo:
    name: str
    path: Path
    saved_at: str | None
    arc: str | None
    scene: str | None
    error: str | None = None
    label: str | None = None  # the slot's name as the player typed it

    @property
    def title(self) -> str:
        return self.label or self.name


def default_saves_dir() -> Path:
    """`TULAYEV_SAVES`, else `saves/` beside a source checkout, else the user's data folder."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and (checkout / "saves").is_dir():
        return checkout / "saves"
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "tulayev" / "saves"


def atomic_write_text(path: Path, text: str) -> None:
    """Write `text` to `path` so that a crash leaves the old file or the new, never half."""
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, path)
    except BaseException:
        try:
            os.unlink(temp_name)
        except FileNotFoundError:
            pass
        raise
    try:
        folder = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


STALE_SECONDS = 60  # a temporary file older than this is left from a save that was killed
_TEMPORARY = re.compile(r"\..+\.json\.[A-Za-z0-9_]{8}\.tmp")  # as atomic_write_text names them


def remove_stale_temporaries(folder: Path) -> int:
    """Remove the temporary files that saves killed mid-write left in `folder` (our naming
    only, and only once they are old enough not to belong to a save being written now).
    Returns how many were removed."""
    import time

    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        if not _TEMPORARY.fullmatch(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and \
                    now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed


class SaveStore:
    def __init__(self, folder: Path | str | None = None):
        self.folder = Path(folder) if folder is not None else default_saves_dir()
        remove_stale_temporaries(self.folder)

    def path_of(self, slot: str) -> Path:
        if not SLOT_NAME.fullmatch(slot):
            raise SaveError(f"{slot!r} is not a slot name: use up to 40 letters, digits, "
                            "spaces, '-' or '_'")
        return self.folder / f"{slot.strip().replace(' ', '_')}.json"

    def read(self, slot: str) -> PlayState:
        return read_save(self.path_of(slot))

    def write(self, slot: str, state: PlayState, story_title: str = "") -> Path:
        path = self.path_of(slot)
        if path.exists():
            try:
                read_save(path)
            except SaveError as error:
                if slot != AUTOSAVE:
                    raise SaveError(f"{path}: not overwritten, the file there is not a save "
                                    f"this game can read ({error}); move it away first") from None
                aside = path.with_name(f"{path.stem}.unreadable-"
                                       f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}.json")
                os.replace(path, aside)
        document = {
            "format": FORMAT, "version": VERSION, "slot": slot, "story": story_title,
            "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "state": state.to_dict(),
        }
        atomic_write_text(path, json.dumps(document, indent=1, ensure_ascii=False))
        return path

    def autosave(self, state: PlayState, story_title: str = "") -> Path:
        return self.write(AUTOSAVE, state, story_title)

    def slots(self) -> list[SlotInfo]:
        """Every save in the folder, newest first; unreadable ones carry their error."""
        if not self.folder.is_dir():
            return []
        infos = []
        for path in self.folder.glob("*.json"):
            if ".unreadable-" in path.name:
                continue
            try:
                document = _read_document(path)
                state = _state(document)
                slot = document.value.get("slot")
                saved_at = document.value.get("saved_at")
                infos.append(SlotInfo(path.stem, path,
                                      saved_at if isinstance(saved_at, str) else None,
                                      state.arc, state.scene,
                                      label=slot if isinstance(slot, str)
                                      and SLOT_NAME.fullmatch(slot) else None))
            except SaveError as error:
                infos.append(SlotInfo(path.stem, path, None, None, None, str(error)))
        infos.sort(key=lambda i: (i.saved_at or "", i.name), reverse=True)
        return infos

    def latest(self) -> SlotInfo | None:
        return next((i for i in self.slots() if i.error is None), None)

    def kept(self, slot: str = AUTOSAVE) -> str:
        """What a slot holds now, in words for a player whose last save failed: the game
        as it was when last saved there, and where; or that nothing is kept."""
        try:
            path = self.path_of(slot)
            document = _read_document(path)
            _state(document)
        except SaveError:
            return "no saved game of yours is kept"
        when = document.value.get("saved_at")
        when = f" at {when.replace('T', ' ')}" if isinstance(when, str) and len(when) < 40 else ""
        return f"your game as it was last saved{when} is kept in {path}"


def _read_document(path: Path) -> Document:
    """The save's envelope, checked: this game's format, a version it reads, a state."""
    document = read_json_file(path, max_bytes=MAX_SAVE_BYTES, noun="save", error=SaveError,
                              invalid="corrupt save")
    data = document.value
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise document.problem(("format",), "not a save of this game")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise document.problem(("version",), "save has no version number")
    if version < 1:
        raise document.problem(("version",), f"save has an unknown version number ({version})")
    if version > VERSION:
        raise document.problem(("version",), f"saved by a newer version of the game (format "
                               f"{version}; this one reads up to {VERSION}): update the game "
                               "to load it")
    if not isinstance(data.get("state"), dict):
        raise document.problem(("state",), "save holds no game state")
    return document


def read_save(path: Path) -> PlayState:
    return _state(_read_document(path))


def _state(document: Document) -> PlayState:
    state = document.check(PlayState, within=("state",), prefix="damaged save: ")
    problem = _out_of_bounds(state)
    if problem:
        steps, shown, message = problem
        where = ".".join(excerpt(str(step)) for step in ("state", *steps[:shown]))
        raise document.problem(("state", *steps), f"damaged save: {where}: {message}")
    return state


_NAME = re.compile(r"(case\.)?[A-Za-z_][A-Za-z0-9_]{0,63}")


def _out_of_bounds(state: PlayState) -> tuple[tuple, int, str] | None:
    """What in a well-typed state no game could have written, or None: names that are not
    ids, meters that are not numbers from 0 to 100, numbers outside the counters' range.
    Returned as (where in the state, how many of its steps to name, what is wrong): a name
    that is a key is located at the key, and named by the table it is in."""
    names = [(("arc",), 1, state.arc), (("scene",), 1, state.scene)]
    names += [(("visited", i), 2, scene) for i, scene in enumerate(state.visited)]
    names += [(("case", key), 1, key) for key in state.case]
    names += [(("results", key), 1, key) for key in state.results]
    for where, shown, name in names:
        if name is not None and not _NAME.fullmatch(name):
            return where, shown, f"{excerpt(name)!r} is not an id"
    meter_sets = [(("values",), state.values), (("start_meters",), state.start_meters)]
    meter_sets += [(("history", i, "meters"), step.meters)
                   for i, step in enumerate(state.history)]
    for where, values in meter_sets:
        for name, value in values.items():
            if not _NAME.fullmatch(name):
                return (*where, name), len(where), f"{excerpt(name)!r} is not a name"
            span = METER_RANGE if name in METERS else COUNTER_RANGE
            if name in METERS and (isinstance(value, bool) or not isinstance(value, int)):
                return (*where, name), len(where) + 1, "expected a whole number"
            if isinstance(value, int) and not isinstance(value, bool) and not (
                    span[0] <= value <= span[1]):
                return (*where, name), len(where) + 1, \
                    f"{value} is outside {span[0]} to {span[1]}"
    for i, step in enumerate(state.history):
        for name, change in step.deltas.items():
            if len(change) != 2:
                return ("history", i, "deltas", name), 4, "expected [before, after]"
    for key, result in state.results.items():
        if result.obeyed < 0 or result.betrayed < 0:
            return ("results", key), 2, "a negative count"
    return None
