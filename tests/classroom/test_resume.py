"""Taking a team's game up where it stands: a team's terminal restarted (or a browser tab
reloaded), a parallel team's game brought to the hot seat as a what-if, and the games the
debrief leaves out."""

from __future__ import annotations

import json

from game.classroom.debrief import debrief_session, render
from game.classroom.hotseat import ClassGame
from game.classroom.playlog import load_playthrough
from game.classroom.session import load_session
from game.classroom.transcript import render as transcript

from .conftest import FIXTURE_STORY
from .helpers import vote
from .test_cli import run


def new_lab(saves, *extra):
    made = run("class", "new", "lab", "--mode", "parallel", "--team", "Red=clerk",
               "--team", "Blue=typist", "--story", str(FIXTURE_STORY), *extra, saves=saves)
    assert made.returncode == 0, made.stderr


def play(saves, team, typed, *extra):
    return run("class", "play", "lab", "--team", team, "--plain", "--story",
               str(FIXTURE_STORY), *extra, stdin=typed, saves=saves)


def test_a_team_resumes_its_game_where_it_stands(tmp_path):
    saves = tmp_path / "saves"
    new_lab(saves)
    first = play(saves, "Red", "1\nq\n", "--resume")    # no game yet: a new one
    assert first.returncode == 0, first.stderr
    second = play(saves, "Red", "2\n", "--resume")
    assert second.returncode == 0, second.stderr
    assert "The ledger" not in second.stdout and "Taken away" in second.stdout
    (log,) = (saves / "classes" / "lab" / "logs").glob("*.jsonl")
    events = [json.loads(x)["event"] for x in log.read_text().splitlines()]
    assert events.count("log_started") == 1 and events.count("log_resumed") == 1
    (run_,) = load_playthrough(log).runs
    assert [b.taken.choice for b in run_.main.decisions] == [1, 2]
    assert run_.main.ending.title == "Taken away"


def test_without_resume_a_team_starts_afresh_and_resume_needs_a_team(tmp_path):
    saves = tmp_path / "saves"
    new_lab(saves)
    play(saves, "Red", "1\nq\n")
    play(saves, "Red", "q\n")
    assert len(list((saves / "classes" / "lab" / "logs").glob("*.jsonl"))) == 2
    alone = run("class", "play", "lab", "--resume", "--plain", "--story", str(FIXTURE_STORY),
                stdin="q\n", saves=saves)
    assert alone.returncode == 1 and "--resume needs --team" in alone.stderr


def test_the_hot_seat_takes_a_parallel_teams_game_as_a_what_if(tmp_path, story):
    saves = tmp_path / "saves"
    new_lab(saves)
    play(saves, "Red", "1\n2\n")                       # Red's own game, to its ending
    session = load_session("lab", saves)
    game = ClassGame(session, story, resume=True, teams=["Red"])
    assert [g.team.name for g in game.games] == ["Red"] and game.is_over()
    game.rewind(1)                                      # back to choice 2: what if?
    vote(game, [5, 1])
    game.close()
    (log,) = session.log_paths()
    (run_,) = load_playthrough(log).runs
    assert len(run_.branches) == 2 and run_.branches[1].from_choice == 2
    assert run_.main.ending.title == "Taken away"
    assert run_.branches[1].ending.title == "Home for supper"
    assert "What if? Branch 2: back to choice 2" in transcript(load_playthrough(log), "md")


def test_class_run_on_a_parallel_team_with_what_if(tmp_path):
    saves = tmp_path / "saves"
    new_lab(saves)
    play(saves, "Red", "1\n2\n")
    result = run("class", "run", "lab", "--team", "Red", "--resume", "--what-if", "2",
                 "--plain", "--story", str(FIXTURE_STORY), stdin="5 1\n\n", saves=saves)
    assert result.returncode == 0, result.stderr
    assert "Home for supper" in result.stdout
    (log,) = (saves / "classes" / "lab" / "logs").glob("*.jsonl")
    assert '"event":"rewound"' in log.read_text()
    bad = run("class", "run", "lab", "--team", "Red", "--resume", "--what-if", "9",
              "--plain", "--story", str(FIXTURE_STORY), stdin="", saves=saves)
    assert bad.returncode == 1 and "has taken 2 choice(s)" in bad.stderr
    assert "Traceback" not in bad.stderr


def test_games_with_no_choices_are_left_out_and_the_facilitator_can_exclude_one(tmp_path,
                                                                                story):
    saves = tmp_path / "saves"
    new_lab(saves)
    play(saves, "Red", "q\n")                         # a stray tab: no choice taken
    play(saves, "Blue", "1\n")
    play(saves, "Red", "1\n2\n")
    session = load_session("lab", saves)
    debrief = debrief_session(session, story)
    assert [r.team for r in debrief.runs] == ["Red", "Blue"]
    assert "1 game(s) with no choice taken are left out." in debrief.problems
    blue = next(r.log for r in debrief.runs if r.team == "Blue")
    excluded = run("class", "exclude", "lab", blue.name, saves=saves)
    assert excluded.returncode == 0, excluded.stderr
    session = load_session("lab", saves)
    text = render(debrief_session(session, story), "text")
    assert "Blue: The Carbon, not played yet" in text
    assert "1 game(s) left out by the facilitator" in text
    run("class", "exclude", "lab", blue.stem, "--include", saves=saves)
    assert [r.team for r in debrief_session(load_session("lab", saves), story).runs] == \
        ["Red", "Blue"]


def test_class_run_takes_a_theme_and_refuses_an_unknown_one(tmp_path):
    saves = tmp_path / "saves"
    new_lab(saves)
    bad = run("class", "run", "lab", "--theme", "sepia", "--plain", "--story",
              str(FIXTURE_STORY), stdin="q\n", saves=saves)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr
    assert bad.stderr.strip().startswith("tulayev class run: --theme sepia: no such theme")
    good = run("class", "run", "lab", "--theme", "projector", "--plain", "--story",
               str(FIXTURE_STORY), stdin="q\n", saves=saves)
    assert good.returncode == 0, good.stderr


def test_a_log_that_cannot_be_taken_up_starts_a_new_game_and_says_why(tmp_path):
    saves = tmp_path / "saves"
    new_lab(saves)
    play(saves, "Red", "1\nq\n")
    (log,) = (saves / "classes" / "lab" / "logs").glob("*.jsonl")
    log.write_text(log.read_text().replace('"source":"the_ledger","choice":1',
                                           '"source":"the_ledger","choice":3'))
    again = play(saves, "Red", "q\n", "--resume")
    assert again.returncode == 0 and "Traceback" not in again.stderr
    assert "starting a new game for team 'Red' (the old log is kept)" in again.stderr
    assert "Two columns that should agree" in again.stdout
    assert len(list((saves / "classes" / "lab" / "logs").glob("*.jsonl"))) == 2
