"""What the records say: transcripts, debriefs and replays that a class can read."""

from __future__ import annotations

import json

from game.classroom.debrief import build_debrief, render
from game.classroom.playlog import load_playthrough
from game.classroom.transcript import render as transcript


def write_log(path, events):
    path.parent.mkdir(parents=True, exist_ok=True)
    head = {"event": "log_started", "format": "tulayev-log", "version": 1, "team": "Team 1",
            "session": "lab", "mode": "parallel"}
    path.write_text("\n".join(json.dumps(e) for e in [head, *events]) + "\n")
    return path


UNTITLED = [
    {"event": "arc_started", "arc": "clerk", "scene": "the_desk", "title": "The Ledger",
     "meters": {"loyalty": 60, "fear": 40, "suspicion": 10}},
    {"event": "scene_entered", "arc": "clerk", "scene": "the_desk", "title": None,
     "meters": {"loyalty": 60, "fear": 40, "suspicion": 10},
     "choices": [{"choice": 1, "text": "Correct the sheet.", "available": True},
                 {"choice": 2, "text": "Leave it.", "available": True}]},
    {"event": "choice_taken", "arc": "clerk", "scene": "the_hall", "source": "the_desk",
     "choice": 1, "text": "Correct the sheet.", "tag": "obey",
     "deltas": {"fear": [40, 55], "corrections": [0, 1]},
     "meters": {"loyalty": 60, "fear": 55, "suspicion": 10}},
    {"event": "scene_entered", "arc": "clerk", "scene": "the_hall", "title": None,
     "meters": {"loyalty": 60, "fear": 55, "suspicion": 10}, "choices": []},
]


def test_transcripts_show_no_internal_counters_and_no_scene_ids(tmp_path):
    play = load_playthrough(write_log(tmp_path / "a.jsonl", UNTITLED))
    for fmt in ("md", "html"):
        text = transcript(play, fmt)
        assert "fear 40→55" in text
        assert "corrections" not in text
        assert "the desk" not in text and "the_desk" not in text
        assert "the hall" not in text and "the_hall" not in text
        assert "Choice 1" in text and "Where the log stops" in text


def test_the_debrief_names_an_untitled_choice_by_its_place_not_its_id(tmp_path):
    log = write_log(tmp_path / "a.jsonl", UNTITLED)
    text = render(build_debrief(None, [log, log]), "text")
    assert "the_desk" not in text and "the desk" not in text
    assert "The Ledger: choice 1" in text
