"""The engine and the explorer run one flow rule (`game.engine.step`): on random stories, the
endings and strandings the explorer finds are exactly those the engine reaches by playing
every open choice; and the rule compiled for the explorer's packed states
(`step.packed_options`) opens the same choices with the same effects as `step.is_open` and
`step.take`."""

from __future__ import annotations

import tempfile
from collections import deque
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine import step
from game.engine.explorer import explore_arc
from game.engine.machine import Engine, PlayError
from game.engine.state import PlayState
from game.story import load_story

CONDITIONS = [None, "fear < 50", "loyalty >= 40", "not marked", "count >= 1",
              "fear > 30 and not marked", "suspicion < 60 or count >= 2",
              "visited(s1) or loyalty < 45", "40 <= fear", "count == 1", "marked == false"]
EFFECTS = ["{}", "{fear: +15}", "{loyalty: -10}", '{fear: "%+40"}', '{suspicion: "%-30"}',
           "{marked: true}", "{count: +1}", '{loyalty: "=70"}']


@st.composite
def stories(draw) -> str:
    """A random arc whose gotos only go forward (so every game ends), as YAML."""
    size = draw(st.integers(2, 6))
    lines = ["arc:\n  id: r\n  title: R\n  accused: R\n  dossier: d\n  start: s0\n",
             "  meters: {loyalty: 50, fear: 30, suspicion: 20}\n",
             "  flags: {marked: false, count: 0}\nscenes:\n"]
    for index in range(size):
        later = [f"s{k}" for k in range(index + 1, size)] + ["e0", "e1"]
        lines.append(f"  s{index}:\n    text: Scene {index}.\n")
        if draw(st.booleans()) and index:
            lines.append("    routes:\n")
            for _ in range(draw(st.integers(0, 1))):
                lines.append(f"      - if: {draw(st.sampled_from(CONDITIONS[1:]))}\n"
                             f"        goto: {draw(st.sampled_from(later))}\n")
            lines.append(f"      - goto: {draw(st.sampled_from(later))}\n")
            continue
        lines.append(f"    on_enter: {draw(st.sampled_from(EFFECTS))}\n    choices:\n")
        for number in range(draw(st.integers(1, 3))):
            condition = draw(st.sampled_from(CONDITIONS))
            lines.append(f"      - text: Choice {number}.\n"
                         f"        goto: {draw(st.sampled_from(later))}\n"
                         f"        effects: {draw(st.sampled_from(EFFECTS))}\n")
            if condition:
                lines.append(f"        if: {condition}\n        locked: No.\n")
    for ending in ("e0", "e1"):
        lines.append(f"  {ending}:\n    text: End.\n    ending: {{title: {ending}, "
                     "kind: free}\n")
    return "".join(lines)


def engine_outcomes(story) -> tuple[set[str], set[str]]:
    """Every ending the engine reaches, and every scene where play cannot go on, by playing
    every open choice from every state reached (breadth first)."""
    engine = Engine(story)
    start = PlayState()
    endings: set[str] = set()
    stuck: set[str] = set()
    try:
        engine.start_arc(start, "r")
    except PlayError:
        return endings, {start.scene}
    seen = set()
    queue = deque([start])
    while queue:
        play = queue.popleft()
        key = (play.scene, tuple(sorted(play.values.items())), tuple(sorted(play.visited)))
        if key in seen:
            continue
        seen.add(key)
        if engine.is_over(play):
            endings.add(play.scene)
            continue
        open_choices = [v for v in engine.options(play) if v.available]
        if not open_choices:
            stuck.add(play.scene)
        for view in open_choices:
            after = PlayState.from_dict(play.to_dict())
            try:
                engine.choose(after, view.choice.index)
            except PlayError:
                stuck.add(after.scene)
                continue
            queue.append(after)
    return endings, stuck


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories())
def test_the_explorer_and_the_engine_agree(text):
    story = write_and_load(text)
    report = explore_arc(story.arc("r"))
    assert report.complete
    endings, stuck = engine_outcomes(story)
    assert {e.id for e in report.endings.values() if e.reachable} == endings
    assert {s.scene for s in report.stranded} == stuck


def write_and_load(text: str):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "story.yaml").write_text("story:\n  title: Random\n")
        Path(folder, "r.yaml").write_text(text)
        return load_story(folder)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(stories(), st.data())
def test_the_packed_rule_agrees_with_is_open_and_take(text, data):
    arc = write_and_load(text).arc("r")
    names = tuple(sorted(arc.initial_values({})))
    slots = {name: place for place, name in enumerate(names)}
    numbers = {"loyalty": st.integers(0, 100), "fear": st.integers(0, 100),
               "suspicion": st.integers(0, 100), "count": st.integers(0, 999)}
    for scene in arc.scenes.values():
        if not scene.choices:
            continue
        options = step.packed_options(scene.choices, slots)
        for _ in range(5):
            values = {name: data.draw(numbers.get(name, st.booleans())) for name in names}
            visited = frozenset(data.draw(st.sets(st.sampled_from(sorted(arc.scenes)))))
            expected = []
            for position, choice in enumerate(scene.choices):
                after = dict(values)
                if step.is_open(choice, after, visited):
                    step.take(choice, after)
                    expected.append((position, tuple(after[name] for name in names)))
            packed = tuple(values[name] for name in names)
            assert options(packed, visited) == expected
