"""The play state: small, plain and JSON-serialisable. It is the only thing saved.

The story is immutable and never saved; the state names arcs and scenes by id, the way the
ink runtime's StoryState refers back to its Story.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from game.engine.untrusted import bounded
from game.story.meters import METERS

# Bounds a save is checked against (game.engine.untrusted): far above what any game writes,
# so that a damaged or hostile save is refused before it is played.
_NAMES = 100_000   # names in one table: values, the case file, visited scenes, readings
_ITEMS = 1_000     # items in one small list or table


@dataclass(slots=True)
class Step:
    """One choice taken (or one automatic route), with what it changed."""

    scene: str
    choice: int
    text: str
    tag: str | None
    goto: str
    # name -> [before, after], for numbers the choice changed
    deltas: dict[str, list[int]] = bounded(max_len=_ITEMS)
    meters: dict[str, int] = bounded(max_len=_ITEMS)  # the meters once the next scene was entered
    # Fields marked optional may be absent from a save (older saves lack them); every other
    # field must be there (see game/engine/untrusted.py).
    seconds: float | None = bounded(None, optional=True)  # UI-measured
    votes: list[int] | None = bounded(None, optional=True, max_len=99)
    via: list[str] = bounded(factory=list, optional=True,  # routing scenes passed on the way
                             max_len=_ITEMS)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Step:
        return cls(**data)


@dataclass(slots=True)
class ArcResult:
    """How an arc ended in this game."""

    ending: str
    title: str
    kind: str
    historical: bool
    obeyed: int
    betrayed: int

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> ArcResult:
        return cls(**data)


@dataclass(slots=True)
class PlayState:
    """Where the player is: the open arc and scene, values, history, and the case file."""

    arc: str | None = None
    scene: str | None = None
    values: dict[str, bool | int] = bounded(factory=dict, max_len=_NAMES)
    visited: list[str] = bounded(factory=list, max_len=_NAMES)
    history: list[Step] = bounded(factory=list, max_len=10_000)
    start_meters: dict[str, int] = bounded(factory=dict, max_len=_ITEMS)
    dossier_lines: list[str] = bounded(factory=list, max_len=_ITEMS)
    case: dict[str, bool] = bounded(factory=dict, max_len=_NAMES)
    results: dict[str, ArcResult] = bounded(factory=dict, max_len=_ITEMS)
    # How the open arc began (case file, start scene, --set values), so that a playthrough
    # can be rewound to any earlier choice by replaying its history.
    opening: dict[str, Any] = bounded(factory=dict, optional=True, max_len=_ITEMS)
    # What each scene's varying text read when it was last entered (see game.story.text):
    # scene id -> one true/false or number per probe.
    readings: dict[str, list[bool | int]] = bounded(factory=dict, optional=True,
                                                    max_len=_NAMES)
    # "free" (the player opens files in any order) or "whole" (the whole case: every file in
    # the novel's order, the next opening when one ends; see game.engine.wholecase).
    mode: str = bounded("free", optional=True, one_of=("free", "whole"))

    @property
    def closed(self) -> frozenset[str]:
        """The files closed (played to an ending) in this game."""
        return frozenset(self.results)

    @property
    def meters(self) -> dict[str, int]:
        return {m: self.values.get(m, 0) for m in METERS}

    def tag_counts(self) -> dict[str, int]:
        counts = {"obey": 0, "betray": 0}
        for step in self.history:
            if step.tag in counts:
                counts[step.tag] += 1
        return counts

    def meter_trail(self) -> list[dict[str, int]]:
        """The meters at the start of the arc and after every step."""
        return [dict(self.start_meters)] + [dict(s.meters) for s in self.history]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PlayState:
        data = dict(data)
        data["history"] = [Step.from_dict(s) for s in data.get("history", [])]
        data["results"] = {k: ArcResult.from_dict(v) for k, v in data.get("results", {}).items()}
        return cls(**data)
