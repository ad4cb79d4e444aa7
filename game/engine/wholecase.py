"""The whole case: every file of the novel in its order, and what the case board draws.

Pure functions of the story and the play state (no UI): the TUI, plain mode and the tests
all ask these, so the order, the progress and the web can never differ between them.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import PlayState
from game.story.model import CaseEntry, Story

FREE, WHOLE = "free", "whole"
SIGNED, UNSIGNED, POSSIBLE = "signed", "not signed", "possible"


def case_order(story: Story) -> tuple[str, ...]:
    """The files of the whole case: the story's `arcs` that are in the novel, in its order,
    with files that open only after others (`unlock`, the epilogue) last."""
    novel = [arc for arc in story.arcs if arc.in_novel]
    return tuple(a.id for a in novel if a.unlock is None) + \
        tuple(a.id for a in novel if a.unlock is not None)


def is_whole(state: PlayState) -> bool:
    return state.mode == WHOLE


def next_file(story: Story, state: PlayState) -> str | None:
    """The first file of the whole case not yet closed; None once every one is."""
    return next((a for a in case_order(story) if a not in state.results), None)


def progress(story: Story, state: PlayState) -> tuple[int, int]:
    """(files of the whole case closed, files in it)."""
    order = case_order(story)
    return sum(1 for a in order if a in state.results), len(order)


def progress_words(story: Story, state: PlayState) -> str:
    closed, total = progress(story, state)
    return f"The whole case: {closed} of {total} file{'s' if total != 1 else ''} closed"


@dataclass(frozen=True, slots=True)
class Naming:
    """A case entry in which one man names another, and where it stands in this game."""

    entry: CaseEntry
    status: str  # SIGNED (true in the case file), UNSIGNED (written false) or POSSIBLE

    @property
    def written(self) -> bool:
        return self.status == SIGNED


def namings(story: Story, state: PlayState) -> list[Naming]:
    """Every entry with `by` and `names`, in the story's order: signed when true in the case
    file, not signed when its file wrote it false, possible while it is not written."""
    found = []
    for entry in story.case.values():
        if not (entry.by and entry.names):
            continue
        value = state.case.get(entry.id)
        status = POSSIBLE if value is None else SIGNED if value else UNSIGNED
        found.append(Naming(entry, status))
    return found


def men(story: Story) -> list[str]:
    """The nodes of the board: every file in the story's order that is in the novel or that
    signs or is named in an entry, then any man named who has no file."""
    linked = {m for e in story.case.values() if e.by and e.names for m in (e.by, e.names)}
    nodes = [a.id for a in story.arcs if a.in_novel or a.id in linked]
    return nodes + sorted(linked - set(nodes))


@dataclass(frozen=True, slots=True)
class FileLine:
    """One file of the whole case in the summary."""

    arc: str
    ending: str | None     # this game's ending title, None while not closed
    kind: str | None
    historical: bool | None
    novel: tuple[tuple[str, str], ...]  # the novel's endings: (title, kind)
    obeyed: int
    betrayed: int


def summary(story: Story, state: PlayState) -> list[FileLine]:
    """Each file of the whole case: its ending here, the novel's, and obey/betray counts."""
    rows = []
    for arc_id in case_order(story):
        arc = story.arc(arc_id)
        result = state.results.get(arc_id)
        novel = tuple((s.ending.title, s.ending.kind) for s in arc.historical_endings)
        rows.append(FileLine(arc_id, result.title if result else None,
                             result.kind if result else None,
                             result.historical if result else None, novel,
                             result.obeyed if result else 0, result.betrayed if result else 0))
    return rows


def totals(rows: list[FileLine]) -> tuple[int, int]:
    """(obeyed, betrayed) over every file."""
    return sum(r.obeyed for r in rows), sum(r.betrayed for r in rows)


def reached(story: Story, state: PlayState, entry: CaseEntry) -> str:
    """Whom a naming reaches: whether the named man's file reads it, and if that file has
    been played to its end in this game."""
    if not story.has_arc(entry.names):
        return "the one named has no file of his own"
    arc = story.arc(entry.names)
    if entry.key not in arc.case_reads:
        return f"on the record; the file {arc.title} does not read it"
    if entry.names in state.results:
        return f"read in the file {arc.title}"
    return f"waiting for the file {arc.title}"
