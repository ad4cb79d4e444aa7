"""The warm-up arc (scenes/sample.yaml): every scene has a title, so none runs into the one
before it, and its typist shares her first name with no one else in the story."""

from __future__ import annotations

from game.story import load_story
from game.story.locate import default_story_dir


def test_every_sample_scene_has_a_title():
    arc = load_story(default_story_dir()).arc("sample")
    assert [scene.id for scene in arc.scenes.values() if not scene.title] == []


def test_the_sample_typist_first_name_is_hers_alone():
    story_dir = default_story_dir()
    first = load_story(story_dir).arc("sample").accused.split()[0]
    assert first != "Nina"
    for path in story_dir.glob("*.yaml"):
        if path.name != "sample.yaml":
            assert first not in path.read_text(encoding="utf-8"), path.name
