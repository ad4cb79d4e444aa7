"""The explorer: walks an arc's whole state space, or plays it at random, to test a story.

Exhaustive mode visits every reachable (scene, values, relevant visits) state breadth-first,
up to a bound. Random mode plays seeded random playthroughs in the spirit of ChoiceScript's
randomtest: the same seed gives the same runs. Both use the story's compiled `Condition` and
`Effect` objects, the very ones the game's machines call.
"""

from __future__ import annotations

import itertools
import operator
import random
from collections import deque
from dataclasses import dataclass, field

from game.story.conditions import Condition
from game.story.model import METERS, Arc, Scene, Story
from game.story.text import variants

DEFAULT_MAX_STATES = 200_000
MAX_RANDOM_STEPS = 2_000
MAX_CASE_COMBINATIONS = 64


@dataclass
class EndingReport:
    id: str
    title: str
    kind: str
    historical: bool
    reachable: bool = False
    meter_ranges: dict[str, list[int]] = field(default_factory=dict)
    runs: int = 0

    def note(self, values: dict) -> None:
        self.reachable = True
        for meter in METERS:
            value = values[meter]
            span = self.meter_ranges.get(meter)
            if span is None:
                self.meter_ranges[meter] = [value, value]
            else:
                span[0] = min(span[0], value)
                span[1] = max(span[1], value)


@dataclass
class Stranding:
    scene: str
    path: str
    line: int
    values: dict
    reason: str


@dataclass
class ArcReport:
    arc: Arc
    mode: str
    states: int = 0
    complete: bool = True
    endings: dict[str, EndingReport] = field(default_factory=dict)
    reached_scenes: set[str] = field(default_factory=set)
    available_choices: set[tuple[str, int]] = field(default_factory=set)
    taken_choices: dict[tuple[str, int], int] = field(default_factory=dict)
    scene_visits: dict[str, int] = field(default_factory=dict)
    stranded: list[Stranding] = field(default_factory=list)
    runs: int = 0
    loops: int = 0
    seed: int | None = None
    readings_seen: dict[str, set[tuple[int, object]]] = field(default_factory=dict)
    # random play only: steps taken, steps with each meter at 0 or 100, choices shown, and
    # of those the ones shown locked
    steps: int = 0
    pinned: dict[str, int] = field(default_factory=dict)
    shown_choices: int = 0
    locked_choices: int = 0

    def note_reading(self, scene: Scene, values: dict, visited) -> None:
        seen = self.readings_seen.setdefault(scene.id, set())
        for index, value in enumerate(scene.reading(values, visited)):
            if isinstance(value, bool):
                seen.add((index, value))

    @property
    def unshown_variants(self) -> list[tuple[Scene, str]]:
        """Conditional text in reached scenes that no state reached ever shows."""
        found = []
        for scene in self.arc.scenes.values():
            if not scene.probes or scene.id not in self.reached_scenes:
                continue
            seen = self.readings_seen.get(scene.id, set())
            for probe, outcome, words in variants(scene.blocks, scene.probes):
                if (probe, outcome) not in seen:
                    found.append((scene, words))
        return found

    @property
    def unreachable_scenes(self) -> list[str]:
        return [s for s in self.arc.scenes if s not in self.reached_scenes]

    @property
    def unavailable_choices(self) -> list[tuple[Scene, int]]:
        return [(scene, c.index) for scene in self.arc.scenes.values() for c in scene.choices
                if (scene.id, c.index) not in self.available_choices]

    @property
    def untaken_choices(self) -> list[tuple[Scene, int]]:
        return [(scene, c.index) for scene in self.arc.scenes.values() for c in scene.choices
                if (scene.id, c.index) not in self.taken_choices]

    def tag_counts(self) -> dict[str, int]:
        counts = {"obey": 0, "betray": 0}
        for scene in self.arc.scenes.values():
            for choice in scene.choices:
                if choice.tag in counts:
                    counts[choice.tag] += 1
        return counts

    def to_json(self) -> dict:
        arc = self.arc
        data = {
            "id": arc.id, "title": arc.title, "accused": arc.accused,
            "scenes": len(arc.scenes), "words": arc.words,
            "choices": sum(len(s.choices) for s in arc.scenes.values()),
            "endings": [
                {"id": e.id, "title": e.title, "kind": e.kind, "historical": e.historical,
                 "reachable": e.reachable, "meter_ranges": e.meter_ranges,
                 **({"runs": e.runs} if self.mode == "random" else {})}
                for e in self.endings.values()],
            "unreachable_scenes": self.unreachable_scenes,
            "tags": self.tag_counts(),
            "mode": self.mode, "states": self.states, "complete": self.complete,
            "choices_never_available": [
                {"scene": s.id, "choice": i + 1, "text": s.choices[i].text,
                 "path": s.choices[i].path, "line": s.choices[i].line}
                for s, i in self.unavailable_choices],
            "stranded": [{"scene": s.scene, "path": s.path, "line": s.line,
                          "values": s.values, "reason": s.reason} for s in self.stranded],
            "text_variants_never_shown": [
                {"scene": scene.id, "path": scene.path, "line": scene.line, "text": words}
                for scene, words in self.unshown_variants],
        }
        if self.mode == "random":
            data.update({
                "runs": self.runs, "seed": self.seed, "loops": self.loops,
                "scenes_not_reached": [
                    {"scene": sid, "path": arc.scenes[sid].path, "line": arc.scenes[sid].line}
                    for sid in self.unreachable_scenes],
                "choices_never_taken": [
                    {"scene": s.id, "choice": i + 1, "text": s.choices[i].text,
                     "path": s.choices[i].path, "line": s.choices[i].line}
                    for s, i in self.untaken_choices],
                "scene_coverage": round(len(self.reached_scenes) / len(arc.scenes), 4),
            })
        return data


def case_combinations(arc: Arc) -> list[dict[str, bool]]:
    """Every case file the arc could open with, as far as the entries it reads go."""
    reads = sorted(key[5:] for key in arc.case_reads)
    combos = [dict(zip(reads, bits, strict=False)) for bits in itertools.product((False, True),
                                                                   repeat=len(reads))]
    return combos[:MAX_CASE_COMBINATIONS]


def opening_values(arc: Arc, case: dict[str, bool]) -> dict:
    values = arc.initial_values(case)
    for opening in arc.opening:
        if opening.condition is None or opening.condition(values, ()):
            opening.effects.apply(values)
    return values


def _relevant_visits(arc: Arc) -> frozenset[str]:
    visits: set[str] = set()
    for scene in arc.scenes.values():
        for item in scene.choices + scene.routes:
            if item.condition is not None:
                visits |= item.condition.visits
        for probe in scene.probes:
            if isinstance(probe, Condition):
                visits |= probe.visits
    return frozenset(visits)


class _Walker:
    """Entering scenes and following routes, shared by both modes."""

    def __init__(self, arc: Arc, report: ArcReport):
        self.arc = arc
        self.scenes = arc.scenes
        self.relevant = _relevant_visits(arc)
        self.report = report

    def enter(self, scene_id: str, values: dict, visited: set) -> str | None:
        """Enter a scene and follow its routes; returns where the player stops (or None)."""
        scenes = self.scenes
        for _ in range(len(scenes) + 1):
            scene = scenes[scene_id]
            scene.on_enter.apply(values)
            if scene_id in self.relevant:
                visited.add(scene_id)
            if not scene.routes:
                return scene_id
            if scene.probes:
                self.report.note_reading(scene, values, visited)
            for route in scene.routes:
                if route.condition is None or route.condition(values, visited):
                    scene_id = route.goto
                    break
            else:
                self.strand(scene, values, "no route holds")
                return None
        self.strand(scenes[scene_id], values, "routes loop without end")
        return None

    def strand(self, scene: Scene, values: dict, reason: str) -> None:
        if len(self.report.stranded) < 20 and all(s.scene != scene.id
                                                  for s in self.report.stranded):
            self.report.stranded.append(Stranding(scene.id, scene.path, scene.line,
                                                  dict(values), reason))


def explore_arc(arc: Arc, max_states: int = DEFAULT_MAX_STATES) -> ArcReport:
    """Visit every reachable state of the arc, breadth-first, up to `max_states`."""
    report = ArcReport(arc, "exhaustive")
    report.endings = {s.id: EndingReport(s.id, s.ending.title, s.ending.kind,
                                         s.ending.historical) for s in arc.endings}
    walker = _Walker(arc, report)
    snapshot = operator.itemgetter(*sorted(arc.initial_values({})), "loyalty")
    # Entering a "quiet" scene changes nothing: no on-enter effects, no routes, and no
    # condition asks whether it was visited. Most scenes are quiet; skip the work for them.
    quiet = {sid for sid, sc in arc.scenes.items()
             if not sc.on_enter and not sc.routes and sid not in walker.relevant}
    table = {sid: tuple((c.condition.test if c.condition else None,
                         c.effects.apply if c.effects else None, c.goto, c.index)
                        for c in sc.choices)
             for sid, sc in arc.scenes.items()}
    seen: set = set()
    queue: deque = deque()
    available = report.available_choices

    def enter(target: str, values: dict, visited: frozenset):
        if target in quiet:
            return target, visited
        opened = set(visited)
        stop = walker.enter(target, values, opened)
        return stop, (visited if len(opened) == len(visited) else frozenset(opened))

    for case in case_combinations(arc):
        values = opening_values(arc, case)
        stop, visited = enter(arc.start, values, frozenset())
        if stop is not None:
            key = (stop, snapshot(values), visited)
            if key not in seen:
                seen.add(key)
                queue.append((stop, values, visited))
    scenes = arc.scenes
    endings = report.endings
    reached = report.reached_scenes
    while queue:
        if len(seen) > max_states:
            report.complete = False
            break
        scene_id, values, visited = queue.popleft()
        reached.add(scene_id)
        if scenes[scene_id].probes:
            report.note_reading(scenes[scene_id], values, visited)
        if scene_id in endings:
            endings[scene_id].note(values)
            continue
        any_open = False
        for test, apply, target, index in table[scene_id]:
            if test is not None and not test(values, visited):
                continue
            any_open = True
            available.add((scene_id, index))
            after = dict(values)
            if apply is not None:
                apply(after)
            stop, after_visited = enter(target, after, visited)
            if stop is None:
                continue
            key = (stop, snapshot(after), after_visited)
            if key not in seen:
                seen.add(key)
                queue.append((stop, after, after_visited))
        if not any_open:
            walker.strand(scenes[scene_id], values, "every choice is closed")
    report.taken_choices = dict.fromkeys(available, 1)
    _mark_route_scenes(arc, report)
    report.states = len(seen)
    return report


def _mark_route_scenes(arc: Arc, report: ArcReport) -> None:
    """Routing scenes are passed through, never stopped at: count them reached when a
    scene that leads to them is reached and one of their targets is."""
    changed = True
    while changed:
        changed = False
        for scene in arc.scenes.values():
            if scene.id in report.reached_scenes or not scene.routes:
                continue
            leads_in = scene.id == arc.start or any(
                scene.id in other.targets for other in arc.scenes.values()
                if other.id in report.reached_scenes)
            if leads_in and any(r.goto in report.reached_scenes for r in scene.routes):
                report.reached_scenes.add(scene.id)
                changed = True


def random_arc(arc: Arc, runs: int, seed: int = 0) -> ArcReport:
    """Play `runs` random playthroughs; the same seed always gives the same result."""
    report = ArcReport(arc, "random", seed=seed)
    report.endings = {s.id: EndingReport(s.id, s.ending.title, s.ending.kind,
                                         s.ending.historical) for s in arc.endings}
    walker = _Walker(arc, report)
    rng = random.Random(seed)
    reads = sorted(key[5:] for key in arc.case_reads)
    # A case file drawn at random for every run; with few entries read, all of them are
    # listed once and drawn from.
    starts = ([opening_values(arc, case) for case in case_combinations(arc)]
              if 2 ** len(reads) <= MAX_CASE_COMBINATIONS else None)
    # Per scene: is it an ending, its choices as (condition, effect, target, key), and
    # whether entering it does anything (on-enter effects, routes, a visit that matters).
    table = {}
    for scene_id, scene in arc.scenes.items():
        choices = tuple((c.condition, c.effects.apply if c.effects else None, c.goto,
                         (scene_id, c.index)) for c in scene.choices)
        busy = bool(scene.on_enter) or bool(scene.routes) or scene_id in walker.relevant
        table[scene_id] = (scene.ending is not None, choices, busy)
    visits = dict.fromkeys(arc.scenes, 0)
    taken: dict[tuple[str, int], int] = {}
    enter = walker.enter
    pick = rng.random
    pinned = dict.fromkeys(METERS, 0)
    total_steps = shown = locked = 0
    lockable = {(sid, c.index) for sid, sc in arc.scenes.items() for c in sc.choices
                if c.locked is not None}
    for _ in range(runs):
        if starts is not None:
            values = dict(starts[int(pick() * len(starts))])
        else:
            values = opening_values(arc, {r: pick() < 0.5 for r in reads})
        visited: set = set()
        scene_id = enter(arc.start, values, visited)
        steps = 0
        while scene_id is not None:
            visits[scene_id] += 1
            total_steps += 1
            for meter in METERS:
                if values[meter] <= 0 or values[meter] >= 100:
                    pinned[meter] += 1
            if arc.scenes[scene_id].probes:
                report.note_reading(arc.scenes[scene_id], values, visited)
            is_ending, choices, _ = table[scene_id]
            if is_ending:
                ending = report.endings[scene_id]
                ending.note(values)
                ending.runs += 1
                break
            open_choices = [c for c in choices if c[0] is None or c[0](values, visited)]
            closed_shown = sum(1 for c in choices if c[3] in lockable and c not in open_choices)
            shown += len(open_choices) + closed_shown
            locked += closed_shown
            if not open_choices:
                walker.strand(arc.scenes[scene_id], values, "every choice is closed")
                break
            _, apply, target, key = open_choices[int(pick() * len(open_choices))]
            taken[key] = taken.get(key, 0) + 1
            if apply is not None:
                apply(values)
            steps += 1
            if steps > MAX_RANDOM_STEPS:
                report.loops += 1
                break
            scene_id = enter(target, values, visited) if table[target][2] else target
    report.runs = runs
    report.steps, report.pinned = total_steps, pinned
    report.shown_choices, report.locked_choices = shown, locked
    report.scene_visits = visits
    report.taken_choices = taken
    report.available_choices = set(taken)
    report.reached_scenes = {s for s, n in visits.items() if n}
    _mark_route_scenes(arc, report)
    report.states = sum(visits.values())
    return report


def explore_story(story: Story, max_states: int = DEFAULT_MAX_STATES,
                  runs: int | None = None, seed: int = 0,
                  arcs: list[str] | None = None) -> list[ArcReport]:
    chosen = [a for a in story.arcs if arcs is None or a.id in arcs]
    if runs is not None:
        return [random_arc(arc, runs, seed) for arc in chosen]
    return [explore_arc(arc, max_states) for arc in chosen]
