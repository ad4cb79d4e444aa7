"""Transcripts of a log: Markdown, printable HTML, JSON."""

from __future__ import annotations

import json
import re

from game.classroom.playlog import load_playthrough
from game.classroom.transcript import render, to_data


def test_markdown_has_every_choice_shown_and_taken(team_log):
    text = render(load_playthrough(team_log("Red")), "md")
    assert text.startswith("# Transcript: Red\n")
    assert "- **Session:** 9B (hot seat)" in text
    assert "#### Choice 1: The ledger" in text
    assert "1. **Add it again, and get the figure he wants.** (5 votes; taken)" in text
    assert ("2. ~~Show him the true total.~~ (0 votes; locked: Your hand will not lift the "
            "pencil.)") in text
    assert "3. Say nothing and wait. (2 votes)" in text
    assert "(1 more choice hidden from the players.)" in text
    assert ("**Taken:** 1. “Add it again, and get the figure he wants.” — they chose to obey; "
            "after 2 min; class vote 5–0–2: majority; loyalty 60→65, fear 40→55.") in text
    assert "*Paused for discussion: “Who is the ledger for?”*" in text
    assert "*Play resumed after 1 min 30 s.*" in text
    assert "*Facilitator notes shown.*" in text and "*Meters hidden.*" in text
    assert "Ending: Taken away (imprisoned).\nThis is how the novel ends it." in text
    assert "They obeyed once and betrayed once." in text
    assert "| fear | 40 | 55 | 55 |" in text
    assert "- Was telling the truth about the figures a betrayal? Of whom?" in text


def test_a_tie_and_the_novels_other_ending(team_log):
    blue = render(load_playthrough(team_log("Blue")), "md")
    assert "class vote 3–3: a tie, settled by the facilitator" in blue
    green = render(load_playthrough(team_log("Green")), "md")
    assert "Ending: Home for supper (free).\nIn the novel: Taken away (imprisoned)." in green


def test_a_what_if_is_a_branch_after_what_happened(team_log):
    text = render(load_playthrough(team_log("Green")), "md")
    first, what_if = text.split("### What if? Branch 2: back to choice 2")
    assert "Home for supper" in first and "Taken away" not in first.split("In the novel")[0]
    assert "Afterwards the class went back to choice 2 to ask what if: see branch 2." in first
    assert "Rewound from branch 1. Choice 1 as in branch 1." in what_if
    assert "#### Choice 1:" not in what_if and "#### Choice 2: The corridor" in what_if
    assert "#### The end of this what-if" in what_if and "Taken away" in what_if


def test_html_prints_cleanly_and_is_self_contained(team_log):
    page = render(load_playthrough(team_log("Green")), "html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "@media print" in page and "break-inside: avoid" in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)
    assert "<script" not in page
    assert '<li class="taken"><span class="text">Say nothing and wait.</span>' in page
    assert "What if? Branch 2: back to choice 2" in page
    assert '<table class="trail">' in page


def test_json_is_the_whole_structure(team_log):
    data = json.loads(render(load_playthrough(team_log("Green")), "json"))
    assert data["format"] == "tulayev-transcript" and data["team"] == "Green"
    (run,) = data["runs"]
    main, what_if = run["branches"]
    assert main["ending"]["title"] == "Home for supper"
    assert what_if["from_choice"] == 2 and what_if["ending"]["historical"] is True
    beat = main["beats"][0]
    assert beat["taken"]["votes"] == [1, 0, 6, 0] and beat["taken"]["shown_as"] == 3
    assert beat["taken"]["vote"]["timed_out"] is True
    assert beat["choices"][1]["locked"] == "Your hand will not lift the pencil."
    assert to_data(load_playthrough(team_log("Green"))) == data


HOSTILE = "<script>alert('x')</script> **bold** [link](http://evil) | # &amp;"


def test_text_from_a_log_is_escaped(tmp_path):
    events = [
        {"event": "log_started", "format": "tulayev-log", "version": 1, "team": HOSTILE},
        {"event": "arc_started", "arc": "a", "scene": "s", "title": HOSTILE,
         "meters": {"loyalty": 1, "fear": 2, "suspicion": 3}},
        {"event": "scene_entered", "arc": "a", "scene": "s", "title": HOSTILE,
         "choices": [{"choice": 1, "text": HOSTILE, "available": True},
                     {"choice": 2, "text": "b", "available": False, "locked": HOSTILE}]},
        {"event": "choice_taken", "arc": "a", "scene": "e", "source": "s", "choice": 1,
         "text": HOSTILE, "tag": "<b>obey</b>", "meters": {}},
    ]
    path = tmp_path / "evil.jsonl"
    path.write_text("\n".join(json.dumps(e) for e in events) + "\n")
    play = load_playthrough(path)
    page = render(play, "html")
    assert "<script>" not in page and "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in page
    assert "<b>obey</b>" not in page
    markdown = render(play, "md")
    assert "<script>" not in markdown and "\\*\\*bold\\*\\*" in markdown
    assert "\\[link\\](http://evil)" in markdown and "\\| \\#" in markdown
