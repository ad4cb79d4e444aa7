"""A class session: its teams, the arc each team plays, the mode, and its folder.

`session.json` is rewritten atomically; it is read as untrusted input (a teacher may edit it
by hand), so every problem comes back as one line with the file's path.
"""

from __future__ import annotations

import json
import random
import re
import secrets
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from game.engine.saves import atomic_write_text
from game.engine.untrusted import bounded, read_json_file, shape

FORMAT = "tulayev-class"
VERSION = 1
SESSION_FILE = "session.json"
CLASSES = "classes"
LOGS = "logs"
PLAYERS = "players"
MODES = ("hotseat", "parallel")
TURNS = ("arc", "choice")
MAX_TEAMS = 60
MAX_SESSION_BYTES = 256 * 1024
MAX_COUNTDOWN = 3600
SESSION_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")


class SessionError(Exception):
    """A session that cannot be made, found or read; the message is one line."""


class SessionFileError(SessionError):
    """A session file that cannot be read; the message starts with `path[:line:col]:`."""


MAX_STUDENTS = 12


@dataclass(frozen=True, slots=True)
class Team:
    name: str
    arc: str
    students: tuple[str, ...] = ()  # optional: the names of the team's students


@dataclass(frozen=True, slots=True)
class Seat:
    """One game's place in a session: its log file and its own saves folder."""

    id: str
    team: str | None
    log_path: Path
    saves_dir: Path


@dataclass
class Session:
    name: str
    folder: Path
    mode: str = "hotseat"
    teams: tuple[Team, ...] = ()
    countdown: int | None = None   # seconds to discuss each choice before the vote
    turns: str = "arc"             # hot seat: a team plays its whole file, or one choice each
    show_notes: bool = False       # facilitator notes on screen from the start
    show_meters: bool = True
    story: str = ""
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(
        timespec="seconds"))
    excluded: tuple[str, ...] = ()  # log file names the facilitator left out of the debrief
    released: bool = False          # the novel's endings shown to teams still playing

    def debrief_logs(self) -> list[Path]:
        """The logs the debrief reads: every log but those the facilitator excluded."""
        return [p for p in self.log_paths() if p.name not in self.excluded]

    def latest_log(self, team: str) -> Path | None:
        """The newest readable log of `team` (any mode), or None."""
        return self.latest_logs().get(team.casefold())

    def latest_logs(self) -> dict[str, Path]:
        """The newest readable log of each team (by its casefolded name), headers read once."""
        from game.classroom.eventlog import LogError, read_header

        latest: dict[str, Path] = {}
        for path in self.log_paths():
            try:
                header = read_header(path)
            except LogError:
                continue
            if header.team:
                latest[header.team.casefold()] = path
        return latest

    @property
    def path(self) -> Path:
        return self.folder / SESSION_FILE

    @property
    def logs_dir(self) -> Path:
        return self.folder / LOGS

    def team(self, name: str) -> Team:
        for team in self.teams:
            if team.name.casefold() == name.casefold():
                return team
        names = ", ".join(t.name for t in self.teams) or "none"
        raise SessionError(f"session {self.name!r} has no team {name!r} (teams: {names})")

    def log_paths(self) -> list[Path]:
        """Every event log of the session, oldest first (the names start with the time)."""
        if not self.logs_dir.is_dir():
            return []
        return sorted(p for p in self.logs_dir.glob("*.jsonl") if p.is_file())

    def new_seat(self, team: str | None) -> Seat:
        """A fresh place for one game: a log file name nobody else has, and a saves folder."""
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        seat_id = f"{stamp}-{slug(team) if team else 'player'}-{secrets.token_hex(3)}"
        return Seat(seat_id, team, self.logs_dir / f"{seat_id}.jsonl",
                    self.folder / PLAYERS / seat_id)

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": VERSION, "name": self.name, "mode": self.mode,
            "turns": self.turns, "countdown": self.countdown, "show_notes": self.show_notes,
            "show_meters": self.show_meters, "story": self.story, "created_at": self.created_at,
            "teams": [{"name": t.name, "arc": t.arc, **({"students": list(t.students)}
                                                         if t.students else {})}
                      for t in self.teams],
            "excluded": list(self.excluded), "released": self.released,
        }

    def save(self) -> None:
        atomic_write_text(self.path, json.dumps(self.to_dict(), indent=1, ensure_ascii=False)
                          + "\n")


def slug(text: str) -> str:
    """A file-name-safe version of a team name: `Team Red!` -> `team-red`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return cleaned[:24] or "team"


def team_words(name: str, capital: bool = True) -> str:
    """How running text names a team: `Team Red`, but `Team 1` (not `Team Team 1`)."""
    if name.casefold().startswith("team"):
        return name
    return f"{'Team' if capital else 'team'} {name}"


def _check_name(name: str, what: str, limit: int) -> str:
    """A name typed by a person: spaces tidied, not empty, not too long, no control
    characters (it reaches screens, files and logs)."""
    name = " ".join(name.split())
    if not name:
        raise SessionError(f"a {what} name cannot be empty" if what == "team"
                           else f"a {what}'s name cannot be empty")
    if len(name) > limit:
        raise SessionError(f"{what} name {name[:40]!r}... is too long ({limit} characters "
                           "at most)")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise SessionError(f"{what} name {name!r} has control characters")
    return name


def check_team_name(name: str) -> str:
    return _check_name(name, "team", 40)


def check_student_name(name: str) -> str:
    return _check_name(name, "student", 60)


def parse_students_spec(spec: str) -> tuple[str, tuple[str, ...]]:
    """`Red=Ana, Ben` -> ("Red", ("Ana", "Ben"))."""
    team, sep, names = spec.partition("=")
    if not sep or not team.strip():
        raise SessionError(f"--students {spec!r}: write TEAM=NAME, NAME, ...")
    students = tuple(check_student_name(n) for n in names.split(",") if n.strip())
    if len(students) > MAX_STUDENTS:
        raise SessionError(f"--students {team.strip()}: at most {MAX_STUDENTS} names")
    return " ".join(team.split()), students


def check_session_name(name: str) -> str:
    if not SESSION_NAME.match(name):
        raise SessionError(f"{name!r} is not a session name: use up to 40 letters, digits, "
                           "'-' or '_', starting with a letter or digit (e.g. 9B-tuesday)")
    return name


def classes_dir(saves_dir: Path | str) -> Path:
    return Path(saves_dir) / CLASSES


def parse_team_spec(spec: str) -> tuple[str, str | None]:
    """`Red=erchov` -> ("Red", "erchov"); `Red` -> ("Red", None)."""
    name, sep, arc = spec.partition("=")
    arc = arc.strip()
    if sep and not arc:
        raise SessionError(f"--team {spec!r}: write NAME=ARC, or just NAME for a random arc")
    return check_team_name(name), arc or None


def assign_arcs(specs: list[tuple[str, str | None]], pool: list[str], arc_ids: list[str],
                seed: int | None = None) -> tuple[Team, ...]:
    """Teams for `specs`: arcs given by hand are checked; the others are dealt from `pool`
    at random, each arc once before any arc twice, hand-picked arcs counted as dealt."""
    if not specs:
        raise SessionError("a session needs at least one team (--team NAME or --teams N)")
    if len(specs) > MAX_TEAMS:
        raise SessionError(f"{len(specs)} teams is too many (at most {MAX_TEAMS})")
    seen: set[str] = set()
    for name, arc in specs:
        if name.casefold() in seen:
            raise SessionError(f"two teams are called {name!r}; give each a different name")
        seen.add(name.casefold())
        if arc is not None and arc not in arc_ids:
            raise SessionError(f"team {name!r}: no arc {arc!r} (arcs: {', '.join(arc_ids)})")
    for arc in pool:
        if arc not in arc_ids:
            raise SessionError(f"--arcs: no arc {arc!r} (arcs: {', '.join(arc_ids)})")
    if not pool:
        raise SessionError("no arcs to deal from")
    rng = random.Random(seed)
    counts = {arc: 0 for arc in pool}
    for _, arc in specs:
        if arc in counts:
            counts[arc] += 1
    teams = []
    for name, arc in specs:
        if arc is None:
            fewest = min(counts.values())
            arc = rng.choice([a for a in pool if counts[a] == fewest])
            counts[arc] += 1
        teams.append(Team(name, arc))
    return tuple(teams)


def create_session(saves_dir: Path | str, name: str, teams: tuple[Team, ...], *,
                   mode: str = "hotseat", turns: str = "arc", countdown: int | None = None,
                   show_notes: bool = False, show_meters: bool = True, story: str = "",
                   replace: bool = False) -> Session:
    check_session_name(name)
    if mode not in MODES:
        raise SessionError(f"mode must be one of {', '.join(MODES)}, not {mode!r}")
    if turns not in TURNS:
        raise SessionError(f"turns must be one of {', '.join(TURNS)}, not {turns!r}")
    if countdown is not None and not 1 <= countdown <= MAX_COUNTDOWN:
        raise SessionError(f"the countdown must be 1 to {MAX_COUNTDOWN} seconds")
    folder = classes_dir(saves_dir) / name
    if (folder / SESSION_FILE).exists() and not replace:
        raise SessionError(f"{folder}: a session called {name!r} already exists "
                           "(choose another name, or --replace to set it up again)")
    session = Session(name, folder, mode, tuple(teams), countdown, turns, show_notes,
                      show_meters, story)
    try:
        session.save()
        session.logs_dir.mkdir(exist_ok=True)
    except OSError as error:
        raise SessionError(f"{folder}: cannot write the session "
                           f"({error.strerror or error})") from None
    return session


@shape(defaults_optional=True)
@dataclass(slots=True)
class _TeamFile:
    """A team as session.json holds it."""

    name: str = bounded(min_len=1, max_len=40)
    arc: str = bounded(min_len=1, max_len=100)
    students: list[str] = bounded(factory=list, max_len=MAX_STUDENTS)


@shape(ignore_unknown=True, defaults_optional=True)
@dataclass(slots=True)
class _SessionFile:
    """session.json as it is read (the session's name is its folder's, not the file's)."""

    format: str
    version: int
    name: str
    mode: str = bounded(one_of=MODES)
    teams: list[_TeamFile] = bounded(max_len=MAX_TEAMS)
    turns: str = bounded("arc", one_of=TURNS)
    countdown: int | None = bounded(None, ge=1, le=MAX_COUNTDOWN)
    show_notes: bool = False
    show_meters: bool = True
    story: str = bounded("", max_len=1000)
    created_at: str = bounded("", max_len=100)
    excluded: list[str] = bounded(factory=list, max_len=10_000)
    released: bool = False


def find_session(ref: str | Path, saves_dir: Path | str) -> Path:
    """The folder of session `ref`: a name under `<saves>/classes/`, or a folder path, or
    the path of its session.json."""
    text = str(ref)
    path = Path(text).expanduser()
    if path.name == SESSION_FILE and path.is_file():
        return path.parent
    if (path / SESSION_FILE).is_file():
        return path
    if SESSION_NAME.match(text):
        folder = classes_dir(saves_dir) / text
        if (folder / SESSION_FILE).is_file():
            return folder
    known = [s.name for s in list_sessions(saves_dir)]
    hint = f" (sessions: {', '.join(known)})" if known else " (there are no sessions yet)"
    raise SessionError(f"no session {text!r} in {classes_dir(saves_dir)}{hint}; "
                       "make one with: tulayev class new NAME")


def load_session(ref: str | Path, saves_dir: Path | str) -> Session:
    folder = find_session(ref, saves_dir)
    return read_session(folder / SESSION_FILE)


def read_session(path: Path) -> Session:
    document = read_json_file(path, max_bytes=MAX_SESSION_BYTES, noun="session file",
                              error=SessionFileError)
    data = document.value
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise document.problem(("format",), "not a class session file")
    if isinstance(data.get("version"), int) and data["version"] > VERSION:
        raise document.problem(("version",), f"written by a newer version of the game (format "
                               f"{data['version']}); update the game to read it")
    model = document.check(_SessionFile)
    teams = []
    for i, team in enumerate(model.teams):
        students = []
        for j, student in enumerate(team.students):
            try:
                students.append(check_student_name(student))
            except SessionError as error:
                raise document.problem(("teams", i, "students", j),
                                       f"teams.{i}.students.{j}: {error}") from None
        # A team's name is shown cleaned wherever it is shown (a file edited by hand may
        # hold anything); a student's is checked as when typed.
        teams.append(Team(" ".join(team.name.split()), team.arc, tuple(students)))
    folder = path.parent
    return Session(folder.name, folder, model.mode, tuple(teams), model.countdown, model.turns,
                   model.show_notes, model.show_meters, model.story, model.created_at,
                   tuple(model.excluded), model.released)


def list_sessions(saves_dir: Path | str) -> list[Session]:
    """The readable sessions in the saves folder, by name."""
    root = classes_dir(saves_dir)
    if not root.is_dir():
        return []
    sessions = []
    for folder in sorted(root.iterdir()):
        if (folder / SESSION_FILE).is_file():
            try:
                sessions.append(read_session(folder / SESSION_FILE))
            except SessionError:
                continue
    return sessions


def ensure_folder(path: Path) -> Path:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise SessionError(f"{path}: cannot make the folder ({error.strerror or error})") \
            from None
    return path


__all__ = ["Seat", "Session", "SessionError", "Team", "assign_arcs", "create_session",
           "find_session", "list_sessions", "load_session"]
