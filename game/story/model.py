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

WORD = re.compile(r"[\w'’-]+")
_SPEAKER = re.compile(r"^([A-Z][A-Z .'’-]{0,30}[A-Z]|[A-Z]):\s+(.*)$")

ADD, SET = 0, 1  # the two modes of an effect operation


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


NO_EFFECT = Effect()


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    speaker: str | None = None
    heading: bool = False  # a scene's title, where the text of several scenes is shown


def split_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Blank lines separate paragraphs; a line `NAME: words` starts a spoken paragraph."""
    paragraphs: list[Paragraph] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        current_speaker: str | None = None
        current: list[str] = []
        for raw_line in block.splitlines():
            line = raw_line.strip()
            if not line:
                continue
            match = _SPEAKER.match(line)
            if match:
                if current:
                    paragraphs.append(Paragraph(" ".join(current), current_speaker))
                current_speaker, current = match.group(1).strip(), [match.group(2)]
            else:
                current.append(line)
        if current:
            paragraphs.append(Paragraph(" ".join(current), current_speaker))
    return tuple(paragraphs)


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
    paragraphs: tuple[Paragraph, ...] = ()

    @property
    def is_ending(self) -> bool:
        return self.ending is not None

    @property
    def words(self) -> int:
        return len(WORD.findall(self.text))

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
