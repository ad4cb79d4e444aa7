"""The debrief: teams side by side, endings against the novel's, splits, shares, charts."""

from __future__ import annotations

import json
import re

from game.classroom.debrief import build_debrief, debrief_session, render


def test_the_teams_side_by_side(lesson, story):
    session, _ = lesson
    debrief = debrief_session(session, story)
    assert [r.label for r in debrief.runs] == ["Red", "Blue", "Green"]
    red, blue, green = debrief.runs
    assert (red.ending.title, red.matches_novel) == ("Taken away", True)
    assert (green.ending.title, green.matches_novel) == ("Home for supper", False)
    assert green.novel == [("Taken away", "imprisoned")]
    assert (red.obeyed, red.betrayed, blue.obeyed, blue.betrayed) == (1, 1, 0, 1)
    assert red.trail == [{"loyalty": 60, "fear": 40, "suspicion": 10},
                         {"loyalty": 60 + 5, "fear": 55, "suspicion": 10},
                         {"loyalty": 65, "fear": 55, "suspicion": 30}]
    assert red.votes_cast == 16 and red.seconds == 130.0
    assert [(w.from_choice, w.ending.title) for w in green.what_ifs] == [(2, "Taken away")]
    assert debrief.waiting == [] and debrief.problems == []


def test_where_the_teams_split_and_the_shares(lesson, story):
    session, _ = lesson
    debrief = debrief_session(session, story)
    assert [p.title for p in debrief.splits] == ["The ledger", "The corridor"]
    ledger = debrief.splits[0]
    assert {o.number: o.runs for o in ledger.options} == {1: ["Red"], 2: [], 3: ["Green"]}
    assert {o.number: o.votes for o in ledger.options} == {1: 6, 2: 0, 3: 8}
    assert ledger.games == 2 and ledger.votes == 14
    typing = next(p for p in debrief.polls if p.scene == "typing_room")
    assert typing.games == 1 and not typing.split
    assert typing in debrief.close_votes         # 3-3: the closest vote of the lesson


def test_the_endings_of_each_file_played_more_than_once(lesson, story):
    debrief = debrief_session(lesson[0], story)
    (clerk,) = debrief.arc_tallies
    assert (clerk.title, clerk.games, clerk.obeyed, clerk.betrayed) == ("The Ledger", 2, 2, 1)
    assert [(x.title, x.historical, x.games) for x in clerk.endings] == [
        ("Home for supper", False, ["Green"]), ("Taken away", True, ["Red"])]
    assert "THE ENDINGS\nThe Ledger (2 games; obeyed 2, betrayed 1 in all)\n" \
        "    1 Home for supper (free)\n    1 Taken away (imprisoned)  (the novel's)" in render(
            debrief, "text")


def test_text(lesson, story):
    text = render(debrief_session(lesson[0], story), "text")
    assert text.startswith("DEBRIEF: 9B\nhot seat, 3 team(s), 3 game(s) logged\n")
    assert ("Green: The Ledger (Ivan Petrovich, wages clerk)\n"
            "  ending:    Home for supper (free)\n"
            "  the novel: Taken away (imprisoned)\n") in text
    assert "  the novel: the same: this is how the novel ends it" in text
    assert "  what if:   back to choice 2: Taken away (imprisoned)" in text
    assert "WHERE THE TEAMS SPLIT\nThe Ledger: The ledger\n  1. Add it again" in text
    assert "HOW THE CLASS CHOSE" in text and "votes 8 (57%)" in text
    assert "  - Is the typist responsible for what she types?" in text


def test_html_is_one_self_contained_page_with_svg_charts(lesson, story):
    page = render(debrief_session(lesson[0], story), "html")
    assert page.startswith("<!DOCTYPE html>")
    assert page.count('<div class="card">') == 3
    # per team: obey/betray and meters; 2 shares; the endings of the clerk's 2 games
    assert page.count("<svg") == 3 * 2 + 2 + 1
    assert "<h2>The endings</h2>" in page
    assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)
    assert "<script" not in page and "<link" not in page
    assert 'role="img"' in page and "<title id=\"chart-2\">Red: obeyed 1, betrayed 1</title>" \
        in page
    assert "Where the teams split" in page and "How the class chose" in page
    assert "The closest votes" in page and "@media print" in page
    assert page == render(debrief_session(lesson[0], story), "html")   # stable ids


def test_json(lesson, story):
    data = json.loads(render(debrief_session(lesson[0], story), "json"))
    assert data["format"] == "tulayev-debrief"
    assert [r["label"] for r in data["runs"]] == ["Red", "Blue", "Green"]
    ledger = data["choices"][0]
    assert ledger["split"] and ledger["options"][0]["games"] == ["Red"]


def test_a_bad_log_is_left_out_and_named(lesson, story):
    session, _ = lesson
    bad = session.logs_dir / "zz-broken.jsonl"
    bad.write_text("not json\n")
    debrief = debrief_session(session, story)
    assert len(debrief.runs) == 3
    assert debrief.problems == [f"{bad}:1:1: not JSON: Expecting value (left out of the "
                                "debrief)"]
    assert f"{bad}:1:1" in render(debrief, "html")


def test_teams_yet_to_play_and_players_without_teams(make_session, story, tmp_path):
    session = make_session(teams=(("Red", "clerk"), ("Blue", "typist")))
    log = tmp_path / "p.jsonl"
    log.write_text(json.dumps({"event": "log_started", "format": "tulayev-log",
                               "version": 1}) + "\n")
    debrief = build_debrief(session, [log, log], story)
    assert [t.name for t in debrief.waiting] == ["Red", "Blue"]
    assert debrief.runs == []
    assert "No games have been logged yet." in render(debrief, "text")
    assert "Red: The Ledger, not played yet" in render(debrief, "text")
