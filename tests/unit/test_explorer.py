"""The explorer on small hand-made stories: what it finds, and that it is deterministic."""

from __future__ import annotations

import pytest

from game.engine.explorer import explore_arc, random_arc
from game.story import load_story
from tests.conftest import STORY_HEADER, write_story

GATED = """\
arc:
  id: a
  title: A
  accused: A
  dossier: d
  start: hall
  meters: {loyalty: 50, fear: 50, suspicion: 0}
scenes:
  hall:
    text: Hall.
    choices:
      - {text: Brave, if: fear < 40, locked: No., goto: brave_end}
      - {text: Comply, effects: {fear: +10, suspicion: +20}, goto: room}
      - {text: Impossible, if: loyalty > 100, goto: room}
  room:
    text: Room.
    choices:
      - {text: Only when calm, if: fear < 55, goto: calm_end}
      - {text: Again, if: suspicion < 30, goto: room, effects: {suspicion: +20}}
  brave_end:
    text: B.
    ending: {title: Brave, kind: free}
  calm_end:
    text: C.
    ending: {title: Calm, kind: spared, historical: true}
"""


@pytest.fixture
def gated(tmp_path):
    return load_story(write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                                    "a.yaml": GATED})).arc("a")


def test_exhaustive_walk_finds_strandings_and_dead_choices(gated):
    report = explore_arc(gated)
    assert report.complete
    assert report.endings["brave_end"].reachable is False
    assert report.endings["calm_end"].reachable is False
    # after Comply fear is 60: 'Only when calm' is closed, 'Again' closes once suspicion >= 30
    assert [s.scene for s in report.stranded] == ["room"]
    assert report.stranded[0].values["fear"] == 60
    never = {(scene.id, index) for scene, index in report.unavailable_choices}
    assert never == {("hall", 0), ("hall", 2), ("room", 0)}
    data = report.to_json()
    for key in ("id", "title", "scenes", "words", "choices", "endings", "unreachable_scenes",
                "tags"):
        assert key in data
    assert data["unreachable_scenes"] == ["brave_end", "calm_end"]


def test_meter_ranges_of_endings(small_story):
    report = explore_arc(small_story.arc("a"))
    assert report.endings["shot"].meter_ranges == {"loyalty": [60, 60], "fear": [40, 40],
                                                   "suspicion": [15, 15]}
    assert report.endings["camp"].meter_ranges["suspicion"] == [45, 45]
    assert report.states == 3


def test_bound_is_reported(tmp_path):
    looping = GATED.replace("{text: Again, if: suspicion < 30, goto: room, "
                            "effects: {suspicion: +20}}",
                            "{text: Again, goto: room, effects: {loyalty: +1}}")
    arc = load_story(write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                                  "a.yaml": looping})).arc("a")
    report = explore_arc(arc, max_states=10)
    assert report.complete is False


def test_random_runs_are_deterministic_per_seed(small_story):
    arc = small_story.arc("a")
    first = random_arc(arc, 500, seed=7).to_json()
    again = random_arc(arc, 500, seed=7).to_json()
    other = random_arc(arc, 500, seed=8).to_json()
    assert first == again
    runs = {e["id"]: e["runs"] for e in first["endings"]}
    assert sum(runs.values()) == 500 and all(runs.values())
    assert runs != {e["id"]: e["runs"] for e in other["endings"]}
    assert first["scene_coverage"] == 1.0 and first["choices_never_taken"] == []


def test_random_runs_report_what_they_never_reached(gated):
    report = random_arc(gated, 200, seed=1)
    data = report.to_json()
    assert {c["scene"] for c in data["choices_never_taken"]} == {"hall", "room"}
    assert all(c["line"] > 0 for c in data["choices_never_taken"])
    assert report.stranded


TWINS = """\
arc:
  id: a
  title: A
  accused: A
  dossier: d
  start: hall
  meters: {loyalty: 50, fear: 50, suspicion: 0}
scenes:
  hall:
    text: Hall.
    choices:
      - {text: Through the archive, goto: archive}
      - {text: Straight on, goto: left}
  archive:
    text: Archive.
    choices:
      - {text: Onward, goto: right}
  left:
    text: Left.
    choices:
      - {text: Show the file, if: visited(archive), goto: shown}
      - {text: Wait, effects: {fear: +10}, goto: waited}
  right:
    text: Right.
    choices:
      - {text: Show the file, if: visited(archive), goto: shown}
      - {text: Wait, effects: {fear: +10}, goto: waited}
  shown:
    text: S.
    ending: {title: Shown, kind: free}
  waited:
    text: W.
    ending: {title: Waited, kind: imprisoned}
"""


def test_scenes_with_the_same_choices_are_answered_by_their_own_visits(tmp_path):
    """'left' and 'right' offer the same choices and share one cached list; the same values
    with other visits must not be answered from the cache: only 'right' can show the file."""
    arc = load_story(write_story(tmp_path / "s", {"story.yaml": STORY_HEADER,
                                                  "a.yaml": TWINS})).arc("a")
    report = explore_arc(arc)
    assert report.complete
    assert report.endings["shown"].reachable and report.endings["waited"].reachable
    assert ("right", 0) in report.available_choices
    assert ("left", 0) not in report.available_choices
    assert report.endings["waited"].meter_ranges["fear"] == [60, 60]


def test_the_walks_caches_starting_afresh_change_nothing(gated, tmp_path, monkeypatch):
    """The walk's caches are bounded (MEMO_LIMIT); emptied at every entry, the walk finds
    the same states and the same problems (the level arc's scenes all share one cached list
    of choices, and its verdict routes)."""
    import game.engine.explorer as explorer
    from bench.synthetic import write_level_arc

    def everything(report):
        return (report.to_json(), sorted(report.reached_scenes),
                sorted(report.available_choices), report.readings_seen)

    levels = load_story(write_level_arc(tmp_path / "lv").parent).arc("levels")
    full = [everything(explore_arc(arc, 3_000)) for arc in (gated, levels)]
    monkeypatch.setattr(explorer, "MEMO_LIMIT", 1)
    assert [everything(explore_arc(arc, 3_000)) for arc in (gated, levels)] == full
