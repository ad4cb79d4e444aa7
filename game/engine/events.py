"""Typed events of play, emitted once by the engine (like the ink runtime's onMakeChoice,
onDidContinue): a front end or a log subscribes and receives these objects. Each has one
JSON form (`to_json`), the line an event log writes and `game.classroom.eventlog` reads back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, ClassVar


@dataclass(frozen=True, slots=True)
class Event:
    """Where play stood when the event happened: the arc, the scene and the meters."""

    name: ClassVar[str] = "event"
    arc: str | None
    scene: str | None
    meters: dict[str, int]

    def to_json(self) -> dict[str, Any]:
        data = {"event": self.name}
        for item in fields(self):
            data[item.name] = getattr(self, item.name)
        return data


@dataclass(frozen=True, slots=True)
class ArcStarted(Event):
    name: ClassVar[str] = "arc_started"
    title: str = ""
    accused: str = ""
    dossier_lines: list[str] = field(default_factory=list)
    overrides: dict[str, Any] = field(default_factory=dict)
    opening: dict[str, Any] = field(default_factory=dict)  # case, scene, overrides: replayable


@dataclass(frozen=True, slots=True)
class SceneEntered(Event):
    name: ClassVar[str] = "scene_entered"
    title: str | None = None
    choices: list[dict[str, Any]] = field(default_factory=list)  # shown, locked ones and why
    hidden: int = 0


@dataclass(frozen=True, slots=True)
class ChoiceTaken(Event):
    name: ClassVar[str] = "choice_taken"
    source: str = ""
    choice: int = 0
    text: str = ""
    tag: str | None = None
    deltas: dict[str, list[int]] = field(default_factory=dict)
    seconds: float | None = None
    votes: list[int] | None = None
    via: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class EndingReached(Event):
    name: ClassVar[str] = "ending_reached"
    ending: str = ""
    title: str = ""
    kind: str = ""
    historical: bool = False
    prompts: list[str] = field(default_factory=list)
    novel: list[dict[str, str]] = field(default_factory=list)  # the novel's: ending, title, kind
    in_novel: bool = True


@dataclass(frozen=True, slots=True)
class Rewound(Event):
    name: ClassVar[str] = "rewound"
    to_choice: int = 0
    abandoned: int = 0


@dataclass(frozen=True, slots=True)
class Undone(Event):
    name: ClassVar[str] = "undone"
    choice: int = 0
    text: str = ""


@dataclass(frozen=True, slots=True)
class Recorded(Event):
    """A front end's own event (a vote, a pause), in order with the engine's."""

    kind: str = ""
    data: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {"event": self.kind, "arc": self.arc, "scene": self.scene,
                "meters": self.meters, **self.data}
