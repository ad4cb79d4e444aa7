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

from game.engine import step
from game.story.conditions import Condition
from game.story.model import METERS, Arc, Scene, Story
from game.story.text import variants

DEFAULT_MAX_STATES = 200_000
MAX_RANDOM_STEPS = 2_000
MAX_CASE_COMBINATIONS = 16_384  # up to 14 entries read: every case file is walked
CAPPED_RANDOM_RUNS = 2_000     # random runs that back up a walk cut short by its bound


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
    random_runs: int = 0  # random runs that backed up a walk cut short
    passed_scenes: set[str] = field(default_factory=set)  # routing scenes passed through
    # random play only: steps taken, steps with each meter at 0 or 100, choices shown, and
    # of those the ones shown locked
    steps: int = 0
    pinned: dict[str, int] = field(default_factory=dict)
    shown_choices: int = 0
    locked_choices: int = 0

    def note_reading(self, scene: Scene, reading: tuple) -> None:
        seen = self.readings_seen.setdefault(scene.id, set())
        for index, value in enumerate(reading):
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
            **({"random_runs": self.random_runs} if self.random_runs else {}),
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
    """Every case file the arc could open with, as far as the entries it reads go (the
    first MAX_CASE_COMBINATIONS of them: `all_case_files` says whether that is all)."""
    reads = sorted(key[5:] for key in arc.case_reads)
    combos = itertools.islice(itertools.product((False, True), repeat=len(reads)),
                              MAX_CASE_COMBINATIONS)
    return [dict(zip(reads, bits, strict=True)) for bits in combos]


def all_case_files(arc: Arc) -> bool:
    return 2 ** len(arc.case_reads) <= MAX_CASE_COMBINATIONS


def opening_values(arc: Arc, case: dict[str, bool]) -> dict:
    """The values the arc opens with on this case file (the step rule's opening)."""
    return step.opening(arc, case)[0]


def live_names(arc: Arc) -> dict[str, frozenset[str]]:
    """Per scene, the flags, counters and case entries that may still be read from there
    on (by a condition or by text). The walk forgets the others, so that an entry read only
    in the opening scenes does not double the states of the whole arc."""
    reads: dict[str, set[str]] = {}
    for scene in arc.scenes.values():
        names: set[str] = set()
        for item in scene.choices + scene.routes:
            if item.condition is not None:
                names |= item.condition.names
        for probe in scene.probes:
            names |= probe.names if isinstance(probe, Condition) else {probe}
        reads[scene.id] = names - set(METERS)
    live = {sid: set(names) for sid, names in reads.items()}
    before: dict[str, set[str]] = {sid: set() for sid in arc.scenes}
    for scene in arc.scenes.values():
        for target in scene.targets:
            if target in before:
                before[target].add(scene.id)
    work = [sid for sid, names in live.items() if names]
    while work:
        target = work.pop()
        names = live[target]
        for source in before[target]:
            extra = names - live[source]
            if extra:
                live[source] |= extra
                work.append(source)
    return {sid: frozenset(names) for sid, names in live.items()}


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


class _Relevant(set):
    """The visits a walk keeps: only scenes some condition asks about (fewer states)."""

    __slots__ = ("relevant",)

    def __init__(self, items, relevant: frozenset[str]):
        super().__init__(items)
        self.relevant = relevant

    def add(self, scene_id: str) -> None:
        if scene_id in self.relevant:
            set.add(self, scene_id)


class _Walker:
    """Entering scenes and following routes (the step rule), shared by both modes."""

    def __init__(self, arc: Arc, report: ArcReport):
        self.arc = arc
        self.scenes = arc.scenes
        self.relevant = _relevant_visits(arc)
        self.report = report

    def enter(self, scene_id: str, values: dict, visited: set) -> str | None:
        """Enter a scene and follow its routes; returns where the player stops (or None)."""
        track = _Relevant(visited, self.relevant)
        try:
            stop, passed = step.arrive(self.arc, scene_id, values, track,
                                       self.report.note_reading)
            self.report.passed_scenes.update(passed)
        except step.Stranded as stranded:
            self.strand(stranded.scene, values, stranded.reason)
            return None
        finally:
            visited |= track
        return stop

    def strand(self, scene: Scene, values: dict, reason: str) -> None:
        if len(self.report.stranded) < 20 and all(s.scene != scene.id
                                                  for s in self.report.stranded):
            self.report.stranded.append(Stranding(scene.id, scene.path, scene.line,
                                                  dict(values), reason))


_BUSY = object()      # a move into a scene whose entering does something (see `explore_arc`)
MEMO_LIMIT = 1 << 16  # answers kept by a cache of shared choices before it starts afresh


def explore_arc(arc: Arc, max_states: int = DEFAULT_MAX_STATES) -> ArcReport:
    """Visit every reachable state of the arc, breadth-first, up to `max_states`.

    A state is (scene, values, relevant visits), kept as one tuple: the values packed in a
    tuple in the order of their names, the visits a frozenset of the scenes some condition
    asks about. Values no condition or text can read any more from that scene on are
    forgotten (see `live_names`). Choices are the step rule compiled per scene for packed
    values (`step.packed_options`); scenes that offer the very same choices share one
    compiled list and a cache of its answers by values. When the bound stops the walk, or
    the arc reads more case entries than can all be walked, the report says so (`complete`
    is False) and `back_up_with_random_play` can follow."""
    report = ArcReport(arc, "exhaustive")
    report.endings = {s.id: EndingReport(s.id, s.ending.title, s.ending.kind,
                                         s.ending.historical) for s in arc.endings}
    walker = _Walker(arc, report)
    baseline = arc.initial_values({})
    names = tuple(sorted(baseline))
    slots = {name: place for place, name in enumerate(names)}
    others = tuple(n for n in names if n not in METERS)
    live = live_names(arc) if others else {}
    forget = {sid: tuple((slots[n], baseline[n]) for n in others if n not in live[sid])
              for sid in arc.scenes} if others else dict.fromkeys(arc.scenes, ())
    resets = {sid: _resetter(pairs) if pairs else None for sid, pairs in forget.items()}
    # Entering a "quiet" scene changes nothing: no on-enter effects, no routes, no text
    # that varies, and no condition asks whether it was visited. Skip the work for them.
    quiet = {sid for sid, sc in arc.scenes.items()
             if not sc.on_enter and not sc.routes and not sc.probes
             and sid not in walker.relevant}
    # Per scene, the states seen there: their packed values, with their visits when some
    # condition asks about visits (else the visits are always none).
    seen_at: dict[str, set] = {sid: set() for sid in arc.scenes}
    tracks_visits = bool(walker.relevant)
    table = _choice_table(arc, slots, quiet, resets, seen_at)
    queue: deque = deque()
    states = 0

    pack = operator.itemgetter(*names) if len(names) > 1 else (lambda v: (v[names[0]],))

    def arrive(target: str, values: dict, visited: frozenset):
        """Enter a scene that is not quiet (the step rule, on a dict): (stop, packed values
        with the dead ones forgotten, visits) or None where the player is stranded."""
        track = set(visited)
        stop = walker.enter(target, values, track)
        if stop is None:
            return None
        for place, default in forget[stop]:
            values[names[place]] = default
        return stop, pack(values), (visited if len(track) == len(visited)
                                    else frozenset(track))

    for case in case_combinations(arc):
        values = opening_values(arc, case)
        if arc.start in quiet:
            reset = resets[arc.start]
            packed = pack(values)
            found = (arc.start, reset(packed) if reset else packed, frozenset())
        else:
            found = arrive(arc.start, values, frozenset())
            if found is None:
                continue
        there = seen_at[found[0]]
        key = (found[1], found[2]) if tracks_visits else found[1]
        if key not in there:
            there.add(key)
            states += 1
            queue.append(found)
    if not all_case_files(arc):
        report.complete = False
    scenes = arc.scenes
    endings = report.endings
    reached = report.reached_scenes
    popleft, append = queue.popleft, queue.append
    while queue:
        if states > max_states:
            report.complete = False
            break
        scene_id, packed, visited = popleft()
        row = table[scene_id]
        if row is None:
            reached.add(scene_id)
            endings[scene_id].note(dict(zip(names, packed, strict=True)))
            continue
        options, memo, by_visits, scene_moves, marks = row
        if options is None:  # choices into scenes that are not quiet: the rule on a dict
            values = dict(zip(names, packed, strict=True))
            mask = 1
            for position, (test, apply, target, then, there) in enumerate(scene_moves):
                if test is not None and not test(values, visited):
                    continue
                mask |= 2 << position
                after = dict(values)
                if apply is not None:
                    apply(after)
                if then is _BUSY:
                    arrived = arrive(target, after, visited)
                    if arrived is None:
                        continue
                    target, after, now = arrived
                    there = seen_at[target]
                else:
                    after, now = pack(after), visited
                    if then is not None:
                        after = then(after)
                key = (after, now) if tracks_visits else after
                if key not in there:
                    there.add(key)
                    states += 1
                    append((target, after, now))
            marks[0] |= mask
            if mask == 1:
                walker.strand(scenes[scene_id], values, "every choice is closed")
            continue
        if memo is None:
            found = _with_mask(options(packed, visited))
        else:
            key = (packed, visited) if by_visits else packed
            found = memo.get(key)
            if found is None:
                if len(memo) >= MEMO_LIMIT:
                    memo.clear()
                found = memo[key] = _with_mask(options(packed, visited))
        mask, pairs = found
        marks[0] |= mask
        if not pairs:
            walker.strand(scenes[scene_id], dict(zip(names, packed, strict=True)),
                          "every choice is closed")
            continue
        for position, after in pairs:
            target, then, there = scene_moves[position]
            if then is not None:
                after = then(after)
            key = (after, visited) if tracks_visits else after
            if key not in there:
                there.add(key)
                states += 1
                append((target, after, visited))
    for scene_id, row in table.items():
        if row is not None and row[4][0]:
            reached.add(scene_id)
            choices = scenes[scene_id].choices
            mask = row[4][0]
            report.available_choices.update((scene_id, choices[p].index)
                                            for p in range(len(choices))
                                            if mask >> (p + 1) & 1)
    report.taken_choices = dict.fromkeys(report.available_choices, 1)
    _mark_route_scenes(arc, report)
    report.states = states
    return report


def _resetter(pairs: tuple[tuple[int, object], ...]):
    """Packed values with the places in `pairs` set back to their defaults."""
    def reset(packed: tuple) -> tuple:
        values = list(packed)
        for place, default in pairs:
            values[place] = default
        return tuple(values)
    return reset


def _with_mask(pairs: list[tuple[int, tuple]]) -> tuple[int, list[tuple[int, tuple]]]:
    """Open choices with their mask: bit 0 says the scene was reached, bit 1 + p that the
    choice in place p was open."""
    mask = 1
    for position, _ in pairs:
        mask |= 2 << position
    return mask, pairs


def _choice_table(arc: Arc, slots: dict[str, int], quiet: set[str], resets: dict,
                  seen_at: dict[str, set]) -> dict:
    """Per scene, None for an ending, else a row (options, cache, by visits, moves, marks):

    - for a scene whose choices all lead to quiet scenes: its choices compiled for packed
      values (`step.packed_options`), their cache or None, whether the cache is by visits
      too, and per choice (target, a reset of dead values or None, the states seen there).
      Scenes with the same choices (same conditions and effects, the targets aside) share
      one compiled list and, when there are several, one cache of its answers;
    - else (entering a target does something, which the step rule does on a dict): None,
      None, False, and per choice (condition test, effect, target, reset, states seen);
    - marks: a one-item list holding the mask of what the walk saw there (`_with_mask`)."""
    shared: dict[tuple, list] = {}
    table: dict[str, tuple | None] = dict.fromkeys(arc.scenes)
    for scene in arc.scenes.values():
        if scene.ending is not None:
            continue
        if any(c.goto not in quiet for c in scene.choices):
            table[scene.id] = (None, None, False, tuple(
                (c.condition.test if c.condition else None,
                 c.effects.apply if c.effects else None, c.goto,
                 resets[c.goto] if c.goto in quiet else _BUSY, seen_at[c.goto])
                for c in scene.choices), [0])
            continue
        signature = tuple((c.condition.tree if c.condition else None, c.effects.ops)
                          for c in scene.choices)
        shared.setdefault(signature, []).append(scene)
    for group in shared.values():
        first = group[0]
        options = step.packed_options(first.choices, slots)
        memo = {} if len(group) > 1 else None
        by_visits = any(c.condition is not None and c.condition.visits for c in first.choices)
        for scene in group:
            scene_moves = tuple((c.goto, resets[c.goto], seen_at[c.goto])
                                for c in scene.choices)
            table[scene.id] = (options, memo, by_visits, scene_moves, [0])
    return table


def back_up_with_random_play(report: ArcReport, runs: int = CAPPED_RANDOM_RUNS,
                             seed: int = 0) -> None:
    """A walk cut short proves only what it reached. Seeded random play then rules out
    false alarms: whatever it reaches (endings, scenes, choices, text) is counted reached.
    What neither reached stays unproven either way (`report.random_runs` says how hard it
    was looked for)."""
    if report.complete:
        return
    extra = random_arc(report.arc, runs, seed)
    report.random_runs = runs
    report.reached_scenes |= extra.reached_scenes
    report.passed_scenes |= extra.passed_scenes
    report.available_choices |= extra.available_choices
    for key in extra.taken_choices:
        report.taken_choices.setdefault(key, 1)
    for ending_id, ending in extra.endings.items():
        if ending.reachable:
            mine = report.endings[ending_id]
            mine.reachable = True
            for meter, span in ending.meter_ranges.items():
                have = mine.meter_ranges.setdefault(meter, list(span))
                have[0], have[1] = min(have[0], span[0]), max(have[1], span[1])
    for scene_id, seen in extra.readings_seen.items():
        report.readings_seen.setdefault(scene_id, set()).update(seen)
    for stranding in extra.stranded:
        if all(s.scene != stranding.scene for s in report.stranded):
            report.stranded.append(stranding)


def _mark_route_scenes(arc: Arc, report: ArcReport) -> None:
    """Routing scenes are passed through, never stopped at: count those the walk passed
    through as reached, and any that a reached scene leads to while one of their targets
    is reached (for a walk that skipped entering a scene)."""
    report.reached_scenes |= report.passed_scenes
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
        choices = tuple((c.condition.test if c.condition else None,
                         c.effects.apply if c.effects else None, c.goto,
                         (scene_id, c.index)) for c in scene.choices)
        busy = (bool(scene.on_enter) or bool(scene.routes) or bool(scene.probes)
                or scene_id in walker.relevant)
        table[scene_id] = (scene.ending is not None, choices, busy)
    visits = dict.fromkeys(arc.scenes, 0)
    taken: dict[tuple[str, int], int] = {}
    enter = walker.enter
    pick = rng.random
    pinned = dict.fromkeys(METERS, 0)
    total_steps = shown = locked = 0
    lockable = {(sid, c.index) for sid, sc in arc.scenes.items() for c in sc.choices
                if c.locked is not None}
    lockable_scenes = {sid for sid, _ in lockable}
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
                if not 0 < values[meter] < 100:
                    pinned[meter] += 1
            is_ending, choices, _ = table[scene_id]
            if is_ending:
                ending = report.endings[scene_id]
                ending.note(values)
                ending.runs += 1
                break
            open_choices = [c for c in choices if c[0] is None or c[0](values, visited)]
            shown += len(open_choices)
            if len(open_choices) < len(choices) and scene_id in lockable_scenes:
                closed_shown = sum(1 for c in choices
                                   if c[3] in lockable and c not in open_choices)
                shown += closed_shown
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
    reports = [explore_arc(arc, max_states) for arc in chosen]
    for report in reports:
        back_up_with_random_play(report, seed=seed)
    return reports
