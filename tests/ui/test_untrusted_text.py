"""Markup and escape codes in story, team and session text, through every front end.

The story below has `[/]`, an action link, brackets and `<script>` in every field that reaches
a screen, and (as a story that got past the validator would, through a tampered compiled
story) OSC and CSI escape sequences in them too. Every front end must show the brackets as
written, never act on them, and never let an escape sequence through.
"""

from __future__ import annotations

import errno
import io
import json
import os
import shutil
from pathlib import Path

import pytest
import yaml

from game.classroom.debrief import debrief_session
from game.classroom.debrief import render as debrief_render
from game.classroom.hotseat import ClassGame
from game.classroom.playlog import load_playthrough
from game.classroom.replay import build_frames
from game.classroom.session import Team, create_session
from game.classroom.transcript import render as transcript_render
from game.cli import open_story
from game.engine.launch import prepare_launch
from game.plain.game import play_plain
from game.plain.replay import play_plain as replay_plain
from game.story import load_story
from game.story.compiled import from_data, to_data
from game.story.safetext import CONTROL
from game.ui.app import TulayevApp
from game.ui.screens.class_play import ClassApp
from game.ui.screens.debrief import DebriefApp
from game.ui.screens.dossier import DossierScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.replay import ReplayApp
from game.ui.screens.scene import SceneScreen

from .helpers import flat, screen_text

FIXTURE = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"
MARKUP = "[/] [@click=app.quit]x[/] [redacted] <script>alert(1)</script>"
LITERALS = ("[/]", "[@click=app.quit]x[/]", "[redacted]")
ESCAPES = "\x1b]0;PWNED\x07\x1b]52;c;aGk=\x1b\\\x1b[2J\x9b31m\x90q\x9c\x07"
MARK = "QQESC"
FIELDS = ("title", "subtitle", "accused", "rank", "dossier", "locked", "notes")
TEAM = "Red [redacted] [/]"


def _poison(node, key=None):
    if isinstance(node, dict):
        return {k: _poison(v, k) for k, v in node.items()}
    if isinstance(node, list):
        return [_poison(v, key) for v in node]
    if isinstance(node, str) and key in FIELDS + ("prompts",):
        return f"{node} {MARKUP} {MARK}"
    if isinstance(node, str) and key == "text":
        return f"{node}\n\nCHIEF: {MARKUP} {MARK}\n" if "\n" in node.strip() or \
            node.endswith("\n") else f"{node} {MARKUP} {MARK}"
    return node


def _escaped(node):
    if isinstance(node, dict):
        return {k: _escaped(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_escaped(v) for v in node]
    return node.replace(MARK, ESCAPES) if isinstance(node, str) else node


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """(story folder with markup in every text field, the story with escape codes too)."""
    folder = tmp_path_factory.mktemp("hostile") / "story"
    shutil.copytree(FIXTURE, folder)
    for path in folder.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_poison(data), allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    story = load_story(folder)
    return folder, from_data(_escaped(to_data(story)))


def raw_screen(app) -> str:
    """Every character of every segment the screen would send to the terminal."""
    update = app.screen._compositor.render_update(full=True,
                                                  screen_stack=app._background_screens)
    return "".join(segment.text for line in update.strips for segment in line)


def assert_safe_text(text: str, literals=LITERALS) -> None:
    assert CONTROL.search(text.replace("\n", "").replace("\t", "")) is None, \
        repr(CONTROL.search(text))
    for literal in literals:
        assert literal in text, literal


async def assert_safe_screen(app, pilot, literals=LITERALS) -> None:
    await pilot.pause()
    assert app.is_running
    raw = raw_screen(app)
    assert CONTROL.search(raw) is None, repr(raw[max(0, CONTROL.search(raw).start() - 20):][:60])
    text = flat(screen_text(app))
    for literal in literals:
        assert literal in text, (literal, text[:2000])


async def test_the_game_shows_markup_as_written_and_no_escape_codes(hostile, tmp_path):
    _, story = hostile
    app = TulayevApp(prepare_launch(story, saves_dir=str(tmp_path / "saves")))
    async with app.run_test(size=(200, 60)) as pilot:
        await assert_safe_screen(app, pilot)                     # title and subtitle
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        await assert_safe_screen(app, pilot)                     # accused, rank, dossier
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        await assert_safe_screen(app, pilot)
        # the file's border title: all of it as written (on screen the column may cut it)
        borders = [str(w.border_title) for w in app.screen.query("*")
                   if w.border_title and "FILE" in str(w.border_title)]
        assert borders and "[REDACTED]" in borders[0], borders
        await pilot.press("2")                                   # locked: its reason, a toast
        await assert_safe_screen(app, pilot)
        assert any(MARKUP.split(" <")[0] in str(n.message) for n in app._notifications)
        await pilot.press("1")
        await pilot.pause()
        await assert_safe_screen(app, pilot)                     # the choice taken, again
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        await assert_safe_screen(app, pilot)                     # ending title, prompts
        await pilot.press("h")
        await assert_safe_screen(app, pilot)


def test_plain_mode_prints_markup_as_written_and_no_escape_codes(hostile, tmp_path):
    _, story = hostile
    out = io.StringIO()
    launch = prepare_launch(story, saves_dir=str(tmp_path / "saves"))
    play_plain(launch, io.StringIO("1\n2\n1\n1\nh\nq\n"), out)
    text = out.getvalue()
    assert_safe_text(text, LITERALS + ("<script>",))
    assert "]0;PWNED" not in text and "2J" not in text  # whole sequences are removed


@pytest.fixture(scope="module")
def lesson(hostile, tmp_path_factory):
    """A hot-seat lesson on the hostile story, by teams with brackets in their names."""
    _, story = hostile
    session = create_session(tmp_path_factory.mktemp("class") / "saves", "9B",
                             (Team(TEAM, "clerk"), Team("Blue <b>", "typist")))
    game = ClassGame(session, story)
    for picks, team_game in zip(([0, 1], [0]), game.games, strict=True):
        game.turn = game.games.index(team_game)
        game.begin_turn()
        for index in picks:
            tally = game.tally()
            tally.counts[index] = 3
            game.take(tally.decide())
    game.close()
    # A session file edited by hand: a team renamed with escape codes in it.
    path = session.folder / "session.json"
    data = json.loads(path.read_text())
    data["teams"][1]["name"] = f"Blue {ESCAPES}"
    path.write_text(json.dumps(data))
    return session, story


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_transcripts_hold_no_escape_codes(lesson, fmt):
    session, _ = lesson
    for log in session.log_paths():
        text = transcript_render(load_playthrough(log), fmt)
        literals = {"md": (r"\[redacted\]", r"\<script\>"),
                    "html": ("[redacted]", "[@click=app.quit]x[/]", "&lt;script&gt;"),
                    "json": ("[redacted]",)}[fmt]
        assert_safe_text(text, literals)
        if fmt == "html":
            assert "<script>" not in text


@pytest.mark.parametrize("fmt", ["text", "html", "json"])
def test_debriefs_hold_no_escape_codes(lesson, fmt):
    session, story = lesson
    from game.classroom.session import read_session

    text = debrief_render(debrief_session(read_session(session.folder / "session.json"),
                                          story), fmt)
    literals = {"text": (TEAM, "[redacted]"), "html": ("Red [redacted] [/]", "&lt;b&gt;"),
                "json": ("[redacted]",)}[fmt]
    assert_safe_text(text, literals)
    if fmt == "html":
        assert "<b>" not in text and "<script>" not in text


async def test_the_debrief_screen_shows_team_names_as_written(lesson):
    session, story = lesson
    from game.classroom.session import read_session

    app = DebriefApp(debrief_session(read_session(session.folder / "session.json"), story),
                     session.folder)
    async with app.run_test(size=(200, 80)) as pilot:
        await assert_safe_screen(app, pilot, (TEAM,))
        titles = [card.border_title for card in app.screen.query(".team-card")]
        assert titles and all("\x1b" not in title for title in titles)


def test_the_plain_replay_holds_no_escape_codes(lesson):
    session, story = lesson
    out = io.StringIO()
    replay_plain(build_frames(session.log_paths()[0], story), out)
    assert_safe_text(out.getvalue(), LITERALS + ("<script>",))


async def test_the_replay_screen_shows_markup_as_written(lesson):
    session, story = lesson
    app = ReplayApp(build_frames(session.log_paths()[0], story), story.title)
    async with app.run_test(size=(200, 60)) as pilot:
        await assert_safe_screen(app, pilot, ())
        for _ in range(3):
            await pilot.press("right")
            await assert_safe_screen(app, pilot, ())
        assert "[redacted]" in flat(screen_text(app))


async def test_the_class_screen_shows_team_names_and_notes_as_written(hostile, tmp_path):
    _, story = hostile
    session = create_session(tmp_path / "saves", "9B", (Team(TEAM, "clerk"),),
                             show_notes=True)
    game = ClassGame(session, story)
    app = ClassApp(game)
    try:
        async with app.run_test(size=(200, 70)) as pilot:
            await pilot.press("enter")
            await assert_safe_screen(app, pilot, (TEAM,))
            await pilot.press("n")
            await assert_safe_screen(app, pilot, ("[redacted]",))
    finally:
        game.close()


# Not markup, but the same promise: what the player sees of problems and of saving. ---------


async def test_a_loader_problem_shows_its_located_line_in_the_game(tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(FIXTURE, broken)
    clerk = broken / "clerk.yaml"
    clerk.write_text(clerk.read_text().replace("fear: 40", "fear: !!float abc", 1))
    app = TulayevApp(None, opener=lambda: open_story(str(broken),
                                                     saves_dir=str(tmp_path / "saves")),
                     saves_dir=str(tmp_path / "saves"))
    async with app.run_test() as pilot:
        for _ in range(200):
            await pilot.pause(0.02)
            if app.startup_problems:
                break
    assert app.return_code == 1
    assert f"{clerk}:10:31: 'abc' is not a number: fix it, or remove the '!!' tag before it" \
        in app.startup_problems


async def test_the_game_never_claims_a_save_that_failed(tmp_path, monkeypatch):
    story = load_story(FIXTURE)
    saves = tmp_path / "saves"
    app = TulayevApp(prepare_launch(story, saves_dir=str(saves)))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n")
        await pilot.press("1")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the autosave is written in a thread
        app.flush_autosave()
        assert app.save_failure is None and (saves / "autosave.json").is_file()

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "replace", full)
        await pilot.press("1")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the autosave is written in a thread
        app.flush_autosave()
        assert app.save_failure == "[Errno 28] No space left on device"
        message = str(list(app._notifications)[-1].message)
        assert message.startswith("Autosave failed: [Errno 28] No space left on device. "
                                  "This place is not saved; your game as it was last saved at ")
        assert message.endswith(f"is kept in {saves / 'autosave.json'}.")
        monkeypatch.undo()
        await pilot.press("1")
        await pilot.pause()
        await app.workers.wait_for_complete()  # the autosave is written in a thread
        app.flush_autosave()
        assert app.save_failure is None
