"""The case web of a session, for the debrief: per team, the case entries its games wrote
and whom they name.

The logs record the case file each file opened with (`arc_started`'s opening) and every
choice taken; what a file writes is worked out by playing its first path again on the story,
from that opening, to its ending (the engine writes a file's entries when it ends). A run
that did not reach an ending, began from a save, or no longer fits the story writes nothing
here and is counted as left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.classroom.playlog import Run
from game.engine.machine import Engine, PlayError
from game.engine.state import PlayState
from game.story.model import Story


@dataclass(frozen=True, slots=True)
class Written:
    """A case entry a team's game wrote true."""

    entry: str
    text: str
    by: str | None       # the signer's name, short
    names: str | None    # the named man's name, short


@dataclass
class TeamWeb:
    team: str
    written: list[Written] = field(default_factory=list)
    files: list[str] = field(default_factory=list)   # titles of the files it closed
    left_out: int = 0   # runs whose entries could not be worked out


def written_by(story: Story, run: Run) -> dict[str, bool] | None:
    """The entries (id -> value) the run's first path wrote at its ending, or None."""
    if run.resumed or not story.has_arc(run.arc) or run.main.ending is None:
        return None
    engine = Engine(story)
    state = PlayState()
    opening = run.opening
    state.case = dict(opening.case) if opening else {}
    try:
        engine.start_arc(state, run.arc, scene=opening.scene if opening else None,
                         overrides=(dict(opening.overrides) if opening else None) or None)
        for beat in run.main.decisions:
            engine.choose(state, beat.taken.choice - 1)
        if not engine.is_over(state):
            return None
    except (PlayError, KeyError, ValueError):
        return None
    arc = story.arc(run.arc)
    return {key[5:]: state.case.get(key[5:], False) for key in sorted(arc.case_writes)}


def _short(story: Story, man: str | None) -> str | None:
    if man is None:
        return None
    if story.has_arc(man):
        accused = story.arc(man).accused
        return accused.split("(")[0].split(",")[0].strip() or man
    return man.replace("_", " ").title()


def case_web(story: Story | None, runs) -> list[TeamWeb]:
    """Per team (in the debrief's order), the entries its games wrote true. `runs` are the
    debrief's RunSummary objects (each with its `run`)."""
    if story is None:
        return []
    webs: dict[str, TeamWeb] = {}
    for summary in runs:
        if summary.run is None:
            continue
        web = webs.setdefault(summary.team, TeamWeb(summary.team))
        written = written_by(story, summary.run)
        if written is None:
            if summary.run.main.ending is not None:
                web.left_out += 1
            continue
        web.files.append(summary.arc_title)
        for entry_id, value in written.items():
            entry = story.case.get(entry_id)
            if value and entry is not None and entry_id not in {w.entry for w in web.written}:
                web.written.append(Written(entry_id, entry.text, _short(story, entry.by),
                                           _short(story, entry.names)))
    return list(webs.values())


def web_lines(webs: list[TeamWeb]) -> list[str]:
    """The case web as text lines (the text debrief)."""
    out: list[str] = []
    for web in webs:
        files = f" ({', '.join(web.files)})" if web.files else ""
        out.append(f"{web.team}{files}:")
        if not web.written:
            out.append("  nothing signed" if web.files else "  no file closed yet")
        for w in web.written:
            if w.by and w.names:
                out.append(f"  {w.by} → {w.names}: {w.entry}")
            else:
                out.append(f"  {w.by or 'the case file'}: {w.entry}")
            out.append(f"      {w.text}")
        if web.left_out:
            out.append(f"  ({web.left_out} file(s) could not be played again on this story)")
    return out
