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


def test_new_scene_after_the_goto_that_names_it(tmp_path):
    """The natural order of writing: the goto first, then `tulayev new scene`."""
    from tests.conftest import SMALL_ARC

    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC.replace(
        "      - goto: camp\n", "      - if: names > 0\n        goto: the_cellar\n"
        "      - goto: camp\n")})
    assert run("validate", str(folder)).returncode == 1
    result = run("new", "scene", "a", "the_cellar", "--story", str(folder))
    assert result.returncode == 0, result.stderr
    assert "the goto that named it now leads there" in result.stdout
    assert "goto: one" in (folder / "a_the_cellar.yaml").read_text()  # back to the start
    checked = run("validate", str(folder))
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_new_scene_still_refuses_a_story_broken_otherwise(tmp_path):
    from tests.conftest import SMALL_ARC

    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC.replace(
        "      - goto: camp\n", "      - goto: the_cellar\n").replace("goto: two", "goto: tow")})
    result = run("new", "scene", "a", "the_cellar", "--story", str(folder))
    assert result.returncode == 1 and "goto 'tow'" in result.stderr
    assert "the_cellar" not in result.stderr
    assert not (folder / "a_the_cellar.yaml").exists()


def test_new_files_carry_a_modeline_that_survives_a_move(tmp_path):
    """The schema is written into the story folder and the modeline names it relative to
    the file, so editor checking keeps working wherever the folder goes."""
    import json

    from game.story.schema import json_schema_text

    folder = tmp_path / "mine"
    folder.mkdir()
    assert run("new", "arc", "rublev", "--story", str(folder)).returncode == 0
    assert run("new", "scene", "rublev", "snowball", "--story", str(folder)).returncode == 0
    moved = tmp_path / "elsewhere" / "moved"
    moved.parent.mkdir()
    shutil.move(str(folder), moved)
    for name in ("rublev.yaml", "rublev_snowball.yaml"):
        first = (moved / name).read_text().splitlines()[0]
        assert first == "# yaml-language-server: $schema=scene.schema.json"
        target = (moved / name).parent / first.split("$schema=")[1]
        assert target.read_text() == json_schema_text()
    assert json.loads((moved / "scene.schema.json").read_text())["title"]
    assert run("validate", str(moved)).returncode == 0


def test_explore_and_stats_take_story_too(small_story_dir):
    stats = run("stats", "--story", str(small_story_dir), "--runs", "20", "--json")
    assert stats.returncode == 0 and '"id": "a"' in stats.stdout
    explored = run("explore", "--story", str(small_story_dir), "--json")
    assert explored.returncode == 0 and '"id": "a"' in explored.stdout


def test_a_wrong_arc_hints_at_the_story_folder_here(small_story_dir):
    here = small_story_dir.parent
    for args in (("graph", "a"), ("explore", "--arc", "a"),
                 ("new", "scene", "a", "extra")):
        result = run(*args, cwd=here)
        assert result.returncode == 1
        assert f"for the story in {small_story_dir.name}, add --story " \
               f"{small_story_dir.name}" in result.stderr, (args, result.stderr)
    inside = run("graph", "zz", "--story", str(small_story_dir), cwd=here)
    assert "no arc 'zz'" in inside.stderr and "--story" not in inside.stderr


def guide_files(prefix: str) -> dict[str, str]:
    """The guide's YAML blocks headed `# FOLDER/NAME.yaml`, as files."""
    blocks = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.S)
    return {b.split("\n", 1)[0][len(prefix):]: b for b in blocks if b.startswith(prefix)}


def test_tutorial_part_two_story_validates_and_previews_as_written(tmp_path):
    """The second part of the tutorial (own story.yaml, arc case entries with `novel`,
    conditional text, values, fairmath, the timeline, unlock) is a valid story, and its
    `--case` preview and timeline error are what the guide says."""
    files = guide_files("# railway/")
    assert set(files) == {"story.yaml", "semyonov.yaml", "petrov.yaml"}
    folder = write_story(tmp_path / "railway", files)
    checked = run("validate", str(folder), "--strict")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    for entry, line in (("--case", "Your friend Semyonov has been very helpful."),
                        ("--set", "Nobody has said a word against you. Yet.")):
        extra = ["--case", "semyonov_signed"] if entry == "--case" else [
            "--set", "case.semyonov_signed=false"]
        played = run("play", "--plain", "--story", str(folder), "--arc", "petrov", *extra,
                     "--saves-dir", str(tmp_path / "sv"), stdin="q\n")
        assert line in played.stdout, played.stdout + played.stderr
    semyonov = folder / "semyonov.yaml"
    semyonov.write_text(semyonov.read_text().replace(
        "if: fear < 50\n", "if: fear < 50 and not case.petrov_denied\n"))
    refused = run("validate", str(folder))
    message = refused.stdout.strip().replace(str(folder), "railway")
    assert message in GUIDE.read_text(encoding="utf-8"), message


def test_guide_covers_format_two():
    text = GUIDE.read_text(encoding="utf-8")
    for needle in ("{if fear > 60: shaking | steady}", "{pages}", '"%+20"', "timeline:",
                   "novel: true", "unlock: {after:", "--case semyonov_signed",
                   "no meter pinned on more than 15% of steps",
                   "fewer than 1% of random runs", "$schema=scene.schema.json",
                   "--watch"):
        assert needle in text, needle
