"""Event logs: one JSON object per line, appended and flushed as play happens.

Writing: the engine's typed events (`game.engine.events`) carry all a log needs (how an arc
was opened, so a log can be replayed exactly; the ending's prompts and the novel's ending, so
a transcript needs no story), and `Engine.record` adds the classroom's own (votes, the
facilitator's pauses). `EventLog` is a listener that writes each event's one JSON form.

Reading: `read_log` treats the file as untrusted: bounded size, line length and line count,
JSON only, every event checked against its model; any problem is one `path:line:col: what`
line. A last line cut short (the game was killed while writing it) is tolerated and noted.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, Literal

from game import __version__
from game.engine.events import Event
from game.engine.untrusted import bounded, parse_json, read_bounded, shape
from game.story.safetext import excerpt

LOG_FORMAT = "tulayev-log"
LOG_VERSION = 1
MAX_LOG_BYTES = 32 * 1024 * 1024
MAX_LINE_BYTES = 256 * 1024
MAX_EVENTS = 200_000

_TEXT = 20_000


class LogError(Exception):
    """A log that cannot be read or written; the message is one line."""


class EventLog:
    """Appends events to a JSON Lines file, one flushed line each. Use as a listener."""

    def __init__(self, path: Path | str, header: dict[str, Any] | None = None,
                 clock=time.monotonic, resume: bool = False):
        """Open `path` for appending; a new log starts with its `log_started` header, a
        resumed one (`resume`: a lesson taken up again) with a `log_resumed` line."""
        self.path = Path(path)
        self._clock = clock
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._stream: IO[str] | None = open(self.path, "a", encoding="utf-8")
        except OSError as error:
            raise LogError(f"{self.path}: cannot write the log "
                           f"({error.strerror or error})") from None
        self._start = clock()
        now = datetime.now(UTC).isoformat(timespec="seconds")
        if resume:
            self.write({"event": "log_resumed", "at": now})
        else:
            self.write({"event": "log_started", "format": LOG_FORMAT, "version": LOG_VERSION,
                        "at": now, "game": __version__, **(header or {})})

    def write(self, event: Event | dict[str, Any]) -> None:
        if self._stream is None:
            return
        if isinstance(event, Event):
            event = event.to_json()
        record = {**event, "t": round(self._clock() - self._start, 2)}
        self._stream.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n")
        self._stream.flush()

    __call__ = write

    def close(self) -> None:
        if self._stream is None:
            return
        self.write({"event": "log_closed"})
        try:
            os.fsync(self._stream.fileno())
        except OSError:
            pass
        self._stream.close()
        self._stream = None

    @property
    def closed(self) -> bool:
        return self._stream is None


# Reading -------------------------------------------------------------------------------------


@shape(ignore_unknown=True, defaults_optional=True)  # a newer game may add keys
@dataclass(kw_only=True, slots=True)
class _Event:
    event: str
    t: float | None = None


@dataclass(kw_only=True, slots=True)
class _Placed(_Event):
    arc: str | None = bounded(None, max_len=200)
    scene: str | None = bounded(None, max_len=200)
    meters: dict[str, int] = bounded(factory=dict, max_len=20)


@dataclass(kw_only=True, slots=True)
class LogStarted(_Event):
    format: str = bounded(max_len=100)
    version: int
    at: str = bounded("", max_len=100)
    game: str = bounded("", max_len=100)
    story: str = bounded("", max_len=1000)
    session: str | None = bounded(None, max_len=100)
    team: str | None = bounded(None, max_len=100)
    seat: str | None = bounded(None, max_len=200)
    mode: str | None = bounded(None, max_len=40)


@shape(ignore_unknown=True, defaults_optional=True)
@dataclass(kw_only=True, slots=True)
class Opening:
    case: dict[str, bool] = bounded(factory=dict, max_len=1000)
    scene: str | None = bounded(None, max_len=200)
    overrides: dict[str, bool | int] = bounded(factory=dict, max_len=1000)


@dataclass(kw_only=True, slots=True)
class ArcStarted(_Placed):
    title: str = bounded(max_len=_TEXT)
    accused: str = bounded("", max_len=_TEXT)
    dossier_lines: list[str] = bounded(factory=list, max_len=100)
    overrides: dict[str, bool | int] = bounded(factory=dict, max_len=1000)
    opening: Opening | None = None


@shape(ignore_unknown=True, defaults_optional=True)
@dataclass(kw_only=True, slots=True)
class Shown:
    choice: int = bounded(ge=1, le=99)
    text: str = bounded(max_len=_TEXT)
    available: bool
    locked: str | None = bounded(None, max_len=_TEXT)


@dataclass(kw_only=True, slots=True)
class SceneEntered(_Placed):
    title: str | None = bounded(None, max_len=_TEXT)
    choices: list[Shown] = bounded(factory=list, max_len=99)
    hidden: int = bounded(0, ge=0, le=99)


@dataclass(kw_only=True, slots=True)
class ChoiceTaken(_Placed):
    source: str = bounded(max_len=200)
    choice: int = bounded(ge=1, le=99)
    text: str = bounded(max_len=_TEXT)
    tag: str | None = bounded(None, max_len=40)
    deltas: dict[str, list[int]] = bounded(factory=dict, max_len=1000)
    seconds: float | None = bounded(None, ge=0)
    votes: list[int] | None = bounded(None, max_len=99)
    via: list[str] = bounded(factory=list, max_len=1000)  # routing scenes passed


@shape(ignore_unknown=True, defaults_optional=True)
@dataclass(kw_only=True, slots=True)
class NovelEnding:
    ending: str = bounded(max_len=200)
    title: str = bounded(max_len=_TEXT)
    kind: str = bounded(max_len=100)


@dataclass(kw_only=True, slots=True)
class EndingReached(_Placed):
    ending: str = bounded(max_len=200)
    title: str = bounded(max_len=_TEXT)
    kind: str = bounded(max_len=100)
    historical: bool = False
    prompts: list[str] = bounded(factory=list, max_len=100)
    novel: list[NovelEnding] = bounded(factory=list, max_len=100)
    in_novel: bool = True  # false for a file the novel does not have (logs before it: true)


@dataclass(kw_only=True, slots=True)
class Rewound(_Placed):
    to_choice: int = bounded(ge=1, le=100_000)
    abandoned: int = bounded(0, ge=0)


@dataclass(kw_only=True, slots=True)
class Vote(_Placed):
    votes: list[int] = bounded(max_len=99)
    choice: int = bounded(ge=1, le=99)
    leaders: list[int] = bounded(factory=list, max_len=99)
    # "facilitator": a tie the facilitator settled; "override": the facilitator chose, the
    # counts (if any hands were counted) kept as they stood.
    decided_by: Literal["majority", "facilitator", "unanimous", "override"] = "majority"
    countdown: int | None = bounded(None, ge=0)
    timed_out: bool = False


@dataclass(kw_only=True, slots=True)
class Undone(_Placed):
    """The last choice taken back (a slip of the hand), not a what-if."""

    choice: int = bounded(ge=1, le=100_000)
    text: str = bounded("", max_len=_TEXT)


@dataclass(kw_only=True, slots=True)
class Facilitator(_Placed):
    action: Literal["notes", "meters", "pause", "resume"]
    on: bool | None = None
    prompt: str | None = bounded(None, max_len=_TEXT)
    seconds: float | None = None


@dataclass(kw_only=True, slots=True)
class LogClosed(_Event):
    pass


@dataclass(kw_only=True, slots=True)
class LogResumed(_Event):
    at: str = bounded("", max_len=100)


EVENT_MODELS: dict[str, type[_Event]] = {
    "log_started": LogStarted, "arc_started": ArcStarted, "scene_entered": SceneEntered,
    "choice_taken": ChoiceTaken, "ending_reached": EndingReached, "rewound": Rewound,
    "vote": Vote, "facilitator": Facilitator, "log_closed": LogClosed, "undone": Undone,
    "log_resumed": LogResumed,
}


@dataclass
class LogLine:
    line: int
    event: _Event


@dataclass
class LogData:
    path: Path
    header: LogStarted
    lines: list[LogLine] = field(default_factory=list)
    truncated: bool = False   # the last line was cut short (the game stopped mid-write)
    closed: bool = False      # the game closed the log itself


def parse_line(path: Path, number: int, raw: str | bytes) -> _Event:
    """One line of a log as its event; LogError (`path:line:col: ...`) on anything else."""
    document = parse_json(raw, label=str(path), error=LogError, invalid="not JSON",
                          first_line=number)
    data = document.value
    if not isinstance(data, dict):
        raise document.problem((), "an event must be a JSON object, not "
                                   f"{type(data).__name__}")
    name = data.get("event")
    if not isinstance(name, str):
        raise document.problem(("event",), "the object has no \"event\" name")
    model = EVENT_MODELS.get(name)
    if model is None:
        raise document.problem(("event",), f"unknown event {excerpt(name)!r}")
    return document.check(model, prefix=f"{name}: ")


def _check_header(path: Path, number: int, raw: str | bytes, event: _Event) -> None:
    """LogError, at the key that is wrong, unless `event` is this game's log header in a
    format it reads."""
    if isinstance(event, LogStarted) and event.format == LOG_FORMAT and \
            event.version <= LOG_VERSION:
        return
    document = parse_json(raw, label=str(path), error=LogError, first_line=number)
    if not isinstance(event, LogStarted):
        raise document.problem(("event",), f"not a {LOG_FORMAT} event log (the first line "
                                           "must be its log_started header)")
    if event.format != LOG_FORMAT:
        raise document.problem(("format",), f"not a {LOG_FORMAT} event log")
    raise document.problem(("version",), f"written by a newer version of the game (log format "
                                         f"{event.version}; this one reads up to "
                                         f"{LOG_VERSION}): update the game to read it")


def read_header(path: Path) -> LogStarted:
    """A log's `log_started` header alone (its first line), for finding a team's log."""
    try:
        with open(path, "rb") as stream:
            first = stream.readline(MAX_LINE_BYTES + 1)
    except OSError as error:
        raise LogError(f"{path}: cannot read ({error.strerror or error})") from None
    event = parse_line(path, 1, first)
    _check_header(path, 1, first, event)
    return event


def read_log(path: Path | str) -> LogData:
    path = Path(path)
    raw_bytes = read_bounded(path, max_bytes=MAX_LOG_BYTES, noun="log", error=LogError)
    if not raw_bytes.strip():
        raise LogError(f"{path}:1:1: the log is empty")
    raw_lines = raw_bytes.split(b"\n")
    ends_cleanly = raw_lines[-1] == b""
    if ends_cleanly:
        raw_lines.pop()
    if len(raw_lines) > MAX_EVENTS:
        raise LogError(f"{path}:{MAX_EVENTS + 1}:1: too many lines for a log "
                       f"(at most {MAX_EVENTS:,})")
    data: LogData | None = None
    for number, raw in enumerate(raw_lines, 1):
        last = number == len(raw_lines)
        if len(raw) > MAX_LINE_BYTES:
            raise LogError(f"{path}:{number}:1: line too long for an event ({len(raw):,} bytes)")
        if not raw.strip():
            if last:
                continue
            raise LogError(f"{path}:{number}:1: empty line (each line must be one event)")
        try:
            event = parse_line(path, number, raw)
        except LogError:
            if last and not ends_cleanly and data is not None:
                data.truncated = True   # cut short mid-write: keep what came before
                break
            raise
        if data is None:
            _check_header(path, number, raw, event)
            data = LogData(path, event)
            continue
        if isinstance(event, LogStarted):
            raise LogError(f"{path}:{number}:1: a second log_started header in one log")
        if isinstance(event, LogClosed):
            data.closed = True
        elif isinstance(event, LogResumed):
            data.closed = False
        data.lines.append(LogLine(number, event))
    if data is None:
        raise LogError(f"{path}:1:1: the log is empty")
    return data
