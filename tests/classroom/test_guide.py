"""The facilitator's guide: its per-file section is current, and it names every command."""

from __future__ import annotations

from game.classroom.guide import END, GUIDE, START, guide_section, updated
from game.story import load_story
from tests.conftest import SCENES


def test_the_files_section_is_current():
    text = GUIDE.read_text(encoding="utf-8")
    assert updated(text, load_story(SCENES)) == text, \
        "run: python -m game.classroom.guide --write"


def test_the_section_has_every_arc_its_endings_and_prompts():
    story = load_story(SCENES)
    section = guide_section(story)
    assert section.startswith(START) and section.endswith(END)
    for arc in story.arcs:
        assert f"(`{arc.id}`)" in section
        for scene in arc.endings:
            assert f"*{scene.ending.title}*" in section
            for prompt in scene.ending.prompts:
                assert prompt in section
    assert section.count("**(the novel's ending)**") == sum(
        len(a.historical_endings) for a in story.arcs)


def test_the_guide_covers_the_lesson():
    text = GUIDE.read_text(encoding="utf-8")
    for needed in ("### 45 minutes", "### 90 minutes", "## How to split a class",
                   "## What to project", "## Reading the debrief", "tulayev class new",
                   "tulayev class run", "tulayev class play", "tulayev serve",
                   "tulayev transcript", "tulayev replay", "tulayev debrief", "--max-sessions"):
        assert needed in text
