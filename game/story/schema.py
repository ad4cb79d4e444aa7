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
    int | bool | Annotated[str, StringConstraints(pattern=r"^(=\s*\d+|%[+-][1-9]\d?)$")],
    Field(description="A number changes a meter or counter (+10, -5); \"=40\" sets it; "
                      "\"%+20\" moves a meter 20% of the way to 100 (\"%-20\": to 0) "
                      "and never pins it (fairmath); true/false sets a flag or case file "
                      "entry."),
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
    known: Identifier | None = Field(None, description="From when on the story's timeline "
                                     "the entry can be known; no scene before it may read it.")
    novel: bool | None = Field(None, description="What the entry reads as while the file "
                               "that writes it has not been played: text about another man's "
                               "fate then follows the novel.")


class StorySpec(_Strict):
    """The story as a whole; exactly one file carries it."""

    title: Line = Field(description="The game's title, on the title screen.")
    subtitle: Line | None = Field(None, description="A line under the title.")
    arcs: list[Identifier] | None = Field(None, description="The order of arcs on the dossier "
                                          "screen; arcs not listed come after, by id.")
    case: dict[Identifier, CaseEntrySpec] = Field(
        default_factory=dict, description="Case file entries, by id: what arcs write "
        "(`case.ID: true`) and read (`if: case.ID`). An arc may declare its own under "
        "arc.case instead.")
    timeline: list[Identifier] | None = Field(None, description="The story's moments in "
                                              "order, e.g. [before_the_shot, the_arrests, "
                                              "the_trials]; arcs, scenes and case entries "
                                              "name them with when/known.")


class MetersSpec(_Strict):
    loyalty: Percent = Field(50, description="How much he still believes the Party is right.")
    fear: Percent = Field(20, description="For himself and those he loves; high fear closes "
                          "defiant choices.")
    suspicion: Percent = Field(10, description="How much the apparatus suspects him; it rises "
                               "whatever he does.")


class OpeningSpec(_Strict):
    """Applied when the arc begins, if its condition holds: reads the case file."""

    if_: ConditionText | None = Field(None, alias="if", description="Apply only when this "
                                      "condition holds (usually on the case file).")
    effects: Effects = Field(default_factory=dict)
    dossier: Line | None = Field(None, description="A line added to the arc's dossier.")


class UnlockSpec(_Strict):
    """The file opens only once enough of the listed files are closed."""

    after: list[Identifier] = Field(min_length=1, description="The files that count.")
    count: int = Field(1, ge=1, description="How many of them must be closed.")


class ArcSpec(_Strict):
    """Declares an arc: one accused man."""

    id: Identifier = Field(description="The arc's id (as in `--arc ID`); scenes belong to "
                           "one arc.")
    title: Line = Field(description="The arc's title.")
    accused: Line = Field(description="The accused man's name.")
    rank: Line | None = Field(None, description="His post, shown on his case file.")
    dossier: Text = Field(description="A paragraph for his case file on the dossier screen.")
    start: Identifier = Field(description="The id of the first scene.")
    meters: MetersSpec = Field(default_factory=MetersSpec,
                               description="Starting loyalty, fear and suspicion.")
    flags: dict[Identifier, bool | Annotated[int, Field(ge=0, le=999)]] = Field(
        default_factory=dict, description="true/false declares a flag; a number, a counter.")
    opening: list[OpeningSpec] = Field(default_factory=list, description="What the arc reads "
                                       "from the case file when it begins.")
    in_novel: bool = Field(True, description="false for someone the novel does not have (a "
                           "warm-up, a new character): the game says so at the end instead "
                           "of comparing with the novel, and no ending may be historical.")
    when: Identifier | None = Field(None, description="When the file happens, on the story's "
                                    "timeline (its scenes may say otherwise).")
    case: dict[Identifier, CaseEntrySpec] = Field(
        default_factory=dict, description="Case file entries this arc writes, declared with "
        "it (`by` is this arc).")
    unlock: UnlockSpec | None = Field(None, description="Open the file only once some others "
                                      "are closed.")


class ChoiceSpec(_Strict):
    text: Line = Field(description="What the player reads.")
    goto: Identifier = Field(description="The next scene, in the same arc.")
    tag: Literal["obey", "betray"] | None = Field(
        None, description="From the Party's point of view; revealed only after the choice.")
    if_: ConditionText | None = Field(None, alias="if", description="The choice is open only "
                                      "when this condition holds.")
    locked: Line | None = Field(None, description="Shown (dimmed) with this reason when the "
                                "condition is false; without it the choice is hidden.")
    effects: Effects = Field(default_factory=dict, description="Applied when the choice is "
                             "taken.")


class RouteSpec(_Strict):
    if_: ConditionText | None = Field(None, alias="if", description="Taken when this holds; "
                                      "the last route should have none.")
    goto: Identifier = Field(description="The next scene.")


class EndingSpec(_Strict):
    title: Line = Field(description="The ending's title.")
    kind: EndingKind = Field(description="What became of him.")
    historical: bool = Field(False, description="This is the novel's outcome for this man.")
    prompts: list[Line] = Field(default_factory=list, description="Discussion prompts, shown at "
                                "the end and in the debrief.")


class TextVariantSpec(_Strict):
    """Text shown only when a condition holds (else the `else` text, if any)."""

    if_: ConditionText = Field(alias="if", description="Show `text` when this holds.")
    text: Text = Field(description="Paragraphs shown when the condition holds.")
    else_: Text | None = Field(None, alias="else", description="Shown when it does not.")


class SceneSpec(_Strict):
    title: Line | None = Field(None, description="A heading above the text.")
    text: Text | list[Text | TextVariantSpec] | None = Field(
        None, description="The prose; blank lines separate paragraphs; `NAME: words` lines "
        "are speech. A list mixes plain text with {if, text, else} items; inside any "
        "paragraph, {if CONDITION: words | other words} varies a clause and {NAME} shows a "
        "meter or counter.")
    on_enter: Effects = Field(default_factory=dict, description="Applied every time the scene "
                              "is entered.")
    notes: Text | None = Field(None, description="Facilitator notes (history for teachers).")
    choices: list[ChoiceSpec] | None = Field(None, max_length=9, description="The player's "
                                             "options, numbered 1-9 on screen.")
    routes: list[RouteSpec] | None = Field(None, description="Instead of choices: automatic "
                                           "branches.")
    ending: EndingSpec | None = Field(None, description="Makes the scene an ending.")
    when: Identifier | None = Field(None, description="When the scene happens, on the story's "
                                    "timeline (default: its arc's).")


class StoryFileSpec(_Strict):
    """One YAML file under the story folder."""

    story: StorySpec | None = Field(None, description="The story as a whole (one file only).")
    arc: ArcSpec | Identifier | None = Field(None, description="Declares an arc, or names the "
                                             "arc this file's scenes belong to.")
    scenes: dict[Identifier, SceneSpec] | None = Field(None, description="Scenes by id.")


def json_schema() -> dict:
    schema = StoryFileSpec.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://tulayev.example/scene.schema.json"
    schema["title"] = "Obey or Betray story file"
    return schema


def json_schema_text() -> str:
    return json.dumps(json_schema(), indent=2, sort_keys=True) + "\n"
