"""The compiled story: JSON data that rebuilds a Story equal in content and in behaviour."""

from __future__ import annotations

import copy
import json

import pytest

from game.engine.explorer import explore_story
from game.story import load_story
from game.story.compiled import CompiledStoryError, from_data, to_data
from tests.conftest import REPO, SCENES

STORIES = [SCENES, REPO / "tests" / "ui" / "fixtures" / "story"]


@pytest.fixture(scope="module", params=STORIES, ids=["scenes", "ui-fixture"])
def loaded(request):
    return load_story(request.param)


def test_round_trip_keeps_every_field(loaded):
    data = json.loads(json.dumps(to_data(loaded)))
    rebuilt = from_data(data)
    assert to_data(rebuilt) == to_data(loaded)
    for arc in loaded.arcs:
        again = rebuilt.arc(arc.id)
        for scene_id, scene in arc.scenes.items():
            other = again.scenes[scene_id]
            assert other.paragraphs == scene.paragraphs
            assert [c.condition.names if c.condition else None for c in other.choices] == \
                [c.condition.names if c.condition else None for c in scene.choices]
    assert rebuilt.warnings == loaded.warnings


def test_rebuilt_story_plays_the_same(loaded):
    rebuilt = from_data(json.loads(json.dumps(to_data(loaded))))
    first = [r.to_json() for r in explore_story(loaded, runs=300, seed=7)]
    second = [r.to_json() for r in explore_story(rebuilt, runs=300, seed=7)]
    assert first == second
    assert any(r["endings"] for r in first)


def _damaged(story, change):
    data = copy.deepcopy(to_data(story))
    change(data)
    return data


@pytest.mark.parametrize("change", [
    lambda d: d.update(format="something else"),
    lambda d: d.update(version=99),
    lambda d: d["arcs"][0].update(title=7),
    lambda d: d["arcs"][0]["scenes"][0].update(line="one"),
    lambda d: d["arcs"][0].pop("start"),
    lambda d: d["arcs"][0]["scenes"][0]["choices"].append(["x", "y"]),
    lambda d: d["arcs"][0]["scenes"][0].update(on_enter=[["fear", 5, 1, 0, 100]]),
    lambda d: d.update(arcs={"not": "a list"}),
], ids=["format", "version", "title-type", "line-type", "missing-key", "short-choice",
        "bad-effect-mode", "arcs-shape"])
def test_damaged_data_is_refused(loaded, change):
    with pytest.raises(CompiledStoryError):
        from_data(_damaged(loaded, change))


def test_a_condition_is_compiled_again_by_the_grammar(loaded):
    def break_condition(data):
        for arc in data["arcs"]:
            for scene in arc["scenes"]:
                for choice in scene["choices"]:
                    if choice[3] is not None:
                        choice[3] = "__import__('os').system('true')"
                        return

    with pytest.raises(CompiledStoryError, match="condition"):
        from_data(_damaged(loaded, break_condition))


def _first_scene_with(data, key):
    return next(scene for arc in data["arcs"] for scene in arc["scenes"] if scene[key])


@pytest.mark.parametrize("change", [
    lambda d: d["arcs"][0].update(start="nowhere"),
    lambda d: d["arcs"][0]["meters"].pop("fear"),
    lambda d: d["arcs"][0].update(flags={"signed": [1]}),
    lambda d: _first_scene_with(d, "choices")["choices"][0].__setitem__(1, "nowhere"),
    lambda d: _first_scene_with(d, "routes")["routes"][0].__setitem__(1, "nowhere"),
    lambda d: _first_scene_with(d, "choices")["choices"][0].__setitem__(
        5, [["no_such_name", 0, 5, 0, 100]]),
    lambda d: _first_scene_with(d, "choices")["choices"][0].__setitem__(
        5, [["fear", 0, True, 0, 100]]),
    lambda d: _first_scene_with(d, "choices")["choices"][0].__setitem__(
        5, [["fear", 1, "40", 0, 0]]),
], ids=["start", "meters", "flag-value", "choice-goto", "route-goto", "unknown-name",
        "add-a-boolean", "set-text"])
def test_data_the_loader_could_not_have_made_is_refused(change):
    story = load_story(SCENES)
    with pytest.raises(CompiledStoryError):
        from_data(_damaged(story, change))


def _scene_with(data, key):
    return _first_scene_with(data, key)


@pytest.mark.parametrize("change", [
    lambda d: d["arcs"][0]["meters"].update(fear=10 ** 400),
    lambda d: d["arcs"][0]["meters"].update(fear=101),
    lambda d: d["arcs"][0].update(flags={"n": -1}),
    lambda d: d["arcs"][0].update(case_reads=["loyalty"]),
    lambda d: _scene_with(d, "choices").update(choices=[]),
    lambda d: d["arcs"][0]["scenes"].append(d["arcs"][0]["scenes"][0]),
    lambda d: d["arcs"].append(d["arcs"][0]),
    lambda d: _scene_with(d, "ending")["ending"].__setitem__(2, "no"),
    lambda d: _scene_with(d, "choices")["choices"][0].__setitem__(
        5, [["fear", 0.0, 5, 0, 100]]),
    lambda d: _scene_with(d, "choices")["choices"][0].__setitem__(
        5, [["fear", 1, 250, 0, 0]]),
    lambda d: _scene_with(d, "choices")["choices"][0].__setitem__(
        5, [["fear", 0, 5, 0, 10 ** 6]]),
], ids=["meter-huge", "meter-101", "counter-negative", "case-read-a-meter", "no-exit",
        "duplicate-scene", "duplicate-arc", "historical-text", "mode-float", "set-out-of-range",
        "add-wrong-bounds"])
def test_values_out_of_range_or_shape_are_refused(change):
    story = load_story(SCENES)
    with pytest.raises(CompiledStoryError):
        from_data(_damaged(story, change))
