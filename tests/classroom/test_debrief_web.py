"""The debrief's case web: per team, the entries its games wrote and whom they name."""

from __future__ import annotations

from game.classroom.debrief import debrief_session, render


def test_the_case_web_per_team(lesson, story):
    debrief = debrief_session(lesson[0], story)
    webs = {w.team: w for w in debrief.web}
    assert list(webs) == ["Red", "Blue", "Green"]
    green = webs["Green"]
    assert [(w.by, w.names, w.entry) for w in green.written] == [
        ("Ivan Petrovich", "Vera Sorokina", "clerk_named_typist")]
    assert webs["Red"].written == [] and webs["Red"].files == ["The Ledger"]
    assert all(w.left_out == 0 for w in webs.values())


def test_the_case_web_in_text_and_html(lesson, story):
    debrief = debrief_session(lesson[0], story)
    text = render(debrief, "text")
    assert ("THE CASE WEB (what each team's games signed, and whom it names)\n"
            "Red (The Ledger):\n  nothing signed\n") in text
    assert ("Green (The Ledger):\n  Ivan Petrovich → Vera Sorokina: clerk_named_typist\n"
            "      The clerk's deposition names the typist") in text
    html = render(debrief, "html")
    assert "<h2>The case web</h2>" in html
    assert "<b>Ivan Petrovich → Vera Sorokina</b>: <code>clerk_named_typist</code>" in html


def test_no_story_no_web(lesson):
    debrief = debrief_session(lesson[0], None)
    assert debrief.web == [] and "THE CASE WEB" not in render(debrief, "text")
