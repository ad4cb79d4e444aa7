"""Authoring tools: the story map, scaffolding, statistics and the generated reference."""

from __future__ import annotations

import re
import shutil

import pytest

from game.authoring import graph
from game.authoring.reference import GUIDE, updated_guide
from game.authoring.stats import story_stats
from game.story import load_story
from tests.conftest import SCENES, STORY_HEADER, write_story
from tests.unit.test_cli import run


@pytest.fixture(scope="module")
def shipped():
    return load_story(SCENES)


@pytest.mark.parametrize("fmt", ["mermaid", "dot"])
def test_map_of_every_shipped_arc_names_every_scene(shipped, fmt):
    for arc in shipped.arcs:
        text = getattr(graph, fmt)(arc, set())
        declared = set(re.findall(r"^  (\w+)[\[({ ]", text, flags=re.M))
        assert declared >= set(arc.scenes), (arc.id, set(arc.scenes) - declared)
        edges = sum(len(s.choices) + len(s.routes) for s in arc.scenes.values())
        assert text.count("-->" if fmt == "mermaid" else " -> ") == edges


def test_map_marks_endings_history_and_unreachable(small_story):
    arc = small_story.arc("a")
    text = graph.mermaid(arc, {"camp"})
    assert 'shot(["shot<br/>Shot (executed) ★ the novel"])' in text
    assert "class shot historical" in text and "class camp unreachable" in text
    assert 'one -->|"2. Refuse. [betray] if fear < 50"| two' in text
    assert 'two -->|"otherwise"| camp' in text
    dot = graph.dot(arc, {"camp"})
    assert "shape=doubleoctagon" in dot and "shape=diamond" in dot and 'fillcolor="#f8d0d0"' in dot


def test_svg_needs_graphviz(small_story, monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(graph.GraphError, match="not installed"):
        graph.svg(small_story.arc("a"), set())


def test_svg_with_graphviz(small_story):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed here (apt install graphviz)")
    assert "<svg" in graph.svg(small_story.arc("a"), set())


def test_graph_command(small_story_dir):
    result = run("graph", "a", "--story", str(small_story_dir))
    assert result.returncode == 0 and result.stdout.startswith("flowchart TD")
    missing = run("graph", "zz", "--story", str(small_story_dir))
    assert missing.returncode == 1 and "no arc 'zz'" in missing.stderr


def test_new_arc_and_scene_validate_at_once(tmp_path):
    folder = tmp_path / "story"
    folder.mkdir()
    assert run("new", "arc", "rublev", "--story", str(folder)).returncode == 0
    strict = run("validate", str(folder), "--strict")
    assert strict.returncode == 0, strict.stdout + strict.stderr
    result = run("new", "scene", "rublev", "snowball", "--story", str(folder))
    assert result.returncode == 0 and "goto: snowball" in result.stdout
    checked = run("validate", str(folder))
    assert checked.returncode == 0
    assert "scene 'snowball' cannot be reached" in checked.stdout
    again = run("new", "arc", "rublev", "--story", str(folder))
    assert again.returncode == 1 and "already exists" in again.stderr
    bad = run("new", "scene", "nobody", "x", "--story", str(folder))
    assert bad.returncode == 1 and "no arc 'nobody'" in bad.stderr
    assert run("new", "arc", "Bad-Id", "--story", str(folder)).returncode == 1


def test_stats(tmp_path):
    from tests.conftest import SMALL_ARC

    story = load_story(write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                                    "a.yaml": SMALL_ARC}))
    arc = story_stats(story)["arcs"][0]
    assert arc["tags"] == {"obey": 1, "betray": 1, "untagged": 0}
    assert arc["words_per_speaker"] == {"(narration)": 7, "CHIEF": 1}
    assert arc["choices_per_scene"] == {"min": 2, "max": 2, "mean": 2.0}


def test_generated_reference_is_current():
    text = GUIDE.read_text(encoding="utf-8")
    assert updated_guide(text) == text, (
        "docs/authoring.md's reference is stale: regenerate it with "
        "`python -m game.authoring.reference --write`")


def test_guide_worked_example_is_a_valid_story(tmp_path):
    """The tutorial's worked example, copied out of the guide, loads and plays."""
    text = GUIDE.read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, flags=re.S)
    example = next(b for b in blocks if "arc:\n  id: clerk" in b)
    story_block = next(b for b in blocks if b.startswith("story:"))
    folder = write_story(tmp_path / "s", {"story.yaml": story_block.replace(
        "arcs: [prologue, erchov, makeyev]", "arcs: [clerk]").replace(
        "by: erchov", "by: clerk"), "clerk.yaml": example})
    result = run("validate", str(folder), "--strict")
    assert result.returncode == 0, result.stdout + result.stderr


def test_tutorial_steps_work_as_written(tmp_path):
    """Follow the guide's tutorial: scaffold, paste the three scenes, validate, play."""
    folder = tmp_path / "my_story"
    folder.mkdir()
    assert run("new", "arc", "semyonov", "--story", str(folder)).returncode == 0
    guide = GUIDE.read_text(encoding="utf-8")
    scenes = next(b for b in re.findall(r"```yaml\n(.*?)```", guide, flags=re.S)
                  if b.startswith("scenes:\n  the_statement"))
    path = folder / "semyonov.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("scenes:")].replace("start: summons",
                                                          "start: the_statement") + scenes)
    checked = run("validate", str(folder), "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    played = run("play", "--plain", "--story", str(folder), "--arc", "semyonov", "--scene",
                 "the_statement", "--set", "fear=60", "--saves-dir", str(tmp_path / "sv"),
                 stdin="1\n")
    assert "[locked: Your mouth has gone dry.]" in played.stdout
    assert "THE END: A clean desk (free)" in played.stdout
    broken = path.read_text().replace("goto: the_platform", "goto: the_platfrom", 1)
    path.write_text(broken)
    result = run("validate", str(folder))
    assert "goto 'the_platfrom': no such scene in arc 'semyonov' (did you mean " \
           "'the_platform'?)" in result.stdout
