"""The teacher pack: a printable page made from the story and the session (and a PDF of it
where Chromium is installed)."""

from __future__ import annotations

import html
import os
import re

import pytest

from game.classroom.pack import key_choices, render_pack
from game.classroom.session import Team, create_session
from game.story import load_story
from game.story.locate import default_story_dir

from .conftest import FIXTURE_STORY
from .test_cli import run

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="module")
def shipped():
    return load_story(default_story_dir())


def test_the_pack_has_every_part_for_the_sessions_teams(saves_dir, shipped):
    session = create_session(saves_dir, "lab", (
        Team("Red <b>", "erchov", ("Ana", "<i>Ben</i>")), Team("Blue", "makeyev"),
        Team("Team 3", "prologue")), mode="parallel")
    page = render_pack(session, shipped)
    text = html.unescape(page)
    for words in ("Executions", "Famine", "sleep deprivation", "A wife's forced statement",
                  "Age guidance", "Students whose families were touched by repression",
                  "Exit ticket", "Glossary", "Timeline, 1934-1938", "Sources",
                  "Serge's fiction and the record", "For teams that finish early",
                  "tulayev class watch lab", 'tulayev class play lab --team "Blue"'):
        assert words in text, words
    assert page.count('<div class="card">') == 3
    assert page.count("Recorder sheet:") == 3
    assert "Recorder sheet: Team Red &lt;b&gt;" in page and "<b>" not in page
    assert "Students: Ana, &lt;i&gt;Ben&lt;/i&gt;" in page and "<i>Ben" not in page
    assert "Recorder sheet: Team 3" in page and "Team Team" not in page
    for year in ("1934", "1935", "1936", "1937", "1938"):
        assert re.search(rf"<tr><td>[^<]*{year}", page), year
    assert page.count("<sup>") >= 10 and "Getty" in page and "Khlevniuk" in page
    sheets = page.split("Recorder sheet:")[1:]
    assert all(len(re.findall(r"<tr><td>\d\. ", s.split("</table>")[0])) == 3 for s in sheets)


def test_key_choices_offer_both_obey_and_betray_and_are_spread_over_the_file(shipped):
    arc = shipped.arc("erchov")
    chosen = key_choices(arc)
    assert len(chosen) == 3
    titles = [s.title for s in arc.scenes.values()]
    positions = [titles.index(c.title) for c in chosen]
    assert positions == sorted(positions) and positions[-1] - positions[0] > len(titles) // 3


def test_class_pack_writes_the_page_and_a_pdf_where_chromium_is(tmp_path):
    saves = tmp_path / "saves"
    made = run("class", "new", "lab", "--team", "Red=clerk", "--team", "Blue=typist",
               "--story", str(FIXTURE_STORY), saves=saves)
    assert made.returncode == 0, made.stderr
    only_html = run("class", "pack", "lab", "--no-pdf", "--story", str(FIXTURE_STORY),
                    saves=saves)
    assert only_html.returncode == 0, only_html.stderr
    assert (saves / "classes" / "lab" / "pack.html").read_text().startswith("<!DOCTYPE")
    assert not (saves / "classes" / "lab" / "pack.pdf").exists()
    if not os.access(CHROMIUM, os.X_OK):
        print(f"\nSKIPPING the PDF: {CHROMIUM} is not installed (apt-get install -y chromium)")
        pytest.skip(f"{CHROMIUM} is not installed")
    target = tmp_path / "out" / "pack.html"
    result = run("class", "pack", "lab", "-o", str(target), "--story", str(FIXTURE_STORY),
                 saves=saves)
    assert result.returncode == 0, result.stderr
    assert f"wrote {target.with_suffix('.pdf')}" in result.stdout
    assert target.with_suffix(".pdf").read_bytes().startswith(b"%PDF")


def test_a_session_without_teams_has_no_pack(tmp_path):
    saves = tmp_path / "saves"
    create_session(saves, "empty", (), mode="parallel")
    result = run("class", "pack", "empty", "--story", str(FIXTURE_STORY), saves=saves)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip() == ("tulayev class pack: session 'empty' has no teams: the "
                                     "pack is made for the teams of a session (tulayev class "
                                     "new NAME --team ...)")
