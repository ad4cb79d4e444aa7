"""The compiled-story cache: used when nothing changed, never stale, never in the way."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from game.engine import storycache
from game.engine.storycache import load_story_cached, story_digest
from game.story import StoryError
from game.story.compiled import to_data
from tests.conftest import REPO, SMALL_ARC, STORY_HEADER, write_story


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("TULAYEV_CACHE", str(folder))
    return folder


def _cached(folder):
    return sorted(folder.glob("story-*.json")) if folder.is_dir() else []


def test_second_load_comes_from_the_cache_and_equals_the_first(cache, small_story_dir):
    first = load_story_cached(small_story_dir)
    files = _cached(cache)
    assert len(files) == 1
    second = load_story_cached(small_story_dir)
    assert to_data(second) == to_data(first)
    assert _cached(cache) == files


def test_a_cached_start_needs_neither_yaml_nor_pydantic(cache, small_story_dir):
    load_story_cached(small_story_dir)
    program = (
        "import sys\n"
        "from game.engine.storycache import load_story_cached\n"
        f"story = load_story_cached({str(small_story_dir)!r})\n"
        "print(story.title, sorted(m for m in ('yaml', 'pydantic', 'game.story.loader')"
        " if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                            cwd=REPO, env={**os.environ, "TULAYEV_CACHE": str(cache)},
                            check=True)
    assert result.stdout.strip() == "Test story []"


def test_an_edited_file_is_read_again(cache, small_story_dir):
    load_story_cached(small_story_dir)
    arc = small_story_dir / "a.yaml"
    arc.write_text(arc.read_text().replace("The room is cold.", "The room is warm."))
    story = load_story_cached(small_story_dir)
    assert "The room is warm." in story.arc("a").scenes["one"].text
    assert len(_cached(cache)) == 2


def test_an_added_file_changes_the_digest(small_story_dir):
    before = story_digest(small_story_dir)
    (small_story_dir / "extra.yml").write_text("# nothing yet\n")
    assert story_digest(small_story_dir) != before


def test_a_story_with_errors_is_reported_and_not_cached(cache, tmp_path):
    folder = write_story(tmp_path / "bad", {"story.yaml": STORY_HEADER,
                                            "a.yaml": SMALL_ARC.replace("goto: two", "goto: tow")})
    for _ in range(2):
        with pytest.raises(StoryError, match="did you mean 'two'"):
            load_story_cached(folder)
    assert _cached(cache) == []


def test_a_damaged_cache_file_is_replaced(cache, small_story_dir):
    load_story_cached(small_story_dir)
    (path,) = _cached(cache)
    path.write_text('{"format": "tulayev-compiled-story", "version": 1, "arcs": 5}')
    story = load_story_cached(small_story_dir)
    assert story.arc("a").start == "one"
    assert '"arcs":5' not in path.read_text()


def test_cache_off_writes_nothing(tmp_path, monkeypatch, small_story_dir):
    monkeypatch.setenv("TULAYEV_CACHE", "off")
    assert storycache.cache_dir() is None
    assert load_story_cached(small_story_dir).arc("a")
    assert not any(p.name.startswith("story-") for p in tmp_path.rglob("*.json"))


def test_an_unwritable_cache_does_not_stop_the_game(tmp_path, monkeypatch, small_story_dir):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TULAYEV_CACHE", str(blocker / "cache"))
    assert load_story_cached(small_story_dir).arc("a").start == "one"


def test_old_entries_are_pruned(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(storycache, "KEEP", 2)
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC})
    for number in range(4):
        (folder / "a.yaml").write_text(SMALL_ARC.replace("Later.", f"Later, {number}."))
        load_story_cached(folder)
    assert len(_cached(cache)) == 2


def test_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("TULAYEV_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert storycache.cache_dir() == tmp_path / "tulayev"


def _in_a_fresh_process(cache, code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=REPO, env={**os.environ, "TULAYEV_CACHE": str(cache)},
                            timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_story_not_yet_cached_is_checked_apart(cache, small_story_dir):
    """With `apart`, even the first start keeps the YAML parser and pydantic out of the
    game's process: a child checks the story and fills the cache."""
    out = _in_a_fresh_process(cache, (
        "import sys\n"
        "from game.engine.storycache import load_story_cached\n"
        f"story = load_story_cached({str(small_story_dir)!r}, apart=True)\n"
        "print(story.title, sorted(m for m in ('yaml', 'pydantic', 'game.story.loader')"
        " if m in sys.modules))\n"))
    assert out == "Test story []"
    assert len(_cached(cache)) == 1
    assert to_data(load_story_cached(small_story_dir)) == to_data(
        __import__("game.story.loader", fromlist=["load_story"]).load_story(small_story_dir))


def test_errors_found_apart_are_the_loaders_own(cache, tmp_path):
    from game.story.loader import load_story

    folder = write_story(tmp_path / "bad", {"story.yaml": STORY_HEADER,
                                            "a.yaml": SMALL_ARC.replace("goto: two", "goto: tow")
                                            + "  extra: {text: X, ending: {title: T}}\n"})
    with pytest.raises(StoryError) as direct:
        load_story(folder)
    with pytest.raises(StoryError) as apart:
        load_story_cached(folder, apart=True)
    assert [str(p) for p in apart.value.problems] == [str(p) for p in direct.value.problems]
    assert len(direct.value.problems) >= 2 and _cached(cache) == []


def test_an_unwritable_cache_checks_in_this_process(tmp_path, monkeypatch, small_story_dir):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("TULAYEV_CACHE", str(blocker / "cache"))
    assert load_story_cached(small_story_dir, apart=True).arc("a").start == "one"


def test_a_folder_name_that_is_not_utf8_is_cached_and_read_back(cache, tmp_path):
    folder = write_story(tmp_path / os.fsdecode(b"st\xffory"), {"story.yaml": STORY_HEADER,
                                                                "a.yaml": SMALL_ARC})
    first = load_story_cached(folder)
    assert len(_cached(cache)) == 1
    second = load_story_cached(folder)
    assert to_data(second) == to_data(first) and second.root == str(folder)
    assert load_story_cached(folder, apart=True).root == str(folder)


def test_the_checking_child_does_not_import_from_the_working_folder(cache, tmp_path,
                                                                     small_story_dir):
    """A `game` package in the folder the game is started from is not the game's."""
    marker = tmp_path / "ran"
    decoy = tmp_path / "cwd" / "game" / "engine"
    decoy.mkdir(parents=True)
    for package in (decoy.parent, decoy):
        (package / "__init__.py").write_text("")
    (decoy / "storycache.py").write_text(f"open({str(marker)!r}, 'w').write('ran')\n")
    program = (f"from game.engine.storycache import load_story_cached\n"
               f"print(load_story_cached({str(small_story_dir)!r}, apart=True).title)\n")
    result = subprocess.run([sys.executable, "-P", "-c", program], capture_output=True,
                            text=True, cwd=decoy.parents[1], timeout=120,
                            env={**os.environ, "TULAYEV_CACHE": str(cache),
                                 "PYTHONPATH": str(REPO)})
    assert result.stdout.strip() == "Test story", result.stderr
    assert not marker.exists() and len(_cached(cache)) == 1


def test_pruning_leaves_other_files_alone(cache, tmp_path, monkeypatch):
    monkeypatch.setattr(storycache, "KEEP", 1)
    cache.mkdir(parents=True)
    mine = cache / "story-chapter1.json"
    mine.write_text("{}")
    folder = write_story(tmp_path / "s", {"story.yaml": STORY_HEADER, "a.yaml": SMALL_ARC})
    for number in range(3):
        (folder / "a.yaml").write_text(SMALL_ARC.replace("Later.", f"Later, {number}."))
        load_story_cached(folder)
    assert mine.read_text() == "{}" and len(_cached(cache)) == 2  # one entry, and mine


def test_a_story_edited_while_it_was_read_is_not_cached(cache, small_story_dir):
    from game.engine.storycache import _write_if_unchanged
    from game.story.loader import load_story

    digest = story_digest(small_story_dir)
    story = load_story(small_story_dir)
    arc = small_story_dir / "a.yaml"
    arc.write_text(arc.read_text().replace("The room is cold.", "The room is warm."))
    assert not _write_if_unchanged(cache, small_story_dir, digest, story)
    assert _cached(cache) == []
    assert "warm" in load_story_cached(small_story_dir).arc("a").scenes["one"].text


def test_digest_parts_cannot_run_together(tmp_path):
    folder = write_story(tmp_path / "s", {"a.yaml": "X", "b.yaml": "Y"})
    two_files = story_digest(folder)
    (folder / "b.yaml").unlink()
    (folder / "a.yaml").write_bytes(b"X\0b.yaml\0Y")  # the two files' bytes, run together
    assert story_digest(folder) != two_files


def test_the_digest_follows_the_checking_libraries(small_story_dir, monkeypatch):
    """Upgrading pydantic or PyYAML may change what the checks accept: a new digest."""
    before = story_digest(small_story_dir)
    assert "pydantic" in storycache._installed("pydantic")
    monkeypatch.setattr(storycache, "_installed", lambda name: f"{name}: upgraded")
    assert story_digest(small_story_dir) != before
