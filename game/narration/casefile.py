"""What the dossier shows, worked out from the story and the play state (no widgets here)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from game.engine.state import PlayState
from game.narration.words import kind_name, same_words
from game.story.model import Arc, Story

NOT_OPENED, OPEN, CLOSED, LOCKED = "not-opened", "open", "closed", "locked"


@dataclass(frozen=True, slots=True)
class Status:
    kind: str   # NOT_OPENED, OPEN, CLOSED or LOCKED
    label: str


@dataclass(frozen=True, slots=True)
class Link:
    """A case file entry that is true now: who wrote it, whom it names, what it says."""

    by: str | None
    names: str | None
    text: str


def short_name(story: Story, man: str) -> str:
    """The accused's name without the gloss: `Kostia (the killer...)` -> `Kostia`."""
    if story.has_arc(man):
        return re.split(r"\s*[(,]", story.arc(man).accused, maxsplit=1)[0]
    return man.replace("_", " ").title()


def dossier_line(arc: Arc, least: int = 70) -> str:
    """The opening sentences of the dossier, at least `least` characters, skipping the rank."""
    sentences = re.split(r"(?<=[.!?])\s+", " ".join(arc.dossier.split()))
    rank = (arc.rank or "").strip(". ").lower()
    line = ""
    for sentence in sentences:
        if not line and sentence.strip(". ").lower() == rank:
            continue
        line = f"{line} {sentence}".strip()
        if len(line) >= least:
            break
    return line


def arc_status(state: PlayState, arc: Arc, over: bool, story: Story | None = None) -> Status:
    """Status of `arc`'s file; `over` says whether the open arc has reached its ending.
    With the story, a file that opens only after others (`unlock`) may be LOCKED."""
    if state.arc == arc.id and not over:
        return Status(OPEN, "under investigation")
    result = state.results.get(arc.id)
    if result is not None:
        kind = kind_name(result.kind)
        said = "" if same_words(result.title, kind) else f" ({kind})"
        return Status(CLOSED, f"closed: {result.title}{said}")
    if story is not None and not story.is_unlocked(arc, state.closed):
        return Status(LOCKED, story.unlock_words(arc))
    return Status(NOT_OPENED, "not opened")


def case_links(story: Story, state: PlayState) -> list[Link]:
    """Every case file entry set true in this game, in the story's order."""
    return [Link(short_name(story, e.by) if e.by else None,
                 short_name(story, e.names) if e.names else None, e.text)
            for key, e in story.case.items() if state.case.get(key)]


def links_of(story: Story, state: PlayState, arc: Arc) -> tuple[list[str], list[str]]:
    """(whom this man's depositions name, who names him), as short names."""
    names, named_by = [], []
    for key, entry in story.case.items():
        if not state.case.get(key) or not entry.names:
            continue
        if entry.by == arc.id:
            names.append(short_name(story, entry.names))
        if entry.names == arc.id and entry.by:
            named_by.append(short_name(story, entry.by))
    return sorted(set(names)), sorted(set(named_by))
