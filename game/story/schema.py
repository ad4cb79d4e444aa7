"""The file format as pydantic models: validates each file's shape and yields the JSON Schema.

These models describe what an author writes. The compiled, immutable story the game runs on
is in `game.story.model`; `game.story.loader` turns one into the other.
"""

from __future__ import annotations

import json
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", max_length=64)]
Text = Annotated[str, StringConstraints(max_length=20_000)]
Line = Annotated[str, StringConstraints(min_length=1, max_length=500)]
ConditionText = Annotated[str, StringConstraints(min_length=1, max_length=500)]
Percent = Annotated[int, Field(ge=0, le=100)]
EffectValue = Annotated[
    int | bool | Annotated[str, StringConstraints(pattern=r"^=\s*\d+$")],
    Field(description="A number changes a meter or counter (+10, -5); \"=40\" sets it; "
                      "true/false sets a flag or case file entry."),
]
Effects = Annotated[
    dict[Annotated[str, StringConstraints(pattern=r"^(case\.)?[A-Za-z_][A-Za-z0-9_]*$")],
         EffectValue],
    Field(description="Name to change: loyalty, fear, suspicion, a flag, a counter or "
                      "case.ENTRY."),
]
EndingKind = Literal["executed", "died_in_custody", "suicide", "imprisoned", "exiled",
                     "spared", "free", "unpunished"]
ENDING_KINDS: tuple[str, ...] = EndingKind.__args__  # type: ignore[attr-defined]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True,
                              populate_by_name=True)


class CaseEntrySpec(_Strict):
    """An entry in the shared case file, written by one arc and read by others."""

    text: Line = Field(description="What the entry says, as shown on the dossier screen.")
    by: Identifier | None = Field(None, description="The arc that writes this entry.")
    names: Identifier | None = Field(None, description="The arc of the man this entry names.")


class StorySpec(_Strict):
    """The story as a whole; exactly one file carries it."""

    title: Line
    subtitle: Line | None = None
    arcs: list[Identifier] | None = Field(None, description="The order of arcs on the dossier "
                                          "screen; arcs not listed come after, by id.")
    case: dict[Identifier, CaseEntrySpec] = Field(default_factory=dict)


class MetersSpec(_Strict):
    loyalty: Percent = 50
    fear: Percent = 20
    suspicion: Percent = 10


class OpeningSpec(_Strict):
    """Applied when the arc begins, if its condition holds: reads the case file."""

    if_: ConditionText | None = Field(None, alias="if")
    effects: Effects = Field(default_factory=dict)
    dossier: Line | None = Field(None, description="A line added to the arc's dossier.")


class ArcSpec(_Strict):
    """Declares an arc: one accused man."""

    id: Identifier
    title: Line
    accused: Line
    rank: Line | None = None
    dossier: Text
    start: Identifier
    meters: MetersSpec = Field(default_factory=MetersSpec)
    flags: dict[Identifier, bool | Annotated[int, Field(ge=0, le=999)]] = Field(
        default_factory=dict, description="true/false declares a flag; a number, a counter.")
    opening: list[OpeningSpec] = Field(default_factory=list)


class ChoiceSpec(_Strict):
    text: Line
    goto: Identifier
    tag: Literal["obey", "betray"] | None = None
    if_: ConditionText | None = Field(None, alias="if")
    locked: Line | None = Field(None, description="Shown (dimmed) when the condition is false.")
    effects: Effects = Field(default_factory=dict)


class RouteSpec(_Strict):
    if_: ConditionText | None = Field(None, alias="if")
    goto: Identifier


class EndingSpec(_Strict):
    title: Line
    kind: EndingKind
    historical: bool = False
    prompts: list[Line] = Field(default_factory=list)


class SceneSpec(_Strict):
    title: Line | None = None
    text: Text | None = None
    on_enter: Effects = Field(default_factory=dict)
    notes: Text | None = None
    choices: list[ChoiceSpec] | None = Field(None, max_length=9)
    routes: list[RouteSpec] | None = None
    ending: EndingSpec | None = None


class StoryFileSpec(_Strict):
    """One YAML file under the story folder."""

    story: StorySpec | None = None
    arc: ArcSpec | Identifier | None = None
    scenes: dict[Identifier, SceneSpec] | None = None


def json_schema() -> dict:
    schema = StoryFileSpec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://tulayev.example/scene.schema.json"
    schema["title"] = "Obey or Betray story file"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
