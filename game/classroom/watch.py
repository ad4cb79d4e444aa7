"""Where every team stands, read from the session's folder: what the facilitator's console
(`tulayev class watch`) shows. No server: the logs are the source, re-read as they grow.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from game.classroom.eventlog import (
    LogError,
    LogResumed,
    LogStarted,
    SceneEntered,
    read_log,
)
from game.classroom.playlog import build
from game.classroom.session import Session
from game.classroom.transcript import override_summary, shown_counts, vote_summary
from game.narration.words import kind_name
from game.story.model import Story


@dataclass
class TeamStatus:
    team: str
    arc_title: str = ""
    log: Path | None = None
    scene: str = ""                 # the scene's title (or "choice N")
    meters: dict[str, int] = field(default_factory=dict)
    choices: int = 0                # decisions on the path being played
    last_vote: str = ""
    waiting_since: float | None = None  # wall-clock time the current choice was shown
    ending: str = ""                # the ending reached, once finished
    branch: int = 1
    open: bool = False              # the game's log is open (the team is playing now)
    problem: str = ""

    @property
    def finished(self) -> bool:
        return bool(self.ending)

    def seconds_waiting(self, now: float | None = None) -> int | None:
        if self.waiting_since is None or self.finished:
            return None
        return max(0, round((time.time() if now is None else now) - self.waiting_since))


def _wall_clock(at: str) -> float | None:
    try:
        return datetime.fromisoformat(at).timestamp()
    except ValueError:
        return None


def status_of(team: str, path: Path, story: Story | None = None) -> TeamStatus:
    status = TeamStatus(team, log=path)
    try:
        data = read_log(path)
        play = build(data)
    except LogError as error:
        status.problem = str(error)
        return status
    status.open = not data.closed
    base = _wall_clock(data.header.at)
    for entry in data.lines:
        event = entry.event
        if isinstance(event, LogStarted | LogResumed):
            base = _wall_clock(event.at) or base
        elif isinstance(event, SceneEntered) and base is not None and event.t is not None:
            status.waiting_since = base + float(event.t)
    if not play.runs:
        return status
    run = play.runs[-1]
    branch = run.current
    status.arc_title = run.title
    status.branch = branch.number
    decisions = branch.decisions
    status.choices = len(decisions)
    if branch.beats:
        last = branch.beats[-1]
        status.meters = dict(last.meters)
        status.scene = last.title or f"choice {len(decisions) + 1}"
    if decisions:
        beat = decisions[-1]
        number = beat.shown_number(beat.taken.choice) or beat.taken.choice
        summary = override_summary(beat) or vote_summary(beat)
        if beat.taken.votes and not override_summary(beat):
            counts = "–".join(str(c) for c in shown_counts(beat, beat.taken.votes))
            summary = f"{number} by {counts}"
        status.last_vote = summary or f"took {number}"
    if branch.ending is not None:
        status.ending = f"{branch.ending.title} ({kind_name(branch.ending.kind)})"
        status.meters = dict(branch.ending.meters) or status.meters
    return status


def _cached(team: str, path: Path, story: Story | None, cache: dict | None) -> TeamStatus:
    """`status_of`, read again only when the log has changed (size or time)."""
    if cache is None:
        return status_of(team, path, story)
    try:
        info = path.stat()
        key = (info.st_size, info.st_mtime_ns)
    except OSError:
        return status_of(team, path, story)
    hit = cache.get(path)
    if hit is None or hit[0] != key:
        hit = (key, status_of(team, path, story))
        cache[path] = hit
    return replace(hit[1], team=team)


def team_statuses(session: Session, story: Story | None = None,
                  cache: dict | None = None) -> list[TeamStatus]:
    """One row per team (its latest game), then one per game of a player with no team.
    A `cache` (a dict kept between calls) spares reading logs that have not changed."""
    rows = []
    latest = session.latest_logs() if session.teams else {}
    for team in session.teams:
        path = latest.get(team.name.casefold())
        if path is None:
            title = story.arc(team.arc).title if story is not None and \
                story.has_arc(team.arc) else team.arc
            rows.append(TeamStatus(team.name, title, scene="not started"))
        else:
            rows.append(_cached(team.name, path, story, cache))
    if not session.teams:
        for number, path in enumerate(session.log_paths(), 1):
            rows.append(_cached(f"Player {number}", path, story, cache))
    return rows
