"""Live reload: edits are noticed, the player keeps their place, errors are reported."""

from __future__ import annotations

import os

from game.engine.machine import Engine
from game.engine.state import PlayState
from game.engine.watch import StoryWatcher


def touch(path, text):
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_edit_keeps_scene_and_meters(small_story_dir, small_story):
    engine = Engine(small_story)
    play = PlayState()
    engine.start_arc(play, "a", overrides={"fear": 33})
    watcher = StoryWatcher(small_story_dir)
    assert watcher.poll() is False
    arc_file = small_story_dir / "a.yaml"
    touch(arc_file, arc_file.read_text().replace("The room is cold.", "The room is colder.")
          .replace("flags: {signed: false, names: 0}", "flags: {signed: false, names: 0, "
                   "kept: true}"))
    assert watcher.poll() is True
    result = watcher.reload(play)
    assert result.ok and result.note is None
    assert play.scene == "one" and play.values["fear"] == 33 and play.values["kept"] is True
    assert "colder" in result.engine.scene_of(play).text


def test_broken_edit_reports_problems_and_fixing_clears_them(small_story_dir, small_story):
    watcher = StoryWatcher(small_story_dir)
    arc_file = small_story_dir / "a.yaml"
    good = arc_file.read_text()
    touch(arc_file, good.replace("goto: camp", "goto: cmap"))
    assert watcher.poll()
    broken = watcher.reload(PlayState())
    assert not broken.ok
    assert any("a.yaml:32:15: goto 'cmap'" in line for line in broken.problems)
    touch(arc_file, good)
    assert watcher.poll()
    assert watcher.reload(PlayState()).ok


def test_scene_removed_goes_back_to_the_arc_start(small_story_dir, small_story):
    engine = Engine(small_story)
    play = PlayState()
    engine.start_arc(play, "a", scene="camp")
    watcher = StoryWatcher(small_story_dir)
    arc_file = small_story_dir / "a.yaml"
    touch(arc_file, arc_file.read_text().replace("  camp:\n", "  camp_two:\n")
          .replace("goto: camp", "goto: camp_two"))
    assert watcher.poll()
    result = watcher.reload(play)
    assert result.ok and "gone" in result.note and play.scene == "one"


def test_a_stranding_edit_does_not_reload(small_story_dir):
    """The check is the whole validation: a story that loads but can strand the player is
    refused like one that does not load, with the counts of errors and warnings."""
    watcher = StoryWatcher(small_story_dir)
    arc_file = small_story_dir / "a.yaml"
    touch(arc_file, arc_file.read_text().replace("      - goto: camp\n",
                                                 "      - if: fear > 90\n        goto: camp\n"))
    assert watcher.poll()
    check = watcher.check()
    assert check.story is not None and check.errors == 1
    result = watcher.apply(check, PlayState())
    assert not result.ok and result.errors == 1 and result.warnings == check.warnings
    assert "scene 'two' can strand the player" in result.problems[0]
