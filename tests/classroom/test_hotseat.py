"""A hot-seat lesson through the engine: turns, votes, the facilitator, one log per team."""

from __future__ import annotations

import json

import pytest

from game.classroom.hotseat import DEFAULT_PROMPTS, ClassGame
from game.engine.machine import PlayError

from .helpers import vote


def events(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_every_team_has_its_own_log(lesson):
    session, game = lesson
    paths = session.log_paths()
    assert len(paths) == 3 and set(paths) == set(game.log_paths)
    for path in paths:          # and a readable transcript beside each log
        assert path.with_suffix(".md").read_text().startswith("# Transcript: ")
    teams = {events(p)[0]["team"]: events(p) for p in paths}
    assert set(teams) == {"Red", "Blue", "Green"}
    for log in teams.values():
        assert log[0]["event"] == "log_started" and log[0]["session"] == "9B"
        assert log[0]["mode"] == "hotseat" and log[-1]["event"] == "log_closed"
        assert all(isinstance(e["t"], float | int) for e in log)
    red = [e["event"] for e in teams["Red"]]
    assert red == ["log_started", "arc_started", "scene_entered", "facilitator", "facilitator",
                   "facilitator", "vote", "choice_taken", "scene_entered", "facilitator",
                   "vote", "choice_taken", "scene_entered", "ending_reached", "log_closed"]
    assert all(e.get("arc") in (None, "typist") for e in teams["Blue"])


def test_votes_are_recorded_with_the_choice(lesson):
    session, _ = lesson
    red = next(events(p) for p in session.log_paths() if "-red-" in p.name)
    vote_event, taken = [e for e in red if e["event"] in ("vote", "choice_taken")][:2]
    assert vote_event["votes"] == [5, 0, 2, 0] and vote_event["choice"] == 1
    assert vote_event["decided_by"] == "majority" and vote_event["countdown"] == 60
    assert taken["votes"] == [5, 0, 2, 0] and taken["choice"] == 1 and taken["tag"] == "obey"
    assert taken["seconds"] == 120.0             # 90 s of pause and 30 s of talk
    assert taken["deltas"] == {"loyalty": [60, 65], "fear": [40, 55]}
    shown = next(e for e in red if e["event"] == "scene_entered")
    assert shown["choices"][1] == {"choice": 2, "text": "Show him the true total.",
                                   "available": False,
                                   "locked": "Your hand will not lift the pencil."}
    assert shown["hidden"] == 1
    corridor = [e for e in red if e["event"] == "choice_taken"][1]
    assert taken["via"] == [] and corridor["via"] == ["the_signature"]
    blue = next(events(p) for p in session.log_paths() if "-blue-" in p.name)
    tie = next(e for e in blue if e["event"] == "vote")
    assert tie["decided_by"] == "facilitator" and tie["leaders"] == [1, 2]
    green = next(events(p) for p in session.log_paths() if "-green-" in p.name)
    assert next(e for e in green if e["event"] == "vote")["timed_out"] is True


def test_facilitator_moments_are_logged(lesson):
    session, _ = lesson
    red = next(events(p) for p in session.log_paths() if "-red-" in p.name)
    moments = [(e["action"], e.get("on"), e.get("prompt"), e.get("seconds"))
               for e in red if e["event"] == "facilitator"]
    assert moments == [("notes", True, None, None), ("pause", None, "Who is the ledger for?",
                                                     None),
                       ("resume", None, None, 90.0), ("meters", False, None, None)]


def test_a_rewind_is_logged_as_a_branch_not_rewritten(lesson):
    session, _ = lesson
    green = next(events(p) for p in session.log_paths() if "-green-" in p.name)
    names = [e["event"] for e in green]
    assert names.count("ending_reached") == 2 and names.count("choice_taken") == 3
    rewound = next(e for e in green if e["event"] == "rewound")
    assert rewound["to_choice"] == 2 and rewound["abandoned"] == 1
    endings = [e["title"] for e in green if e["event"] == "ending_reached"]
    assert endings == ["Home for supper", "Taken away"]


def test_the_ending_carries_its_prompts_and_the_novels_ending(lesson):
    session, _ = lesson
    green = next(events(p) for p in session.log_paths() if "-green-" in p.name)
    first = next(e for e in green if e["event"] == "ending_reached")
    assert first["prompts"] == ["What did his silence cost, and whom?",
                                "Would you have named the typist?"]
    assert first["novel"] == [{"ending": "taken_away", "title": "Taken away",
                               "kind": "imprisoned"}]
    started = next(e for e in green if e["event"] == "arc_started")
    assert started["opening"] == {"case": {}, "scene": None, "overrides": {}}


def test_whole_files_in_turn(make_session, story):
    session = make_session(teams=(("Red", "clerk"), ("Blue", "typist")))
    game = ClassGame(session, story)
    game.begin_turn()
    vote(game, [1, 0, 0])
    assert game.next_turn().team.name == "Red"     # turns: arc, so Red goes on
    vote(game, [1, 0])
    assert game.is_over()
    assert game.next_turn().team.name == "Blue"
    assert len(session.log_paths()) == 2           # Blue's log opens with its turn
    vote(game, [0, 1])
    assert game.next_turn() is None
    game.close()


def test_the_built_in_prompts_go_round(make_session, story):
    game = ClassGame(make_session(), story)
    game.begin_turn()
    prompts = [game.pause() for _ in range(len(DEFAULT_PROMPTS) + 1)]
    assert prompts[:-1] == list(DEFAULT_PROMPTS) and prompts[-1] == DEFAULT_PROMPTS[0]
    assert game.pause("   ") == DEFAULT_PROMPTS[1]
    game.close()


def test_a_team_that_has_not_started_cannot_rewind(make_session, story):
    game = ClassGame(make_session(), story)
    game.begin_turn()
    with pytest.raises(PlayError):
        game.rewind(0, game.games[1])
    with pytest.raises(PlayError):
        game.rewind(0)      # nothing taken yet
    game.close()


def test_a_lesson_is_taken_up_again_where_it_stopped(make_session, story):
    from game.classroom.playlog import load_playthrough
    from game.classroom.replay import build_frames

    session = make_session(teams=(("Red", "clerk"), ("Blue", "typist")), turns="choice")
    first = ClassGame(session, story)
    first.begin_turn()
    vote(first, [4, 0, 1])                            # Red: obey
    first.next_turn()
    vote(first, [1, 3])                               # Blue: betray, and Blue's file ends
    first.close()                                     # the bell rings

    second = ClassGame(session, story, resume=True)
    assert len(session.log_paths()) == 2              # no new logs: the old ones go on
    assert second.current.team.name == "Red"          # the first team with a file open
    assert second.games[1].log is not None and second.is_over(second.games[1])
    assert second.scene().id == "the_corridor"
    second.begin_turn()
    vote(second, [0, 5])
    assert second.finished
    second.close()

    red = next(p for p in session.log_paths() if "-red-" in p.name)
    names = [json.loads(x)["event"] for x in red.read_text().splitlines()]
    assert names.count("log_started") == 1 and names.count("log_resumed") == 1
    (run,) = load_playthrough(red).runs
    assert [b.taken.votes for b in run.main.decisions] == [[4, 0, 1, 0], [0, 5]]
    assert run.main.ending.title == "Taken away"
    assert build_frames(red, story)[-1].scene.ending.title == "Taken away"
