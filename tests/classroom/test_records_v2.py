"""What the records say: transcripts, debriefs and replays that a class can read."""

from __future__ import annotations

import io
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


# The facilitator's choice, undo, and the replay's order --------------------------------------

def overridden_lesson(make_session, story):
    """Red, clerk: three hands for option 1, then the facilitator takes option 3 (option 2
    is locked at the start)."""
    from game.classroom.hotseat import ClassGame

    session = make_session(teams=(("Red", "clerk"),))
    game = ClassGame(session, story)
    game.begin_turn()
    tally = game.tally()
    for _ in range(3):
        tally.add(1)
    game.take(index=tally.index_of(3), tally=tally)
    game.close()
    return session, session.log_paths()[0]


def test_an_override_keeps_the_votes_and_says_whose_choice_it_was(make_session, story):
    from game.classroom.debrief import debrief_session
    from game.classroom.replay import build_frames
    from game.plain.replay import play_plain

    session, log = overridden_lesson(make_session, story)
    lines = [json.loads(x) for x in log.read_text().splitlines()]
    vote = next(e for e in lines if e["event"] == "vote")
    assert vote["decided_by"] == "override" and vote["votes"][:3] == [3, 0, 0]
    assert next(e for e in lines if e["event"] == "choice_taken")["votes"][:3] == [3, 0, 0]
    words = "the facilitator chose 3 against a 3–0–0 vote"
    md = transcript(load_playthrough(log), "md")
    assert words in md and "majority" not in md
    out = io.StringIO()
    play_plain(build_frames(log, story), out)
    assert "The facilitator chose 3 against a 3–0–0 vote" in out.getvalue()
    for fmt in ("text", "html", "json"):
        assert words in render(debrief_session(session, story), fmt)


def test_undo_takes_back_the_last_choice_without_a_what_if(make_session, story):
    from game.classroom.hotseat import ClassGame
    from game.classroom.replay import build_frames

    from .helpers import vote

    session = make_session(teams=(("Red", "clerk"),))
    game = ClassGame(session, story)
    game.begin_turn()
    vote(game, [0, 0, 4])              # say nothing and wait: a slip
    game.undo()
    assert game.current.state.history == [] and game.branch_number() == 1
    vote(game, [4, 0, 0])
    vote(game, [0, 5])
    game.close()
    log = session.log_paths()[0]
    events = [json.loads(x)["event"] for x in log.read_text().splitlines()]
    assert "undone" in events and "rewound" not in events
    play = load_playthrough(log)
    (run,) = play.runs
    assert len(run.branches) == 1 and len(run.main.decisions) == 2
    assert run.main.decisions[0].taken.text.startswith("Add it again")
    md = transcript(play, "md")
    assert "What if?" not in md
    assert "Choice 1 (“Say nothing and wait.”) was undone" in md
    assert [f.kind for f in build_frames(log, story)].count("undo") == 1


def test_replay_shows_a_pause_where_the_transcript_does(team_log, story):
    from game.classroom.replay import build_frames
    from game.plain.replay import play_plain

    frames = build_frames(team_log("Red"), story)
    kinds = [f.kind for f in frames]
    pause = kinds.index("pause")
    assert kinds[pause - 1] == "arc" and kinds[pause + 2] == "scene"
    assert frames[pause + 2].taken is not None      # the vote comes after the pause
    out = io.StringIO()
    play_plain(frames, out)
    text = out.getvalue()
    assert text.index("PAUSED FOR DISCUSSION") < text.index("The class chose 1")
    md = transcript(load_playthrough(team_log("Red")), "md")
    assert md.index("Paused for discussion") < md.index("**Taken:** 1.")


def test_the_novels_ending_is_hidden_from_a_team_still_playing(make_session, story):
    from game.classroom.debrief import debrief_session
    from game.classroom.hotseat import ClassGame

    from .helpers import vote

    session = make_session(teams=(("Red", "clerk"), ("Green", "clerk")), mode="parallel")
    game = ClassGame(session, story)
    game.begin_turn()
    vote(game, [3, 0, 0])
    vote(game, [0, 3])                  # Red: Taken away, the novel's ending
    game.next_turn()
    vote(game, [3, 0, 0])               # Green: one choice, still playing
    game.close()
    hidden = "not shown until the team has finished its file"
    teacher = render(debrief_session(session, story), "text")
    assert hidden not in teacher and "the novel: Taken away (imprisoned)" in teacher
    shown_to_red = render(debrief_session(session, story, for_players=True, viewer="Red"),
                          "text")
    assert shown_to_red.count(hidden) == 1                # Green's card only
    assert "the same: this is how the novel ends it" in shown_to_red
    to_green = debrief_session(session, story, for_players=True, viewer="Green")
    text = render(to_green, "text")
    assert text.count(hidden) == 2 and "Taken away (imprisoned)" not in \
        text.split("the novel:")[1]
    assert "how the novel ends" not in text and "the novel's" not in text
    assert "how the novel ends" not in render(to_green, "html")
    data = json.loads(render(to_green, "json"))
    assert all(r["novel"] == [] and r["novel_hidden"] for r in data["runs"])
    assert data["runs"][0]["ending"]["historical"] is None
    session.released = True
    session.save()
    from game.classroom.session import load_session

    released = render(debrief_session(load_session("9B", session.folder.parent.parent), story,
                                      for_players=True, viewer="Green"), "text")
    assert hidden not in released


def test_the_console_lists_each_game_of_a_session_without_teams(make_session, story):
    from game.classroom.hotseat import ClassGame
    from game.classroom.session import Session
    from game.classroom.watch import team_statuses

    from .helpers import vote

    session = make_session(teams=(("A", "clerk"), ("B", "typist")), mode="parallel")
    game = ClassGame(session, story)
    game.begin_turn()
    tally = game.tally()
    tally.add(1)
    game.take(index=tally.index_of(3), tally=tally)      # the facilitator's choice
    game.turn = 1
    game.begin_turn()
    vote(game, [0, 2])
    game.close()
    players = Session("open", session.folder, mode="parallel")   # the same logs, no teams
    rows = team_statuses(players, story)
    assert [r.team for r in rows] == ["Player 1", "Player 2"]
    first = next(r for r in rows if r.arc_title == "The Ledger")
    assert first.last_vote == "the facilitator chose 3 against a 1–0–0 vote"
    assert first.scene == "The corridor" and not first.open and not first.finished
    second = next(r for r in rows if r.arc_title == "The Carbon")
    assert second.finished and second.last_vote == "2 by 0–2"
