"""The classroom commands end to end, as real processes: a whole hot-seat lesson typed in
plain mode, then its transcript, replay and debrief."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import REPO

from .conftest import FIXTURE_STORY

TULAYEV = [sys.executable, "-m", "game"]


def run(*args, stdin: str | None = None, saves=None):
    extra = ["--saves-dir", str(saves)] if saves is not None else []
    env = {**os.environ, "PYTHONPATH": str(REPO), "TULAYEV_SAVES": "/nonexistent/never"}
    return subprocess.run([*TULAYEV, *args, *extra], capture_output=True, text=True,
                          input=stdin, env=env, timeout=120, cwd=REPO)


def one_line_error(result, start: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(start), result.stderr


LESSON_INPUT = "\n".join([
    "n",                    # facilitator notes on
    "p Who is it for?",     # pause on a question of our own
    "",                     # and go on
    "5 0 2",                # Red: option 1 by 5 votes to 2
    "2 7",                  # Red: option 2 -> Taken away
    "r", "1",               # a what-if: back to choice 1
    "0 0 4",                # option 3
    "6 1",                  # option 1 -> Home for supper
    "",                     # next team
    "3 3", "2",             # Blue: a tie, the facilitator chooses 2
    "",                     # done
]) + "\n"


@pytest.fixture
def lesson_dir(tmp_path):
    saves = tmp_path / "saves"
    story = str(FIXTURE_STORY)
    made = run("class", "new", "9B", "--team", "Red=clerk", "--team", "Blue=typist",
               "--countdown", "30", "--story", story, saves=saves)
    assert made.returncode == 0, made.stderr
    assert "Red: Ivan Petrovich, wages clerk (The Ledger)" in made.stdout
    assert "next: tulayev class run 9B" in made.stdout
    played = run("class", "run", "9B", "--plain", "--story", story, stdin=LESSON_INPUT,
                 saves=saves)
    assert played.returncode == 0, played.stderr
    out = played.stdout
    assert "FACILITATOR NOTES: For the facilitator: published production figures" in out
    assert "PAUSED FOR DISCUSSION" in out and "Who is it for?" in out
    assert "Discuss: 30 seconds, then the vote." in out
    assert "Option 1 is taken: 5 of 7 vote(s)." in out
    assert "THE END for team Red: Taken away (imprisoned)" in out
    assert "Back to choice 1: what if?" in out
    assert "A tie between options 1, 2: the facilitator decides." in out
    assert "Option 2 is taken: 3 of 6 vote(s), settled by the facilitator." in out
    assert "Every team has reached an ending. The debrief: tulayev debrief 9B" in out
    return saves


def test_a_hot_seat_lesson_its_transcript_and_its_debrief(lesson_dir, tmp_path):
    saves = lesson_dir
    logs = sorted((saves / "classes" / "9B" / "logs").glob("*.jsonl"))
    assert len(logs) == 2
    red = next(p for p in logs if "-red-" in p.name)
    md = run("transcript", str(red))
    assert md.returncode == 0, md.stderr
    assert "**Taken:** 1. “Add it again, and get the figure he wants.” — they chose to obey" \
        in md.stdout
    assert "class vote 5–0–2: majority" in md.stdout
    assert "*Paused for discussion: “Who is it for?”*" in md.stdout
    assert "### What if? Branch 2: back to choice 1" in md.stdout
    assert "#### The end of this what-if" in md.stdout and "Home for supper" in md.stdout

    page = tmp_path / "red.html"
    html = run("transcript", str(red), "--format", "html", "--output", str(page))
    assert html.returncode == 0 and page.read_text().startswith("<!DOCTYPE html>")
    data = json.loads(run("transcript", str(red), "--format", "json").stdout)
    assert [b["ending"]["title"] for b in data["runs"][0]["branches"]] == \
        ["Taken away", "Home for supper"]

    debrief = run("debrief", "9B", "--story", str(FIXTURE_STORY), saves=saves)
    assert debrief.returncode == 0, debrief.stderr
    text = debrief.stdout
    assert "Red: The Ledger (Ivan Petrovich, wages clerk)" in text
    assert "  ending:    Taken away (imprisoned)" in text
    assert "  the novel: the same: this is how the novel ends it" in text
    assert "  what if:   back to choice 1: Home for supper (free)" in text
    assert "Blue: The Carbon (Vera Sorokina)" in text and "obeyed 0, betrayed 1" in text
    assert "THE CLOSEST VOTES\nBlue, The Carbon: The typing room: 3–3" in text
    out = tmp_path / "debrief.html"
    assert run("debrief", "9B", "--format", "html", "-o", str(out), saves=saves).returncode == 0
    assert out.read_text().count("<svg") == 4

    replay = run("replay", str(red), "--plain", "--story", str(FIXTURE_STORY))
    assert replay.returncode == 0, replay.stderr
    assert "The class chose 1 (5 of 7 votes)" in replay.stdout
    assert "<< What if? The class goes back to choice 1." in replay.stdout
    assert replay.stdout.count("THE END:") == 2
    not_a_terminal = run("replay", str(red), "--story", str(FIXTURE_STORY))
    assert not_a_terminal.stdout == replay.stdout      # no screen to page: plain text


def test_parallel_players_each_get_a_log(tmp_path):
    saves = tmp_path / "saves"
    story = str(FIXTURE_STORY)
    assert run("class", "new", "lab", "--team", "Red=clerk", "--mode", "parallel",
               "--story", story, saves=saves).returncode == 0
    team = run("class", "play", "lab", "--team", "red", "--plain", "--story", story,
               stdin="1\n2\nq\n", saves=saves)
    assert team.returncode == 0, team.stderr
    assert "THE END: Taken away" in team.stdout
    alone = run("class", "play", "lab", "--plain", "--story", story, stdin="1\n3\n1\nq\n",
                saves=saves)
    assert alone.returncode == 0, alone.stderr
    folder = saves / "classes" / "lab"
    assert len(list((folder / "logs").glob("*.jsonl"))) == 2
    transcripts = sorted((folder / "logs").glob("*.md"))
    assert len(transcripts) == 2 and "THE END" not in transcripts[0].read_text()
    assert any("Ending: Taken away" in t.read_text() for t in transcripts)
    assert len(list((folder / "players").iterdir())) == 2      # each game its own saves
    assert not (saves / "autosave.json").exists()
    text = run("debrief", "lab", "--story", story, saves=saves).stdout
    assert "Red: The Ledger" in text and "Player 1: The Ledger" in text
    assert "WHERE THE TEAMS SPLIT\nThe Ledger: The ledger" in text
    assert "HOW THE CLASS CHOSE" in text and "50%" in text
    listed = run("class", "list", saves=saves).stdout
    assert listed.startswith("lab: parallel, 1 team(s), 2 log(s)")
    assert "log: " in run("class", "show", "lab", saves=saves).stdout


def test_random_arcs_from_the_command_line(tmp_path):
    saves = tmp_path / "saves"
    made = run("class", "new", "r", "--teams", "4", "--arcs", "clerk,typist", "--seed", "3",
               "--story", str(FIXTURE_STORY), saves=saves)
    assert made.returncode == 0, made.stderr
    session = json.loads((saves / "classes" / "r" / "session.json").read_text())
    arcs = [t["arc"] for t in session["teams"]]
    assert [t["name"] for t in session["teams"]] == ["Team 1", "Team 2", "Team 3", "Team 4"]
    assert sorted(arcs) == ["clerk", "clerk", "typist", "typist"]


def test_bad_input_is_one_line_and_exit_1(tmp_path):
    saves = tmp_path / "saves"
    one_line_error(run("debrief", "nope", saves=saves), "tulayev debrief: no session 'nope'")
    one_line_error(run("class", "run", "nope", "--plain", saves=saves),
                   "tulayev class run: no session 'nope'")
    one_line_error(run("class", "new", "bad name", "--team", "A", "--story",
                       str(FIXTURE_STORY), saves=saves), "tulayev class new: 'bad name' is not")
    one_line_error(run("class", "new", "x", "--story", str(FIXTURE_STORY), saves=saves),
                   "tulayev class new: a session needs at least one team")
    broken = tmp_path / "broken.jsonl"
    broken.write_text('{"event": "log_started", "format": "tulayev-log", "version": 1}\n'
                      '{"event": "scene_entered", "choices": 3}\n')
    one_line_error(run("transcript", str(broken)), f"{broken}:2:")
    one_line_error(run("replay", str(broken), "--plain"), f"{broken}:2:")
    one_line_error(run("transcript", str(tmp_path / "missing.jsonl")),
                   f"{tmp_path / 'missing.jsonl'}: no such log")
    binary = tmp_path / "binary.jsonl"
    binary.write_bytes(os.urandom(2048))
    result = run("transcript", str(binary))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith(f"{binary}:")
    corrupt = saves / "classes" / "c" / "session.json"
    corrupt.parent.mkdir(parents=True)
    corrupt.write_text('{"format": "tulayev-class",\n  "version": 1,, }')
    one_line_error(run("debrief", "c", saves=saves), f"{corrupt}:2:16: not valid JSON")


def test_serve_on_loopback_neither_shares_nor_warns(tmp_path):
    saves = tmp_path / "saves"
    assert run("class", "new", "web", "--team", "Red=clerk", "--mode", "parallel",
               "--story", str(FIXTURE_STORY), saves=saves).returncode == 0
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    process = subprocess.Popen(
        [*TULAYEV, "serve", "--session", "web", "--host", "127.0.0.1", "--port", "0",
         "--saves-dir", str(saves), "--story", str(FIXTURE_STORY)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=REPO)
    lines = []
    try:
        for line in process.stdout:
            lines.append(line.strip())
            if line.startswith("Logs:"):
                break
    finally:
        process.terminate()
        process.wait(30)
    text = "\n".join(lines)
    assert "Serving 'Obey or Betray: The Test File' on http://127.0.0.1:" in text
    assert "Share this address" not in text and "WARNING" not in text
    assert "Only this computer can connect." in text
    assert f"Logs: {saves / 'classes' / 'web' / 'logs'}" in text
