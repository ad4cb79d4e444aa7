"""The words of the whole case's summary, for the summary screen and for plain mode alike."""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.state import PlayState
from game.engine.wholecase import namings, reached, summary, totals
from game.narration.casefile import short_name
from game.narration.words import kind_name, same_words, tally
from game.story.model import Story


@dataclass(frozen=True, slots=True)
class FateLine:
    man: str
    title: str        # the file's title
    here: str         # his fate in this game
    novel: str        # his fate in the novel
    same: bool        # this game ended as the novel does
    tally: str        # "obeyed 3 times and betrayed once"


def _fate(title: str, kind: str) -> str:
    words = kind_name(kind)
    return title if same_words(title, words) else f"{title} ({words})"


def fates(story: Story, state: PlayState) -> list[FateLine]:
    """Each file of the whole case: his fate here beside the novel's, and the tally."""
    lines = []
    for row in summary(story, state):
        arc = story.arc(row.arc)
        here = _fate(row.ending, row.kind) if row.ending else "not closed"
        novel = "; ".join(_fate(t, k) for t, k in row.novel) or "the novel does not say"
        lines.append(FateLine(short_name(story, row.arc), arc.title, here, novel,
                              bool(row.historical),
                              tally("He", row.obeyed, row.betrayed)[3:].rstrip(".")))
    return lines


def all_told(story: Story, state: PlayState) -> str:
    """In all: how often the player obeyed and betrayed over the whole case."""
    obeyed, betrayed = totals(summary(story, state))
    return tally("In all, you", obeyed, betrayed)


def names_given(story: Story, state: PlayState) -> list[tuple[str, str, str, str]]:
    """(who signed, whom he named, the entry's text, whom it reached) for every signed naming."""
    return [(short_name(story, n.entry.by), short_name(story, n.entry.names), n.entry.text,
             reached(story, state, n.entry))
            for n in namings(story, state) if n.written]


def summary_lines(story: Story, state: PlayState) -> list[str]:
    """The whole summary as plain lines (plain mode and transcripts)."""
    lines = ["THE WHOLE CASE: THE SUMMARY", "", "Each man's fate, here and in the novel:"]
    for fate in fates(story, state):
        mark = " (as in the novel)" if fate.same else ""
        lines.append(f"- {fate.man}, {fate.title}: here {fate.here}{mark}; "
                     f"in the novel {fate.novel}. You {fate.tally}.")
    lines += [all_told(story, state), "", "The names they gave:"]
    given = names_given(story, state)
    if not given:
        lines.append("- Nobody named anybody.")
    for by, names, text, where in given:
        lines.append(f"- {by} named {names}: {text} ({where})")
    return lines
