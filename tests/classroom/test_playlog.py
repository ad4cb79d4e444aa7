"""Logs read back as runs, branches and beats."""

from __future__ import annotations

import json

import pytest

from game.classroom.eventlog import LogError
from game.classroom.playlog import load_playthrough


def test_a_lesson_reads_back_as_branches(team_log):
    green = load_playthrough(team_log("Green"))
    assert green.team == "Green" and green.closed
    (run,) = green.runs
    assert (run.arc, run.title, run.resumed) == ("clerk", "The Ledger", False)
    main, what_if = run.branches
    assert [b.taken.choice for b in main.decisions] == [3, 1]
    assert main.ending.title == "Home for supper" and not main.ending.historical
    assert (what_if.parent, what_if.from_choice, what_if.inherited) == (1, 2, 1)
    assert [b.taken.choice for b in what_if.decisions] == [3, 2]
    assert what_if.ending.title == "Taken away" and what_if.ending.historical
    assert main.meter_trail(run.start_meters) == [
        {"loyalty": 60, "fear": 40, "suspicion": 10}, {"loyalty": 60, "fear": 45,
                                                       "suspicion": 10},
        {"loyalty": 60, "fear": 35, "suspicion": 15}]
    assert main.tag_counts() == {"obey": 1, "betray": 0}
    ledger = main.decisions[0]
    assert ledger.shown_number(3) == 3 and ledger.shown_number(4) is None
    assert ledger.vote.timed_out


def test_facilitator_moments_are_placed(team_log):
    (run,) = load_playthrough(team_log("Red")).runs
    assert [(n, c, e.action) for n, c, e in run.moments] == [
        (1, 0, "notes"), (1, 0, "pause"), (1, 0, "resume"), (1, 1, "meters")]


def lines(*events) -> str:
    header = {"event": "log_started", "format": "tulayev-log", "version": 1, "team": "Red"}
    return "\n".join(json.dumps(e) for e in (header, *events)) + "\n"


def scene(name, *choices, arc="clerk"):
    return {"event": "scene_entered", "arc": arc, "scene": name, "meters": {},
            "choices": [{"choice": c, "text": f"c{c}", "available": True} for c in choices]}


def taken(source, choice, goto, arc="clerk"):
    return {"event": "choice_taken", "arc": arc, "scene": goto, "source": source,
            "choice": choice, "text": f"c{choice}", "meters": {"loyalty": 1, "fear": 2,
                                                               "suspicion": 3}}


def test_a_game_loaded_from_a_save_is_a_resumed_run(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text(lines(taken("the_corridor", 1, "home_for_supper"),
                          scene("home_for_supper")))
    (run,) = load_playthrough(path).runs
    assert run.resumed and run.main.beats[0].choices is None
    assert run.main.decisions[0].taken.choice == 1


@pytest.mark.parametrize("events, message", [
    ([{"event": "arc_started", "arc": "clerk", "title": "T"}, scene("a", 1),
      taken("a", 2, "b")], "choice 2 was not open in scene 'a'"),
    ([{"event": "arc_started", "arc": "clerk", "title": "T"}, scene("a", 1),
      scene("b", 1)], "while scene 'a' still waits"),
    ([{"event": "arc_started", "arc": "clerk", "title": "T"}, scene("a", 1),
      {"event": "rewound", "arc": "clerk", "to_choice": 1}], "only 0 choice(s) were taken"),
    ([{"event": "vote", "votes": [1], "choice": 1}], "a vote with no scene"),
    ([{"event": "ending_reached", "arc": "x", "ending": "e", "title": "E", "kind": "free"}],
     "not being played"),
])
def test_events_that_do_not_fit_together(tmp_path, events, message):
    path = tmp_path / "a.jsonl"
    path.write_text(lines(*events))
    with pytest.raises(LogError) as caught:
        load_playthrough(path)
    assert str(caught.value).startswith(f"{path}:") and message in str(caught.value)
