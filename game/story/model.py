"""The compiled story: immutable objects the engine runs on.

Conditions (`game.story.conditions`) and effects (`Effect` below) are compiled once, here,
and are the single implementation of those rules for the game, the validator and the explorer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from game.story.conditions import FLAG, NUMBER, Condition
from game.story.meters import COUNTER_RANGE, METER_RANGE, METERS  # noqa: F401 (re-exported)
from game.story.text import (  # noqa: F401 (re-exported)
    Paragraph,
    TextBlock,
    all_words,
    render,
    split_paragraphs,
    take_reading,
)

WORD = re.compile(r"[\w'’-]+")

# The modes of an effect operation: add a number, set a value, or move a meter by
# fairmath (a percentage of the way to 100, or to 0 when negative; never pins it).
ADD, SET, FAIR = 0, 1, 2


def name_kinds(flags: Mapping[str, bool | int], case_ids) -> dict[str, str]:
    """The names an arc's conditions and effects may use, each NUMBER or FLAG: the meters,
    the arc's flags (true/false) and counters (numbers), and `case.ID` for every case entry."""
    kinds = {meter: NUMBER for meter in METERS}
    for name, default in flags.items():
        kinds[name] = FLAG if isinstance(default, bool) else NUMBER
    for case_id in case_ids:
        kinds[f"case.{case_id}"] = FLAG
    return kinds


@dataclass(frozen=True, slots=True)
class Effect:
    """A compiled set of changes. `ops` holds (name, mode, amount, low, high) tuples."""

    ops: tuple[tuple[str, int, object, int, int], ...] = ()

    def apply(self, values: dict) -> None:
        """Apply the changes to `values` in place; numbers are clamped to their range."""
        for name, mode, amount, low, high in self.ops:
            if mode == ADD:
                total = values[name] + amount
                values[name] = low if total < low else high if total > high else total
            elif mode == FAIR:
                values[name] = fairmath(values[name], amount, low, high)
            else:
                values[name] = amount

    @property
    def names(self) -> frozenset[str]:
        return frozenset(op[0] for op in self.ops)

    def __bool__(self) -> bool:
        return bool(self.ops)

    @classmethod
    def adding(cls, name: str, amount: int, low: int, high: int) -> tuple:
        return (name, ADD, amount, low, high)

    @classmethod
    def setting(cls, name: str, value: object) -> tuple:
        return (name, SET, value, 0, 0)

    @classmethod
    def fair(cls, name: str, percent: int, low: int, high: int) -> tuple:
        return (name, FAIR, percent, low, high)


def fairmath(value: int, percent: int, low: int = 0, high: int = 100) -> int:
    """ChoiceScript's fairmath: `%+20` moves a value 20% of the way to `high`, `%-20` 20% of
    the way to `low`, rounding the step down, so a meter never reaches either end."""
    if percent >= 0:
        return value + (high - value) * percent // 100
    return value - (value - low) * -percent // 100


NO_EFFECT = Effect()


@dataclass(frozen=True, slots=True)
class Choice:
    index: int
    text: str
    goto: str
    tag: str | None
    condition: Condition | None
    locked: str | None
    effects: Effect
    path: str
    line: int


@dataclass(frozen=True, slots=True)
class Route:
    condition: Condition | None
    goto: str


@dataclass(frozen=True, slots=True)
class Ending:
    title: str
    kind: str
    historical: bool
    prompts: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Scene:
    id: str
    arc: str
    title: str | None
    text: str
    on_enter: Effect
    notes: str | None
    choices: tuple[Choice, ...]
    routes: tuple[Route, ...]
    ending: Ending | None
    path: str
    line: int
    blocks: tuple[TextBlock, ...] = ()
    probes: tuple = ()   # what the text depends on (see game.story.text)
    when: str | None = None  # on the story's timeline; None: the arc's time

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    @property
    def varies(self) -> bool:
        """Whether the text depends on the state (conditional text or shown values)."""
        return bool(self.probes)

    def reading(self, values, visited) -> tuple:
        """What the text depends on, now: taken when the scene is entered."""
        return take_reading(self.probes, values, visited) if self.probes else ()

    def text_for(self, reading) -> tuple[Paragraph, ...]:
        """The paragraphs shown for a reading (the one place a variant is decided)."""
        if len(reading) != len(self.probes):
            reading = (0,) * len(self.probes)
        return render(self.blocks, reading)

    @property
    def paragraphs(self) -> tuple[Paragraph, ...]:
        """Every paragraph of every variant (for counting); for a scene whose text does not
        vary, exactly what is shown."""
        if not self.probes:
            return render(self.blocks, ())
        return tuple(Paragraph(words, speaker) for speaker, words in all_words(self.blocks))

    @property
    def words(self) -> int:
        return sum(len(WORD.findall(words)) for _, words in all_words(self.blocks))

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(c.goto for c in self.choices) + tuple(r.goto for r in self.routes)


@dataclass(frozen=True, slots=True)
class Opening:
    condition: Condition | None
    effects: Effect
    dossier: str | None


@dataclass(frozen=True, slots=True)
class CaseEntry:
    id: str
    text: str
    by: str | None
    names: str | None
    known: str | None = None   # from when on the timeline the entry can be known
    novel: bool | None = None  # what it reads as while its file has not been played

    @property
    def key(self) -> str:
        return f"case.{self.id}"


@dataclass(frozen=True, slots=True)
class Arc:
    id: str
    title: str
    accused: str
    rank: str | None
    dossier: str
    start: str
    meters: Mapping[str, int]
    flags: Mapping[str, bool | int]
    opening: tuple[Opening, ...]
    scenes: Mapping[str, Scene]
    path: str
    line: int
    case_reads: frozenset[str] = frozenset()
    case_writes: frozenset[str] = frozenset()
    in_novel: bool = True  # false for a file the novel does not have (a warm-up)
    when: str | None = None  # on the story's timeline
    unlock: tuple[tuple[str, ...], int] | None = None  # (files, how many must be closed)

    @property
    def endings(self) -> tuple[Scene, ...]:
        return tuple(s for s in self.scenes.values() if s.is_ending)

    @property
    def historical_endings(self) -> tuple[Scene, ...]:
        return tuple(s for s in self.endings if s.ending.historical)

    @property
    def words(self) -> int:
        return sum(s.words for s in self.scenes.values())

    def initial_values(self, case: Mapping[str, bool]) -> dict:
        """Meters, flags and counters at the start, plus the case file entries as `case.ID`."""
        values: dict = dict(self.meters)
        values.update(self.flags)
        for key in self.case_writes - self.case_reads:
            values[key] = False  # a new playthrough writes this man's own entries afresh
        for key in self.case_reads:
            values[key] = bool(case.get(key[5:], False))
        return values


@dataclass(frozen=True, slots=True)
class Story:
    title: str
    subtitle: str | None
    arcs: tuple[Arc, ...]
    case: Mapping[str, CaseEntry]
    root: str
    warnings: tuple = ()
    timeline: tuple[str, ...] = ()
    _by_id: Mapping[str, Arc] = field(default_factory=dict, repr=False)

    def __post_init__(self):
        object.__setattr__(self, "_by_id", MappingProxyType({a.id: a for a in self.arcs}))

    def arc(self, arc_id: str) -> Arc:
        return self._by_id[arc_id]

    def has_arc(self, arc_id: str) -> bool:
        return arc_id in self._by_id

    @property
    def arc_ids(self) -> tuple[str, ...]:
        return tuple(a.id for a in self.arcs)

    def case_view(self, case: Mapping[str, bool], opening: str | None = None) -> dict:
        """The case file as a file opening now reads it. An entry that has a `novel` value
        and is not in the case file (its file has not been played to an end in this game,
        which writes all its entries, true or false; nor set with `--case`) reads as the
        novel has it. The opening file's own entries are read as they stand."""
        view = dict(case)
        for entry in self.case.values():
            if entry.novel is not None and entry.id not in case and entry.by != opening:
                view[entry.id] = entry.novel
        return view

    def is_unlocked(self, arc: Arc, closed) -> bool:
        """Whether `arc` may be opened, given the ids of the files closed so far."""
        if arc.unlock is None:
            return True
        files, count = arc.unlock
        return sum(1 for f in files if f in closed) >= count

    def unlock_words(self, arc: Arc) -> str:
        """Why a locked file is locked, e.g. 'opens once 1 of these files is closed: ...'."""
        if arc.unlock is None:
            return ""
        files, count = arc.unlock
        titles = [self.arc(f).accused if self.has_arc(f) else f for f in files]
        if count >= len(files):
            return "opens once these files are closed: " + ", ".join(titles)
        return f"opens once {count} of these files {'is' if count == 1 else 'are'} closed: " \
            + ", ".join(titles)
