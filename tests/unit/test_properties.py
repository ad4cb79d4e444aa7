"""Properties over generated stories and the shipped one."""

from __future__ import annotations

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from game.engine.explorer import random_arc
from game.engine.machine import Engine
from game.engine.state import PlayState
from game.story import load_story
from game.story.model import METERS
from tests.conftest import SCENES, STORY_HEADER, write_story

deltas = st.integers(-150, 150)


def chain_story(effects: list[tuple[int, int, int]]) -> str:
    lines = ["arc: {id: a, title: A, accused: A, dossier: d, start: s0}", "scenes:"]
    for i, (loyalty, fear, suspicion) in enumerate(effects):
        lines += [f"  s{i}:", "    text: x", "    choices:",
                  f"      - {{text: go, goto: s{i + 1}, effects: {{loyalty: {loyalty:+d}, "
                  f"fear: {fear:+d}, suspicion: {suspicion:+d}}}}}",
                  f"      - {{text: stay, if: fear > 50, goto: s{i + 1}}}"]
    lines += [f"  s{len(effects)}:", "    text: end", "    ending: {title: E, kind: free}"]
    return "\n".join(lines) + "\n"


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(deltas, deltas, deltas), min_size=1, max_size=12), st.integers())
def test_meters_stay_within_0_and_100(tmp_path_factory, effects, seed):
    folder = write_story(tmp_path_factory.mktemp("s"), {"story.yaml": STORY_HEADER,
                                                         "a.yaml": chain_story(effects)})
    engine = Engine(load_story(folder))
    rng = random.Random(seed)
    play = PlayState()
    engine.start_arc(play, "a")
    while not engine.is_over(play):
        open_ = [v.choice.index for v in engine.options(play) if v.available]
        engine.choose(play, rng.choice(open_))
        assert all(0 <= play.values[m] <= 100 for m in METERS)
    assert all(0 <= v <= 100 for trail in play.meter_trail() for v in trail.values())


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**32))
def test_random_walks_of_the_shipped_story_always_reach_an_ending(seed):
    story = _shipped()
    engine = Engine(story)
    rng = random.Random(seed)
    play = PlayState()
    for arc in story.arcs:
        engine.start_arc(play, arc.id)
        for _ in range(500):
            if engine.is_over(play):
                break
            open_ = [v.choice.index for v in engine.options(play) if v.available]
            assert open_, f"stranded in {arc.id}:{play.scene} with {play.values}"
            engine.choose(play, rng.choice(open_))
        assert engine.is_over(play), f"{arc.id}: no ending after 500 choices"


_cache = {}


def _shipped():
    if "story" not in _cache:
        _cache["story"] = load_story(SCENES)
    return _cache["story"]


def test_explorer_random_mode_never_strands_in_the_shipped_story():
    for arc in _shipped().arcs:
        report = random_arc(arc, 2000, seed=3)
        assert report.stranded == [] and report.loops == 0, arc.id
