"""The compiled story as plain JSON data, and back (like the ink runtime's compiled story).

`to_data(story)` writes what the loader produced, once the files were read and checked;
`from_data(data)` rebuilds an equal Story without reading YAML or running the file checks
(no pydantic, no YAML parser). Conditions are stored as their source and compiled again by
the one condition grammar; effects are stored as their compiled operations.

`from_data` trusts only the shape it checks as it goes: anything unexpected raises
`CompiledStoryError`, and the caller falls back to loading the YAML files.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from game.story.conditions import FLAG, NUMBER, ConditionError, compile_condition
from game.story.model import (
    ADD,
    COUNTER_RANGE,
    FAIR,
    METER_RANGE,
    METERS,
    NO_EFFECT,
    SET,
    Arc,
    CaseEntry,
    Choice,
    Effect,
    Ending,
    Opening,
    Route,
    Scene,
    Story,
    name_kinds,
)
from game.story.problems import Problem
from game.story.text import TextBlock, TextCompiler

FORMAT = "tulayev-compiled-story"
VERSION = 2


class CompiledStoryError(ValueError):
    """Compiled story data that cannot be rebuilt into a Story."""


def to_data(story: Story) -> dict[str, Any]:
    """The story as JSON-ready data."""
    return {
        "format": FORMAT, "version": VERSION,
        "title": story.title, "subtitle": story.subtitle, "root": story.root,
        "case": [[e.id, e.text, e.by, e.names, e.known, e.novel] for e in story.case.values()],
        "timeline": list(story.timeline),
        "warnings": [[p.path, p.line, p.col, p.message, p.severity] for p in story.warnings],
        "arcs": [_arc_data(arc) for arc in story.arcs],
    }


def _arc_data(arc: Arc) -> dict[str, Any]:
    return {
        "id": arc.id, "title": arc.title, "accused": arc.accused, "rank": arc.rank,
        "dossier": arc.dossier, "start": arc.start, "meters": dict(arc.meters),
        "flags": dict(arc.flags), "path": arc.path, "line": arc.line,
        "case_reads": sorted(arc.case_reads), "case_writes": sorted(arc.case_writes),
        "in_novel": arc.in_novel, "when": arc.when,
        "unlock": None if arc.unlock is None else [list(arc.unlock[0]), arc.unlock[1]],
        "opening": [[_source(o.condition), _ops(o.effects), o.dossier] for o in arc.opening],
        "scenes": [_scene_data(scene) for scene in arc.scenes.values()],
    }


def _scene_data(scene: Scene) -> dict[str, Any]:
    ending = scene.ending
    return {
        "id": scene.id, "title": scene.title, "when": scene.when,
        "text": scene.text if isinstance(scene.text, str) else [
            item if isinstance(item, str) else list(item) for item in scene.text],
        "on_enter": _ops(scene.on_enter), "notes": scene.notes,
        "path": scene.path, "line": scene.line,
        "choices": [[c.text, c.goto, c.tag, _source(c.condition), c.locked, _ops(c.effects),
                     c.path, c.line] for c in scene.choices],
        "routes": [[_source(r.condition), r.goto] for r in scene.routes],
        "ending": None if ending is None else [ending.title, ending.kind, ending.historical,
                                               list(ending.prompts)],
    }


def _source(condition) -> str | None:
    return None if condition is None else condition.source


def _ops(effect: Effect) -> list[list]:
    return [list(op) for op in effect.ops]


# -- reading back ------------------------------------------------------------------------------

def from_data(data: Any) -> Story:
    """Rebuild the Story from `to_data`'s output. Raises CompiledStoryError when the data is
    not that (a damaged or foreign file)."""
    try:
        return _story(data)
    except CompiledStoryError:
        raise
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as error:
        raise CompiledStoryError(f"not a compiled story ({type(error).__name__}: "
                                 f"{error})") from None


def _story(data: Mapping) -> Story:
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        raise CompiledStoryError("not a compiled story of this version")
    case = {}
    timeline = tuple(map(_text, data["timeline"]))
    for case_id, text, by, names, known, novel in data["case"]:
        if novel is not None:
            _flag(novel)
        if known is not None and known not in timeline:
            raise CompiledStoryError(f"case entry {case_id!r} is known at no moment")
        case[_text(case_id)] = CaseEntry(case_id, _text(text), _optional(by), _optional(names),
                                         _optional(known), novel)
    arcs = tuple(_arc(item, case) for item in data["arcs"])
    if len({arc.id for arc in arcs}) != len(arcs):
        raise CompiledStoryError("two arcs with one id")
    warnings = tuple(Problem(_text(path), _number(line), _number(col), _text(message),
                             _text(severity))
                     for path, line, col, message, severity in data["warnings"])
    return Story(title=_text(data["title"]), subtitle=_optional(data["subtitle"]), arcs=arcs,
                 case=MappingProxyType(case), root=_text(data["root"]), warnings=warnings,
                 timeline=timeline)


def _arc(data: Mapping, case: Mapping[str, CaseEntry]) -> Arc:
    flags = {_text(name): _flag_value(value) for name, value in data["flags"].items()}
    kinds = name_kinds(flags, case)
    scene_ids = {_text(item["id"]) for item in data["scenes"]}
    meters = {_text(name): _number(value, METER_RANGE) for name, value in data["meters"].items()}
    if (set(meters) != set(METERS) or _text(data["start"]) not in scene_ids
            or len(scene_ids) != len(data["scenes"])):
        raise CompiledStoryError("an arc's meters, start or scene ids are not as compiled")
    case_names = {f"case.{case_id}" for case_id in case}
    case_reads = frozenset(map(_text, data["case_reads"]))
    case_writes = frozenset(map(_text, data["case_writes"]))
    if not (case_reads | case_writes) <= case_names:
        raise CompiledStoryError("an arc reads or writes a case entry the story lacks")

    def effect(ops) -> Effect:
        return _effect(ops, kinds)

    def scene_id(value) -> str:
        if _text(value) not in scene_ids:
            raise CompiledStoryError(f"no scene {value!r} in this arc")
        return value
    conditions: dict[str, Any] = {}

    def condition(source):
        if source is None:
            return None
        compiled = conditions.get(source)
        if compiled is None:
            try:
                compiled = compile_condition(_text(source), kinds, scene_ids)
            except ConditionError as error:
                raise CompiledStoryError(f"condition {source!r}: {error.message}") from None
            conditions[source] = compiled
        return compiled

    arc_id = _text(data["id"])
    opening = tuple(Opening(condition(source), effect(ops), _optional(dossier))
                    for source, ops, dossier in data["opening"])
    scenes = {}
    for item in data["scenes"]:
        scene = _scene(item, arc_id, condition, effect, scene_id)
        scenes[scene.id] = scene
    return Arc(
        id=arc_id, title=_text(data["title"]), accused=_text(data["accused"]),
        rank=_optional(data["rank"]), dossier=_text(data["dossier"]),
        start=data["start"], meters=MappingProxyType(meters),
        flags=MappingProxyType(flags), opening=opening, scenes=MappingProxyType(scenes),
        path=_text(data["path"]), line=_number(data["line"]),
        case_reads=case_reads, case_writes=case_writes, in_novel=_flag(data["in_novel"]),
        when=_optional(data["when"]), unlock=_unlock(data["unlock"]),
    )


def _unlock(data) -> tuple[tuple[str, ...], int] | None:
    if data is None:
        return None
    files, count = data
    return tuple(map(_text, files)), _number(count, (1, 999))


def _scene(data: Mapping, arc_id: str, condition, effect, scene_id) -> Scene:
    choices = tuple(
        Choice(index=index, text=_text(text), goto=scene_id(goto), tag=_optional(tag),
               condition=condition(source), locked=_optional(locked), effects=effect(ops),
               path=_text(path), line=_number(line))
        for index, (text, goto, tag, source, locked, ops, path, line)
        in enumerate(data["choices"]))
    routes = tuple(Route(condition(source), scene_id(goto)) for source, goto in data["routes"])
    ending = None
    if data["ending"] is not None:
        title, kind, historical, prompts = data["ending"]
        if type(historical) is not bool:
            raise CompiledStoryError("an ending's 'historical' is not true or false")
        ending = Ending(_text(title), _text(kind), historical, tuple(map(_text, prompts)))
    if [bool(choices), bool(routes), ending is not None].count(True) != 1:
        raise CompiledStoryError("a scene needs choices, routes or an ending, one of them")
    text = _scene_text(data["text"])
    blocks, probes = _compile_text(text, condition, effect)
    return Scene(
        id=_text(data["id"]), arc=arc_id, title=_optional(data["title"]), text=text,
        on_enter=effect(data["on_enter"]), notes=_optional(data["notes"]),
        choices=choices, routes=routes, ending=ending,
        path=_text(data["path"]), line=_number(data["line"]),
        blocks=blocks, probes=probes, when=_optional(data["when"]),
    )


def _scene_text(data) -> str | tuple:
    if isinstance(data, str):
        return data
    items = []
    for item in data:
        if isinstance(item, str):
            items.append(item)
        else:
            source, shown, otherwise = item
            items.append((_text(source), _text(shown), _optional(otherwise)))
    return tuple(items)


def _compile_text(text, condition, effect) -> tuple[tuple, tuple]:
    """The loader's text compiler again, with every mistake fatal (the loader had none)."""
    def compile_in_text(source, where, offset, message):
        if message is not None:
            raise CompiledStoryError(f"scene text: {message}")
        return condition(source)

    def value(name, where, offset) -> bool:
        return True

    compiler = TextCompiler(compile_in_text, value)
    if isinstance(text, str):
        blocks = (TextBlock(None, compiler.paragraphs(text, None)),)
    else:
        built = []
        for item in text:
            if isinstance(item, str):
                built.append(TextBlock(None, compiler.paragraphs(item, None)))
                continue
            source, shown, otherwise = item
            probe = compiler.probe(condition(source))
            built.append(TextBlock(probe, compiler.paragraphs(shown, None),
                                   compiler.paragraphs(otherwise, None) if otherwise else ()))
        blocks = tuple(built)
    for probe in compiler.probes:
        if probe is None:
            raise CompiledStoryError("scene text: a condition did not compile")
    return blocks, tuple(compiler.probes)


def _effect(ops, kinds: Mapping[str, str]) -> Effect:
    """Effects as compiled: a number is added to or set on a numeric name, true/false is
    set on a flag; any other operation is not something the loader could have made."""
    if not ops:
        return NO_EFFECT
    result = []
    for name, mode, amount, low, high in ops:
        kind = kinds.get(_text(name))
        span = METER_RANGE if name in METERS else COUNTER_RANGE
        if type(mode) is not int:
            raise CompiledStoryError(f"an effect on {name!r} is not as compiled")
        adds = (mode == ADD and kind == NUMBER and type(amount) is int
                and (low, high) == span) or (
            mode == FAIR and name in METERS and type(amount) is int
            and 0 < abs(amount) < 100 and (low, high) == span)
        sets = mode == SET and (low, high) == (0, 0) and (
            type(amount) is bool if kind == FLAG
            else kind == NUMBER and type(amount) is int and span[0] <= amount <= span[1])
        if not (adds or sets):
            raise CompiledStoryError(f"an effect on {name!r} is not as compiled")
        result.append((name, mode, amount, low, high))
    return Effect(tuple(result))



def _flag(value) -> bool:
    if type(value) is not bool:
        raise CompiledStoryError(f"expected true or false, found {value!r}")
    return value


def _flag_value(value) -> bool | int:
    if type(value) is bool:
        return value
    return _number(value, COUNTER_RANGE)


def _text(value) -> str:
    if not isinstance(value, str):
        raise CompiledStoryError(f"expected text, found {type(value).__name__}")
    return value


def _optional(value) -> str | None:
    return None if value is None else _text(value)


def _number(value, within: tuple[int, int] | None = None) -> int:
    if type(value) is not int:
        raise CompiledStoryError(f"expected a whole number, found {type(value).__name__}")
    if within is not None and not within[0] <= value <= within[1]:
        raise CompiledStoryError(f"{value} is out of range")
    return value
