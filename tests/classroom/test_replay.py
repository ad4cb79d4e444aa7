"""Replay: the engine plays a log again, exactly, checking every step against it."""

from __future__ import annotations

import io
import json

import pytest

from game.classroom.eventlog import LogError
from game.classroom.replay import build_frames
from game.plain.replay import play_plain


def test_a_logged_game_replays_exactly_rewinds_and_all(team_log, story):
    frames = build_frames(team_log("Green"), story)
    assert [f.kind for f in frames] == ["arc", "scene", "scene", "scene", "rewind", "scene",
                                        "scene"]
    ledger = frames[1]
    assert ledger.scene.id == "the_ledger" and ledger.taken.choice == 3
    assert ledger.step.deltas == {"fear": [40, 45]} and ledger.vote.timed_out
    assert frames[3].is_ending and frames[3].scene.ending.title == "Home for supper"
    assert frames[4].note == "What if? The class goes back to choice 2."
    assert frames[6].scene.ending.title == "Taken away"


def test_plain_replay(team_log, story):
    out = io.StringIO()
    assert play_plain(build_frames(team_log("Red"), story), out) == 0
    text = out.getvalue()
    assert "FILE: IVAN PETROVICH, WAGES CLERK, Clerk, Wages Section  [Red]" in text
    assert "1. Add it again, and get the figure he wants.  [5 votes]" in text
    assert "2. [locked: Your hand will not lift the pencil.] Show him the true total." in text
    assert "The class chose 1 (5 of 7 votes), after 2 min." in text
    assert "Fear rises from 40 to 55." in text
    assert "-- PAUSED FOR DISCUSSION --\n   Who is the ledger for?" in text
    assert "THE END: Taken away (imprisoned)\nThis is how the novel ends it." in text
    passed = text.index("The paper is already typed.")   # a routing scene, read on the way
    assert text.index("The corridor") < passed < text.index("The car has no handles")
    assert text.endswith("End of the replay.\n")
    blue = io.StringIO()
    play_plain(build_frames(team_log("Blue"), story), blue)
    assert "(3 of 6 votes; a tie, settled by the facilitator)" in blue.getvalue()


def edit(path, change):
    events = [json.loads(x) for x in path.read_text().splitlines()]
    change(events)
    path.write_text("\n".join(json.dumps(e) for e in events) + "\n")
    return next(i for i, e in enumerate(events, 1) if e.get("_mark"))


def test_a_log_that_no_longer_fits_stops_at_its_line(team_log, story):
    path = team_log("Red")

    def wrong_meters(events):
        taken = next(e for e in events if e["event"] == "choice_taken")
        taken["meters"]["fear"] = 99
        taken["_mark"] = True

    line = edit(path, wrong_meters)
    with pytest.raises(LogError) as caught:
        build_frames(path, story)
    assert str(caught.value).startswith(f"{path}:{line}:1: the replay parts from the log: ")
    assert "meters" in str(caught.value)


def test_a_choice_that_is_locked_now_cannot_be_replayed(team_log, story):
    path = team_log("Red")

    def locked(events):
        shown = next(e for e in events if e["event"] == "scene_entered")
        shown["choices"][1]["available"] = True
        taken = next(e for e in events if e["event"] == "choice_taken")
        taken["choice"] = 2
        taken["_mark"] = True

    line = edit(path, locked)
    with pytest.raises(LogError, match=rf":{line}:1: .*choice 2 in scene 'the_ledger' cannot "
                       "be taken now"):
        build_frames(path, story)


def test_an_arc_the_story_lacks(team_log, story):
    path = team_log("Red")

    def other(events):
        started = next(e for e in events if e["event"] == "arc_started")
        started["arc"] = "nobody"
        started["_mark"] = True
        for event in events:
            if event.get("arc") == "clerk":
                event["arc"] = "nobody"

    edit(path, other)
    with pytest.raises(LogError, match="the story has no arc 'nobody'"):
        build_frames(path, story)


def test_a_game_resumed_from_a_save_cannot_be_replayed(tmp_path, story):
    path = tmp_path / "resumed.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in [
        {"event": "log_started", "format": "tulayev-log", "version": 1},
        {"event": "choice_taken", "arc": "clerk", "scene": "home_for_supper",
         "source": "the_corridor", "choice": 1, "text": "Name the typist.", "meters": {}},
    ]) + "\n")
    with pytest.raises(LogError, match=r":2:1: this game was loaded from a save"):
        build_frames(path, story)
