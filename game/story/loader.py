"""Load a story folder: read every YAML file, check it, and compile the immutable Story.

Every problem is collected (not only the first) as a `Problem` with file, line and column.
Errors stop the load (`StoryError`); warnings travel on `Story.warnings`.
"""

from __future__ import annotations

import difflib
import gc
import re
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from game.story import conditions as cond
from game.story.locate import MAX_FILES, story_files
from game.story.model import (
    COUNTER_RANGE,
    METER_RANGE,
    METERS,
    NO_EFFECT,
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
from game.story.problems import Problem, StoryError, spelled
from game.story.safetext import excerpt
from game.story.schema import ArcSpec, SceneSpec, StorySpec
from game.story.text import TextBlock, TextCompiler
from game.story.yamlfile import YamlFile, read_yaml

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
DEFAULT_TITLE = "Untitled story"


def load_story(root: str | Path) -> Story:
    """Load and validate the story under `root`. Raises StoryError listing every error."""
    # Loading builds many small objects that all stay alive until the end (the node trees
    # are kept for error locations); the cyclic collector would rescan them again and again,
    # making large stories load in more than linear time. Nothing here makes cycles to free.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _Loader(Path(root)).load()
    finally:
        if collecting:
            gc.enable()


@dataclass
class _FileShape:
    story: StorySpec | None = None
    arc: ArcSpec | str | None = None
    scenes: dict[str, SceneSpec] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)


@dataclass
class _ArcDraft:
    spec: ArcSpec
    file: YamlFile
    scenes: dict[str, tuple[SceneSpec, YamlFile]] = field(default_factory=dict)
    broken: set[str] = field(default_factory=set)


class _Loader:
    def __init__(self, root: Path):
        self.root = root
        self.problems: list[Problem] = []
        # arcs declared in a section with errors: other files naming them are not told
        # the arc does not exist (the section's own errors say what is wrong)
        self.broken_arcs: set[str] = set()
        self.broken_case: dict[str, str] = {}  # entries such an arc declares, and the arc

    def error(self, file: YamlFile | Path, loc: tuple, message: str, *, key: bool = False,
              severity: str = "error", offset: int | None = None) -> None:
        if isinstance(file, YamlFile):
            mark = file.mark_of(loc, key=key)
            problem = Problem.at(file.path, mark, message, severity)
            if offset is not None and mark is not None:
                place = file.position_in(loc, offset)
                if place is not None:
                    problem = Problem(problem.path, place[0], place[1], message, severity)
        else:
            problem = Problem.at(file, None, message, severity)
        self.problems.append(problem)

    def warn(self, file, loc, message, **kwargs) -> None:
        self.error(file, loc, message, severity="warning", **kwargs)

    # -- reading ---------------------------------------------------------------------------

    def load(self) -> Story:
        if not self.root.is_dir():
            raise StoryError([Problem(str(self.root), 1, 1,
                                      "story folder not found (give the folder that holds "
                                      "the scene files)")])
        paths = story_files(self.root)
        if not paths:
            raise StoryError([Problem(str(self.root), 1, 1,
                                      "no .yaml files here: this folder holds no story")])
        if len(paths) > MAX_FILES:
            raise StoryError([Problem(str(self.root), 1, 1,
                                      f"too many files ({len(paths)}; the limit is {MAX_FILES})")])
        parsed: list[tuple[YamlFile, _FileShape]] = []
        unreadable = False
        for path in paths:
            file, problems = read_yaml(path, self.root)
            self.problems.extend(problems)
            unreadable |= file is None and any(p.is_error for p in problems)
            if file is None or file.data is None:
                continue
            spec = self.check_shape(file)
            if spec is not None:
                parsed.append((file, spec))
        if unreadable:
            # What an unreadable file declares is unknown: checks across files would only
            # report its absence (`no arc 'x'`) in the files that name it.
            raise StoryError(self.problems)
        story = self.assemble(parsed)
        errors = [p for p in self.problems if p.is_error]
        if errors or story is None:
            raise StoryError(self.problems)
        return story

    def check_shape(self, file: YamlFile) -> _FileShape | None:
        """Check the file's shape section by section, scene by scene, so that one bad
        scene does not hide the problems of the others."""
        data = file.data
        if not isinstance(data, dict):
            self.error(file, (), "the top level must be a mapping with the keys story, arc "
                       "and/or scenes")
            return None
        shape = _FileShape()
        for key in data:
            if key not in ("story", "arc", "scenes"):
                self.error(file, (key,), f"unknown key {excerpt(key)!r} (allowed here: story, arc, "
                           "scenes)", key=True)
        if "story" in data:
            shape.story = self.validate(file, StorySpec, data["story"], ("story",))
        if "arc" in data:
            arc = data["arc"]
            if isinstance(arc, str):
                if _IDENTIFIER.match(arc):
                    shape.arc = arc
                else:
                    self.error(file, ("arc",), f"{arc!r} is not a valid arc id: use letters, "
                               "digits and underscores, starting with a letter")
            elif isinstance(arc, dict):
                shape.arc = self.validate(file, ArcSpec, arc, ("arc",))
                if shape.arc is None and isinstance(arc.get("id"), str):
                    self.broken_arcs.add(arc["id"])
                    if isinstance(arc.get("case"), dict):
                        self.broken_case.update(
                            (key, arc["id"]) for key in arc["case"] if isinstance(key, str))
            else:
                self.error(file, ("arc",), "arc: expected an arc id, or a mapping that "
                           "declares the arc")
        if "scenes" in data:
            scenes = data["scenes"]
            if not isinstance(scenes, dict):
                self.error(file, ("scenes",), "scenes: expected a mapping of scene id to scene")
            else:
                for scene_id, scene in scenes.items():
                    if not _IDENTIFIER.match(scene_id):
                        self.error(file, ("scenes", scene_id), f"{scene_id!r} is not a valid "
                                   "scene id: use letters, digits and underscores, starting "
                                   "with a letter", key=True)
                        continue
                    spec = self.validate(file, SceneSpec, scene, ("scenes", scene_id))
                    if spec is None:
                        shape.broken.add(scene_id)
                    else:
                        shape.scenes[scene_id] = spec
        return shape

    def validate(self, file: YamlFile, model, value, prefix: tuple):
        try:
            return model.model_validate(value)
        except ValidationError as error:
            self.report_validation(file, error, prefix)
            return None

    def report_validation(self, file: YamlFile, error: ValidationError, prefix: tuple) -> None:
        grouped: dict[tuple, list[dict]] = {}
        for item in error.errors():
            loc = _data_loc(file.data, prefix + tuple(item["loc"]))
            grouped.setdefault(loc, []).append(item)
        for loc in list(grouped):
            # A union (such as `int | bool | "=N"`) fails once per member; where a member got
            # further into the data, the shallow "wrong type" failures are noise.
            if any(other != loc and other[:len(loc)] == loc for other in grouped) and all(
                    i["type"].endswith("_type") for i in grouped[loc]):
                del grouped[loc]
        for loc, items in grouped.items():
            specific = [i for i in items if not i["type"].endswith("_type")
                        and i["type"] not in ("model_type", "literal_error")] or items
            if any(i["type"] == "extra_forbidden" for i in specific):
                allowed = _allowed_keys(loc)
                hint = f" (allowed here: {', '.join(allowed)})" if allowed else ""
                self.error(file, loc, f"unknown key {excerpt(loc[-1])!r}{hint}", key=True)
                continue
            messages = []
            for item in specific:
                message = _friendly(item, file.data, loc)
                if message not in messages:
                    messages.append(message)
            where = ".".join(str(step) for step in loc) or "file"
            self.error(file, loc, f"{where}: {'; or '.join(messages)}", key=False)

    # -- assembling ------------------------------------------------------------------------

    def assemble(self, parsed: list[tuple[YamlFile, _FileShape]]) -> Story | None:
        story_spec: StorySpec | None = None
        story_file: YamlFile | None = None
        drafts: dict[str, _ArcDraft] = {}
        pending: list[tuple[str, YamlFile, _FileShape]] = []
        for file, spec in parsed:
            if spec.story is not None:
                if story_spec is not None:
                    self.error(file, ("story",), f"a second 'story' section (the first is in "
                               f"{story_file.path.name}): keep exactly one", key=True)
                else:
                    story_spec, story_file = spec.story, file
            if isinstance(spec.arc, ArcSpec):
                if spec.arc.id in drafts:
                    other = drafts[spec.arc.id].file.path.name
                    self.error(file, ("arc", "id"), f"arc {spec.arc.id!r} is declared twice "
                               f"(also in {other})")
                else:
                    drafts[spec.arc.id] = _ArcDraft(spec.arc, file)
                if spec.scenes or spec.broken:
                    pending.append((spec.arc.id, file, spec))
            elif isinstance(spec.arc, str):
                if spec.scenes or spec.broken:
                    pending.append((spec.arc, file, spec))
            elif (spec.scenes or spec.broken) and "arc" not in file.data:
                self.error(file, ("scenes",), "scenes need an arc: add 'arc: ARC_ID' at the "
                           "top of this file (or declare the arc here)", key=True)
        for arc_id, file, spec in pending:
            draft = drafts.get(arc_id)
            if draft is None and arc_id in self.broken_arcs:
                continue
            if draft is None:
                self.error(file, ("arc",), f"no arc {arc_id!r} is declared"
                           + _did_you_mean(arc_id, drafts))
                continue
            for scene_id, scene_spec in spec.scenes.items():
                if scene_id in draft.scenes:
                    other = draft.scenes[scene_id][1].path.name
                    self.error(file, ("scenes", scene_id), f"scene {scene_id!r} is defined "
                               f"twice in arc {arc_id!r} (also in {other})", key=True)
                    continue
                draft.scenes[scene_id] = (scene_spec, file)
            draft.broken |= spec.broken
        if story_spec is None and (drafts or parsed):
            story_spec = StorySpec(title=DEFAULT_TITLE)
        if story_spec is None:
            return None
        timeline = tuple(story_spec.timeline or ())
        self.timeline = {point: index for index, point in enumerate(timeline)}
        if story_file is not None and len(self.timeline) != len(timeline):
            self.error(story_file, ("story", "timeline"), "the timeline names a moment twice")
        case = {key: CaseEntry(key, entry.text, entry.by, entry.names, entry.known,
                               entry.novel)
                for key, entry in story_spec.case.items()}
        if story_file is not None:
            for key, entry in story_spec.case.items():
                self.check_time(story_file, ("story", "case", key, "known"), entry.known)
        for arc_id, draft in drafts.items():
            for key, entry in draft.spec.case.items():
                loc = ("arc", "case", key)
                if entry.by is not None and entry.by != arc_id:
                    self.error(draft.file, loc + ("by",), f"an entry declared in arc "
                               f"{arc_id!r} is written by it: remove 'by: {entry.by}'")
                if key in case:
                    where = case[key].by or "story.yaml"
                    self.error(draft.file, loc, f"case entry {key!r} is declared twice "
                               f"(also by {where})", key=True)
                    continue
                self.check_time(draft.file, loc + ("known",), entry.known)
                case[key] = CaseEntry(key, entry.text, arc_id, entry.names, entry.known,
                                      entry.novel)
        if story_file is not None:
            for key, entry in story_spec.case.items():
                # `names` may point at a man whose arc is not written yet; `by` may not.
                for role in ("by",):
                    arc_id = getattr(entry, role)
                    if arc_id is not None and arc_id not in drafts \
                            and arc_id not in self.broken_arcs:
                        self.warn(story_file, ("story", "case", key, role),
                                  f"no arc {arc_id!r} in this story (yet)"
                                  + _did_you_mean(arc_id, drafts))
        for key, arc_id in self.broken_case.items():
            # reads of them are not "unknown": the broken section's own errors come first
            case.setdefault(key, CaseEntry(key, "", arc_id, None))
        arcs = [arc for draft in drafts.values()
                if (arc := self.compile_arc(draft, case)) is not None]
        order = list(story_spec.arcs or [])
        if story_file is not None:
            for index, arc_id in enumerate(order):
                if arc_id not in drafts and arc_id not in self.broken_arcs:
                    self.error(story_file, ("story", "arcs", index), f"no arc {arc_id!r}"
                               + _did_you_mean(arc_id, drafts))
        rank = {arc_id: i for i, arc_id in enumerate(order)}
        arcs.sort(key=lambda a: (rank.get(a.id, len(rank)), a.id))
        if not arcs and not any(p.is_error for p in self.problems):
            self.error(story_file.path if story_file else self.root, (),
                       "the story declares no arc: add a file with an 'arc:' section")
        for arc in arcs:
            if arc.unlock is not None:
                for index, arc_id in enumerate(arc.unlock[0]):
                    if (arc_id not in drafts and arc_id not in self.broken_arcs
                            or arc_id == arc.id):
                        self.error(drafts[arc.id].file, ("arc", "unlock", "after", index),
                                   f"unlock: no other arc {arc_id!r}"
                                   + _did_you_mean(arc_id, drafts))
        return Story(
            title=story_spec.title, subtitle=story_spec.subtitle, arcs=tuple(arcs),
            case=MappingProxyType(case), root=str(self.root),
            warnings=tuple(sorted(p for p in self.problems if not p.is_error)),
            timeline=timeline,
        )

    def check_time(self, file: YamlFile, loc: tuple, point: str | None) -> None:
        """A `when` or `known` must name a moment of the story's timeline."""
        if point is None or point in self.timeline:
            return
        if not self.timeline:
            self.error(file, loc, f"{point!r}: the story declares no timeline; add "
                       "'timeline: [...]' under story in story.yaml, in order")
        else:
            self.error(file, loc, f"{point!r} is not on the timeline ("
                       + ", ".join(self.timeline) + ")" + _did_you_mean(point, self.timeline))

    # -- compiling an arc ------------------------------------------------------------------

    def compile_arc(self, draft: _ArcDraft, case: dict[str, CaseEntry]) -> Arc | None:
        spec, arc_file = draft.spec, draft.file
        flags = {}
        for name, default in spec.flags.items():
            if name in METERS:
                self.error(arc_file, ("arc", "flags", name),
                           f"{name!r} is a meter; pick another name for the flag", key=True)
                continue
            flags[name] = default
        kinds = name_kinds(flags, case)
        compiler = _ArcCompiler(self, spec.id, kinds, set(draft.scenes) | draft.broken, case)
        self.check_time(arc_file, ("arc", "when"), spec.when)
        compiler.when = compiler.arc_when = (spec.when, arc_file, ("arc", "when"))
        if draft.broken:
            self.scenes_only_checked(compiler, draft)
            return None
        if not draft.scenes:
            self.error(arc_file, ("arc", "id"), f"arc {spec.id!r} has no scenes")
            return None
        if spec.start not in draft.scenes:
            self.error(arc_file, ("arc", "start"), f"start scene {spec.start!r} is not in arc "
                       f"{spec.id!r}" + _did_you_mean(spec.start, draft.scenes))
        opening = tuple(
            Opening(compiler.condition(arc_file, ("arc", "opening", i, "if"), item.if_),
                    compiler.effects(arc_file, ("arc", "opening", i, "effects"), item.effects),
                    item.dossier)
            for i, item in enumerate(spec.opening))
        scenes = {scene_id: compiler.scene(scene_id, scene_spec, file)
                  for scene_id, (scene_spec, file) in draft.scenes.items()}
        arc = Arc(
            id=spec.id, title=spec.title, accused=spec.accused, rank=spec.rank,
            dossier=spec.dossier.strip(), start=spec.start,
            meters=MappingProxyType(spec.meters.model_dump()),
            flags=MappingProxyType(dict(spec.flags)), opening=opening,
            scenes=MappingProxyType(scenes), path=str(arc_file.path),
            line=(arc_file.mark_of(("arc",)) or _Zero).line + 1,
            case_reads=frozenset(compiler.case_reads), case_writes=frozenset(compiler.case_writes),
            in_novel=spec.in_novel, when=spec.when,
            unlock=None if spec.unlock is None else (tuple(spec.unlock.after),
                                                     spec.unlock.count),
        )
        if not spec.in_novel:
            for scene_id, scene in scenes.items():
                if scene.ending is not None and scene.ending.historical:
                    file = draft.scenes[scene_id][1]
                    self.error(file, ("scenes", scene_id, "ending", "historical"),
                               f"arc {spec.id!r} is not in the novel (in_novel: false): none "
                               "of its endings can be the novel's; remove 'historical'")
        if spec.start in scenes and not compiler.malformed:
            # (with a malformed scene, what cannot be reached is only its consequence)
            self.check_graph(arc, draft)
        return arc

    def scenes_only_checked(self, compiler: _ArcCompiler, draft: _ArcDraft) -> None:
        """Some scenes are malformed: still check the others, but build no arc."""
        for scene_id, (scene_spec, file) in draft.scenes.items():
            compiler.scene(scene_id, scene_spec, file)

    def check_graph(self, arc: Arc, draft: _ArcDraft) -> None:
        seen = {arc.start}
        queue = deque([arc.start])
        while queue:
            scene = arc.scenes[queue.popleft()]
            for target in scene.targets:
                if target in arc.scenes and target not in seen:
                    seen.add(target)
                    queue.append(target)
        for scene_id in arc.scenes:
            if scene_id not in seen:
                file = draft.scenes[scene_id][1]
                self.warn(file, ("scenes", scene_id), f"scene {scene_id!r} cannot be reached "
                          f"from the start of arc {arc.id!r}", key=True)
        if not any(s.is_ending for sid, s in arc.scenes.items() if sid in seen):
            self.error(draft.file, ("arc", "start"), f"arc {arc.id!r} has no ending reachable "
                       "from its start")
        # A loop made only of routes would spin for ever without the player choosing anything.
        for scene_id, scene in arc.scenes.items():
            if not scene.routes:
                continue
            trail, current = [scene_id], scene
            while current.routes and len(trail) <= len(arc.scenes):
                nexts = [r.goto for r in current.routes if r.goto in arc.scenes]
                loop = next((n for n in nexts if n in trail), None)
                if loop is not None:
                    file = draft.scenes[scene_id][1]
                    chain = " -> ".join(trail + [loop])
                    self.error(file, ("scenes", scene_id, "routes"), "routes loop back to "
                               f"{loop!r} with no choice in between: {chain}")
                    break
                routed = [n for n in nexts if arc.scenes[n].routes]
                if not routed:
                    break
                trail.append(routed[0])
                current = arc.scenes[routed[0]]


class _Zero:
    line = 0


class _ArcCompiler:
    """Compiles one arc's conditions, effects and scenes, reporting problems to the loader."""

    def __init__(self, loader: _Loader, arc_id: str, kinds: dict[str, str], scenes: set[str],
                 case: dict[str, CaseEntry] | None = None):
        self.loader = loader
        self.arc_id = arc_id
        self.kinds = kinds
        self.scenes = scenes
        self.case = case or {}
        self.cache: dict[str, cond.Condition] = {}
        self.effect_cache: dict[tuple, Effect] = {}
        self.case_reads: set[str] = set()
        self.case_writes: set[str] = set()
        self.malformed: set[str] = set()  # scenes without exactly one of choices/routes/ending
        # (moment, file, loc) of the arc, and of the scene being compiled: reads of the case
        # file are checked against it
        self.arc_when: tuple = (None, None, ())
        self.when: tuple = self.arc_when

    def condition(self, file: YamlFile, loc: tuple, source: str | None,
                  offset: int = 0) -> cond.Condition | None:
        """Compile a condition found at `loc` (at `offset` inside that string)."""
        if source is None:
            return None
        compiled = self.cache.get(source)
        if compiled is None:
            try:
                compiled = cond.compile_condition(source, self.kinds, self.scenes)
            except cond.ConditionError as error:
                self.loader.error(file, loc, f"condition {source!r}: {error.message}",
                                  offset=offset + error.offset)
                return None
            self.cache[source] = compiled
        reads = [n for n in compiled.names if n.startswith("case.")]
        self.case_reads.update(reads)
        for name in reads:
            self.check_read(file, loc, name, source, offset)
        return compiled

    def check_read(self, file: YamlFile, loc: tuple, name: str, source: str,
                   offset: int) -> None:
        """No read of a case entry before the moment it can be known."""
        entry = self.case.get(name[5:])
        timeline = self.loader.timeline
        if entry is None or entry.known not in timeline:
            return
        moment = self.when[0]
        if moment is None or moment not in timeline:
            if moment is None and timeline:
                self.loader.error(file, loc, f"reads {name}, known only from "
                                  f"{entry.known!r}, but arc {self.arc_id!r} does not say when "
                                  "it happens: add 'when: ...' to the arc (or the scene)",
                                  offset=offset + source.find(name))
            return
        if timeline[moment] < timeline[entry.known]:
            self.loader.error(file, loc, f"reads {name} at {moment!r}, before it can be "
                              f"known ({entry.known!r}): move the read to a scene with a "
                              f"later 'when', or the entry's 'known' earlier",
                              offset=offset + source.find(name))

    def effects(self, file: YamlFile, loc: tuple, spec: dict[str, Any]) -> Effect:
        if not spec:
            return NO_EFFECT
        key = tuple(spec.items())
        cached = self.effect_cache.get(key)
        if cached is not None:
            self.case_writes.update(n for n in spec if n.startswith("case."))
            return cached
        ops = []
        for name, value in spec.items():
            kind = self.kinds.get(name)
            if kind is None:
                self.loader.error(file, loc + (name,),
                                  cond._unknown_name_message(name, self.kinds), key=True)
                continue
            if kind == cond.FLAG:
                if not isinstance(value, bool):
                    self.loader.error(file, loc + (name,), f"{name!r} is true/false: write "
                                      f"'{name}: true' or '{name}: false'")
                    continue
                ops.append(Effect.setting(name, value))
                if name.startswith("case."):
                    self.case_writes.add(name)
                continue
            low, high = METER_RANGE if name in METERS else COUNTER_RANGE
            if isinstance(value, str) and value.startswith("%"):
                if name not in METERS:
                    self.loader.error(file, loc + (name,), f"{value!r}: fairmath ('%+N', "
                                      "'%-N') moves a meter (loyalty, fear, suspicion); "
                                      f"change the counter {name!r} with '+N' or '-N'")
                    continue
                ops.append(Effect.fair(name, int(value[1:]), low, high))
                continue
            if isinstance(value, bool):
                self.loader.error(file, loc + (name,), f"{name!r} is a number: write a change "
                                  f"such as '+10' or '-5', or a value such as '\"=40\"'")
            elif isinstance(value, int):
                ops.append(Effect.adding(name, value, low, high))
            else:
                digits = value.lstrip("= ")  # any longer is above the range (and int() refuses it)
                target = int(digits) if len(digits) <= 18 else high
                ops.append(Effect.setting(name, min(high, max(low, target))))
        effect = Effect(tuple(ops))
        self.effect_cache[key] = effect
        return effect

    def target(self, file: YamlFile, loc: tuple, goto: str) -> None:
        if goto not in self.scenes:
            self.loader.error(file, loc, f"goto {goto!r}: no such scene in arc "
                              f"{self.arc_id!r}" + _did_you_mean(goto, self.scenes))

    def scene(self, scene_id: str, spec: SceneSpec, file: YamlFile) -> Scene:
        base = ("scenes", scene_id)
        self.loader.check_time(file, base + ("when",), spec.when)
        self.when = (spec.when, file, base) if spec.when is not None else self.arc_when
        kinds_given = [k for k in ("choices", "routes", "ending") if getattr(spec, k) is not None]
        if len(kinds_given) != 1:
            message = (f"scene {scene_id!r} needs exactly one of 'choices', 'routes' or "
                       "'ending' " + (f"(it has {' and '.join(kinds_given)})" if kinds_given
                                     else "(it has none: choices let the player pick, routes "
                                     "let the story pick, an ending closes the file)"))
            self.loader.error(file, base, message, key=True)
            self.malformed.add(scene_id)
        if spec.text is None and spec.routes is None:
            self.loader.error(file, base, f"scene {scene_id!r} has no 'text'", key=True)
        if spec.choices is not None and not spec.choices:
            self.loader.error(file, base + ("choices",), "an empty list of choices would "
                              "strand the player: add a choice or make this an ending")
        choices = []
        for index, item in enumerate(spec.choices or ()):
            loc = base + ("choices", index)
            self.target(file, loc + ("goto",), item.goto)
            if item.locked is not None and item.if_ is None:
                self.loader.warn(file, loc + ("locked",), "'locked' has no effect without "
                                 "an 'if' condition", key=True)
            choices.append(Choice(
                index=index, text=item.text, goto=item.goto, tag=item.tag,
                condition=self.condition(file, loc + ("if",), item.if_), locked=item.locked,
                effects=self.effects(file, loc + ("effects",), item.effects),
                path=str(file.path), line=(file.mark_of(loc) or _Zero).line + 1,
            ))
        routes = []
        for index, item in enumerate(spec.routes or ()):
            loc = base + ("routes", index)
            self.target(file, loc + ("goto",), item.goto)
            routes.append(Route(self.condition(file, loc + ("if",), item.if_), item.goto))
        if spec.routes and spec.routes[-1].if_ is not None:
            self.loader.warn(file, base + ("routes",), f"scene {scene_id!r}: the last route "
                             "has an 'if': when no "
                             "route holds the player is stranded; end with a plain "
                             "'- goto: ...'", key=True)
        ending = None
        if spec.ending is not None:
            e = spec.ending
            ending = Ending(e.title, e.kind, e.historical, tuple(e.prompts))
        text = _text_source(spec.text)
        blocks, probes = self.text(file, base + ("text",), text)
        return Scene(
            id=scene_id, arc=self.arc_id, title=spec.title, text=text,
            on_enter=self.effects(file, base + ("on_enter",), spec.on_enter),
            notes=spec.notes.strip() if spec.notes else None,
            choices=tuple(choices), routes=tuple(routes), ending=ending,
            path=str(file.path), line=(file.mark_of(base, key=True) or _Zero).line + 1,
            blocks=blocks, probes=probes, when=spec.when,
        )

    def text(self, file: YamlFile, loc: tuple, text) -> tuple[tuple, tuple]:
        """Compile a scene's text (see game.story.text) into blocks and probes, reporting
        each mistake at its place inside the string."""
        def where_of(where) -> tuple:
            if where is None:
                return loc
            index, part = where
            return loc + ((index,) if part is None else (index, part))

        def condition(source, where, offset, message):
            place = where_of(where)
            if message is not None:
                self.loader.error(file, place, message, offset=offset)
                return None
            return self.condition(file, place, source, offset or 0)

        def check_value(name, where, offset) -> bool:
            if self.kinds.get(name) == cond.NUMBER:
                return True
            known = "a flag or case entry (use {if ...})" if name in self.kinds else "unknown"
            self.loader.error(file, where_of(where), f"{{{name}}}: {name!r} is {known}; "
                              "{NAME} shows a meter or a counter", offset=offset)
            return False

        compiler = TextCompiler(condition, check_value)
        if isinstance(text, str):
            return (TextBlock(None, compiler.paragraphs(text, None)),), tuple(compiler.probes)
        blocks = []
        for index, item in enumerate(text):
            if isinstance(item, str):
                blocks.append(TextBlock(None, compiler.paragraphs(item, (index, None))))
                continue
            source, shown, otherwise = item
            found = self.condition(file, loc + (index, "if"), source)
            probe = compiler.probe(found) if found is not None else None
            then = compiler.paragraphs(shown, (index, "text"))
            other = compiler.paragraphs(otherwise, (index, "else")) if otherwise else ()
            if probe is None:
                continue
            blocks.append(TextBlock(probe, then, other))
        return tuple(blocks), tuple(compiler.probes)


def _text_source(text) -> str | tuple:
    """A scene's text as the compiled story keeps it: a string, or a tuple whose items are
    strings and (condition, text, else) triples."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return tuple(item if isinstance(item, str) else (item.if_, item.text, item.else_)
                 for item in text)


def _did_you_mean(word: str, options) -> str:
    close = difflib.get_close_matches(word, list(options), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _data_loc(data: Any, loc: tuple) -> tuple:
    """Keep the steps of a pydantic error location that exist in the data."""
    result = []
    node = data
    for step in loc:
        if isinstance(node, dict) and isinstance(step, str) and step in node:
            result.append(step)
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node):
            result.append(step)
            node = node[step]
        elif isinstance(node, dict) and step == "if_" and "if" in node:
            result.append("if")
            node = node["if"]
        elif isinstance(node, dict) and isinstance(step, str) and step == loc[-1]:
            result.append(step)  # a missing or unknown key: keep its name for the message
            break
    return tuple(result)


def _allowed_keys(loc: tuple) -> list[str]:
    from game.story import schema

    parent = loc[:-1]
    shapes = {
        (): schema.StoryFileSpec, ("story",): schema.StorySpec, ("arc",): schema.ArcSpec,
        ("arc", "meters"): schema.MetersSpec, ("arc", "opening", "*"): schema.OpeningSpec,
        ("story", "case", "*"): schema.CaseEntrySpec, ("scenes", "*"): schema.SceneSpec,
        ("scenes", "*", "choices", "*"): schema.ChoiceSpec,
        ("scenes", "*", "routes", "*"): schema.RouteSpec,
        ("scenes", "*", "ending"): schema.EndingSpec,
    }
    for pattern, model in shapes.items():
        if len(pattern) == len(parent) and all(
                p == "*" or p == s for p, s in zip(pattern, parent, strict=True)):
            return [f.alias or name for name, f in model.model_fields.items()]
    return []


def _shown(value) -> str:
    """A value in a message as the story spells it: 'text' quoted, `false` not `False`."""
    return repr(value) if isinstance(value, str) else spelled(value)


def _friendly(item: dict, data: Any, loc: tuple) -> str:
    kind = item["type"]
    if kind == "missing":
        return f"missing required key {item['loc'][-1]!r}"
    if kind in ("string_type", "str_type"):
        return "expected text"
    if kind in ("int_type", "int_parsing"):
        return "expected a whole number"
    if kind == "bool_type":
        return "expected true or false"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a mapping (key: value lines)"
    if kind == "list_type":
        return "expected a list ('- ' items)"
    if kind == "string_pattern_mismatch":
        value = item.get("input")
        if isinstance(value, str) and value.startswith("="):
            return f"{value!r} is not a value: write it as \"=40\""
        return (f"{value!r} is not a valid id: use letters, digits and underscores, "
                "starting with a letter")
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"{_shown(item.get('input'))} is out of range ({item['msg'].lower()})"
    if kind == "literal_error":
        return f"{_shown(item.get('input'))}: {item['msg'].lower()}"
    if kind == "too_long":
        return item["msg"].lower()
    return item["msg"]
