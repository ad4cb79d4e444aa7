"""The play state: small, plain and JSON-serialisable. It is the only thing saved.

The story is immutable and never saved; the state names arcs and scenes by id, the way the
ink runtime's StoryState refers back to its Story.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from game.story.meters import METERS


@dataclass(slots=True)
class Step:
    """One choice taken (or one automatic route), with what it changed."""

    scene: str
    choice: int
    text: str
    tag: str | None
    goto: str
    deltas: dict[str, list[int]]  # name -> [before, after], for numbers the choice changed
    meters: dict[str, int]        # the meters once the next scene was entered
    # Fields marked "optional" may be absent from a save (older saves lack them); every
    # other field must be there (see game/engine/typed.py).
    seconds: float | None = field(default=None, metadata={"optional": True})  # UI-measured
    votes: list[int] | None = field(default=None, metadata={"optional": True})
    via: list[str] = field(default_factory=list,  # routing scenes passed on the way
                           metadata={"max_items": 1_000, "optional": True})

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
    values: dict[str, bool | int] = field(default_factory=dict)
    visited: list[str] = field(default_factory=list)
    history: list[Step] = field(default_factory=list, metadata={"max_items": 10_000})
    start_meters: dict[str, int] = field(default_factory=dict)
    dossier_lines: list[str] = field(default_factory=list)
    case: dict[str, bool] = field(default_factory=dict)
    results: dict[str, ArcResult] = field(default_factory=dict)
    # How the open arc began (case file, start scene, --set values), so that a playthrough
    # can be rewound to any earlier choice by replaying its history.
    opening: dict[str, Any] = field(default_factory=dict, metadata={"optional": True})
    # What each scene's varying text read when it was last entered (see game.story.text):
    # scene id -> one true/false or number per probe.
    readings: dict[str, list[bool | int]] = field(default_factory=dict,
                                                  metadata={"optional": True})
    # "free" (the player opens files in any order) or "whole" (the whole case: every file in
    # the novel's order, the next opening when one ends; see game.engine.wholecase).
    mode: str = field(default="free", metadata={"optional": True})

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
