"""Every HTML page comes from one Jinja environment with autoescaping and StrictUndefined.

Team, student and session names are typed by people, and choice text comes from story files
and logs anyone can share: each page must show them as text. The names below would run a
script or break out of an attribute if any page put them in as markup.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from jinja2 import StrictUndefined, UndefinedError
from markupsafe import escape

from game.classroom.debrief import debrief_session
from game.classroom.debrief import render as debrief_render
from game.classroom.hotseat import ClassGame
from game.classroom.pack import render_pack
from game.classroom.playlog import load_playthrough
from game.classroom.session import Team, create_session, load_session
from game.classroom.transcript import render as transcript_render
from game.serve.server import ClassroomServer
from game.story import load_story
from game.templates import PAGES, environment, render

from .conftest import FIXTURE_STORY
from .helpers import vote

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
SESSION = '"><img src=x onerror=alert(2)>'   # a session folder renamed by hand
TEMPLATES = Path(__file__).resolve().parents[2] / "game" / "templates"


def assert_shown_as_text(page: str, *texts: str) -> None:
    """Each of `texts` is on the page, escaped; none of them is there as markup."""
    for text in texts:
        assert text not in page, f"{text!r} reached the page as markup"
        assert str(escape(text)) in page, f"{text!r} is not on the page at all"
    assert "<script>alert" not in page and "<img src=x" not in page


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A finished lesson where the team, student and session names and two choices' text
    are markup: (session, story)."""
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "story"
    shutil.copytree(FIXTURE_STORY, folder)
    clerk = folder / "clerk.yaml"
    clerk.write_text(clerk.read_text()
                     .replace('"Add it again, and get the figure he wants."', repr(SCRIPT))
                     .replace('"Show him the true total."', repr(BREAKOUT)))
    story = load_story(folder)
    saves = root / "saves"
    made = create_session(saves, "lab", (Team(SCRIPT, "clerk", ("Ana", BREAKOUT)),
                                         Team(BREAKOUT, "clerk", (SCRIPT,))),
                          turns="choice", mode="hotseat")
    renamed = made.folder.with_name(SESSION)
    made.folder.rename(renamed)
    session = load_session(renamed, saves)
    game = ClassGame(session, story)
    game.begin_turn()
    vote(game, [5, 0, 2])           # SCRIPT is taken; BREAKOUT is shown, locked
    game.next_turn()
    vote(game, [1, 0, 4])
    game.close()
    assert session.name == SESSION
    return session, story


def test_a_transcript_shows_names_and_choices_as_text(hostile):
    session, _ = hostile
    logs = sorted(session.log_paths())
    assert len(logs) == 2
    for log in logs:
        page = transcript_render(load_playthrough(log), "html")
        assert_shown_as_text(page, SCRIPT, BREAKOUT, SESSION)


def test_the_debrief_shows_names_and_choices_as_text(hostile):
    session, story = hostile
    page = debrief_render(debrief_session(session, story), "html")
    assert_shown_as_text(page, SCRIPT, BREAKOUT, SESSION)
    assert f"<h3>{escape(SCRIPT)}</h3>" in page          # a team's card
    assert f"<dd>Ana, {escape(BREAKOUT)}</dd>" in page    # its students


def test_the_pack_shows_names_and_choices_as_text(hostile):
    session, story = hostile
    page = render_pack(replace(session, mode="parallel"), story)
    assert_shown_as_text(page, SCRIPT, BREAKOUT, SESSION)
    assert f"Recorder sheet: Team {escape(SCRIPT)}" in page


async def test_every_served_page_shows_names_as_text(hostile):
    session, _ = hostile
    server = ClassroomServer(session, saves_dir=session.folder.parents[1], title=SCRIPT,
                             fork=False, max_sessions=1)
    client = TestClient(TestServer(await server._make_app()))
    await client.start_server()
    try:
        picker = await client.get("/")
        page = await picker.text()
        assert picker.status == 200 and "Which team are you in?" in page
        assert_shown_as_text(page, SCRIPT, BREAKOUT)
        assert '<a class="team" href="/?team=%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%281%29' \
               '%3E">' in page
        game = await client.get("/", params={"team": BREAKOUT})
        page = await game.text()
        assert game.status == 200 and 'data-session-websocket-url="ws://' in page
        assert_shown_as_text(page, SCRIPT, BREAKOUT)
        missing = await client.get("/", params={"team": SESSION + "x"})
        page = await missing.text()
        assert missing.status == 404
        assert_shown_as_text(page, SESSION + "x", SCRIPT, BREAKOUT)
        server.active = 1
        full = await client.get("/")
        page = await full.text()
        assert full.status == 503 and "The only place on this server is taken" in page
        assert "<script" not in page
    finally:
        await client.close()


def test_the_environment_escapes_and_refuses_missing_variables():
    env = environment()
    assert env.undefined is StrictUndefined
    assert env.autoescape("any.html") and env.autoescape(None)
    assert render("serve_message.html", title=SCRIPT, heading="h", text="", teams=[]) \
        .count(str(escape(SCRIPT))) == 1


def test_the_list_of_pages_is_every_template_but_the_frame():
    assert set(PAGES) == {p.name for p in TEMPLATES.glob("*.html")} - {"page.html"}


@pytest.mark.parametrize("name", PAGES)
def test_a_page_rendered_without_its_values_fails_loudly(name):
    with pytest.raises(UndefinedError, match="is undefined"):
        render(name)


@pytest.mark.parametrize(("name", "context", "missing"), [
    ("serve_message.html", {"title": "t", "heading": "h", "teams": []}, "text"),
    ("serve_game.html", {"title": "t", "static": "/s/", "websocket": "ws://x/ws",
                         "team": ""}, "font_size"),
])
def test_one_missing_value_is_named(name, context, missing):
    with pytest.raises(UndefinedError, match=f"'{missing}' is undefined"):
        render(name, **context)
