"""Exports for a spreadsheet or an LMS: the debrief as CSV, students per team, and
transcripts with the story's text."""

from __future__ import annotations

import csv
import io

from game.classroom.debrief import debrief_session, render
from game.classroom.playlog import load_playthrough
from game.classroom.replay import scene_texts
from game.classroom.session import load_session
from game.classroom.transcript import render as transcript

from .conftest import FIXTURE_STORY
from .test_cli import run


def test_the_debrief_as_csv_one_row_per_team_per_choice(lesson, story):
    session, _ = lesson
    rows = list(csv.DictReader(io.StringIO(render(debrief_session(session, story), "csv"))))
    red = [r for r in rows if r["team"] == "Red"]
    assert [(r["choice"], r["option"], r["votes"], r["result"]) for r in red] == [
        ("1", "1", "5;0;2", "majority"), ("2", "2", "2;7", "majority")]
    assert red[0]["votes_for"] == "5" and red[0]["votes_total"] == "7"
    assert red[0]["seconds"] == "120" and red[-1]["ending"] == "Taken away"
    assert red[0]["overridden"] == "no" and red[0]["tag"] == "obey"
    blue = next(r for r in rows if r["team"] == "Blue")
    assert blue["result"] == "tie settled by the facilitator" and blue["votes"] == "3;3"
    green = [r for r in rows if r["team"] == "Green"]
    assert [(r["branch"], r["what_if_from"], r["choice"]) for r in green] == [
        ("1", "", "1"), ("1", "", "2"), ("2", "2", "2")]
    assert green[0]["result"] == "majority" and green[0]["votes"] == "1;0;6"


def test_csv_cells_cannot_run_as_formulas_and_name_the_students(tmp_path, story):
    saves = tmp_path / "saves"
    made = run("class", "new", "lab", "--mode", "parallel", "--team", "+Red=clerk",
               "--students", "+Red=Ana, @Ben", "--story", str(FIXTURE_STORY), saves=saves)
    assert made.returncode == 0, made.stderr
    assert "Ana, @Ben" in made.stdout
    played = run("class", "play", "lab", "--team", "+Red", "--plain", "--story",
                 str(FIXTURE_STORY), stdin="1\n2\n", saves=saves)
    assert played.returncode == 0, played.stderr
    result = run("debrief", "lab", "--format", "csv", "--story", str(FIXTURE_STORY),
                 saves=saves)
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["team"] for r in rows] == ["'+Red", "'+Red"]
    assert rows[0]["students"] == "Ana, @Ben"
    text = render(debrief_session(load_session("lab", saves), story), "text")
    assert "students:  Ana, @Ben" in text
    bad = run("class", "new", "x", "--team", "Red=clerk", "--students", "Blue=Ana",
              "--story", str(FIXTURE_STORY), saves=saves)
    assert bad.returncode == 1 and "no team 'Blue'" in bad.stderr


def test_a_transcript_can_include_the_story_text(team_log, story):
    log = team_log("Red")
    plain = transcript(load_playthrough(log), "md")
    assert "The lamp over the ledger hums" not in plain
    texts = scene_texts(log, story)
    with_text = transcript(load_playthrough(log), "md", texts)
    assert "> The lamp over the ledger hums." in with_text
    assert "> SUPERVISOR: Add it again" in with_text
    assert "> The car has no handles on the inside." in with_text      # the ending's
    page = transcript(load_playthrough(log), "html", texts)
    assert '<blockquote class="story"><p>The lamp over the ledger hums.' in page
    result = run("transcript", str(log), "--story-text", "--story", str(FIXTURE_STORY))
    assert result.returncode == 0 and "> The lamp over the ledger hums." in result.stdout
