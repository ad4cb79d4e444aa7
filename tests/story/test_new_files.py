"""The four files written for parts 2 and 3 (Rublev, Ryzhik, Kondratiev, the epilogue) meet
the bar the issues set for each of them: size, endings, tags, prompts, and no scene that
no play can reach."""

from __future__ import annotations

import pytest

from game.engine.explorer import explore_arc
from game.story import load_story
from tests.conftest import SCENES

MEN = ("rublev", "ryzhik", "kondratiev")
FILES = (*MEN, "epilogue")

# (minimum scenes, minimum words, minimum endings)
SIZES = {
    "rublev": (25, 5_000, 3),
    "ryzhik": (25, 5_000, 3),
    "kondratiev": (25, 5_000, 3),
    "epilogue": (12, 2_500, 2),
}


@pytest.fixture(scope="module")
def story():
    return load_story(SCENES)


@pytest.fixture(scope="module")
def reports(story):
    return {arc_id: explore_arc(story.arc(arc_id)) for arc_id in FILES}


@pytest.mark.parametrize("arc_id", FILES)
def test_size(story, arc_id):
    scenes, words, endings = SIZES[arc_id]
    arc = story.arc(arc_id)
    assert len(arc.scenes) >= scenes, len(arc.scenes)
    assert arc.words >= words, arc.words
    assert len(arc.endings) >= endings, len(arc.endings)


@pytest.mark.parametrize("arc_id", FILES)
def test_exactly_one_historical_ending_and_it_is_reachable(story, reports, arc_id):
    historical = story.arc(arc_id).historical_endings
    assert len(historical) == 1, [e.id for e in historical]
    assert reports[arc_id].endings[historical[0].id].reachable


def test_kondratiev_is_the_one_spared(story):
    (ending,) = story.arc("kondratiev").historical_endings
    assert ending.ending.kind == "spared"


@pytest.mark.parametrize("arc_id", MEN)
def test_at_least_eight_obey_and_eight_betray_choices(story, arc_id):
    tags = [c.tag for s in story.arc(arc_id).scenes.values() for c in s.choices]
    assert tags.count("obey") >= 8
    assert tags.count("betray") >= 8


@pytest.mark.parametrize("arc_id", FILES)
def test_three_prompts_per_ending(story, arc_id):
    for ending in story.arc(arc_id).endings:
        assert len(ending.ending.prompts) == 3, ending.id


@pytest.mark.parametrize("arc_id", FILES)
def test_walk_completes_and_reaches_every_scene_and_ending(reports, arc_id):
    report = reports[arc_id]
    assert report.complete, f"{arc_id}: the exhaustive walk was cut short"
    assert report.unreachable_scenes == []
    assert all(e.reachable for e in report.endings.values())
    assert report.stranded == []
