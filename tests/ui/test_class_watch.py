"""The facilitator's console (`tulayev class watch`): every team live, and the controls
each team's game follows. With Pilot here; with real `class play` processes in
tests/classroom/test_watch_processes.py."""

from __future__ import annotations

import json
import time
from pathlib import Path

from textual.widgets import Input

from game.classroom.control import Follower, read_control
from game.classroom.hotseat import ClassGame
from game.classroom.session import Team, create_session, read_session
from game.story import load_story
from game.ui.screens.class_watch import AskDialog, WatchApp
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.pause import PauseScreen

from .helpers import flat, screen_text

STORY = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"


def lab(tmp_path):
    story = load_story(STORY)
    session = create_session(tmp_path / "saves", "lab",
                             (Team("Red", "clerk"), Team("Blue", "typist"),
                              Team("Green", "clerk")), mode="parallel")
    game = ClassGame(session, story, teams=["Red", "Blue"])
    game.begin_turn()
    tally = game.tally()
    tally.set_all([4, 0, 1])
    game.take(tally.decide())                   # Red: 4-0-1 for option 1, at the corridor
    game.turn = 1
    game.begin_turn()
    tally = game.tally()
    tally.set_all([0, 3])
    game.take(tally.decide())                   # Blue: finished
    return session, story, game


def rows(app) -> list[list[str]]:
    table = app.table
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def type_in(pilot, text: str) -> None:
    await pilot.pause()
    assert isinstance(pilot.app.screen, AskDialog)
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


async def test_the_console_shows_every_team_and_sends_what_the_teams_follow(tmp_path):
    session, story, game = lab(tmp_path)
    follower = Follower(session.folder)       # a team's game, following the console
    app = WatchApp(session, story, interval=0.2)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        red, blue, green = rows(app)
        assert red[:3] == ["Red", "The Ledger", "The corridor"]
        assert red[3:6] == ["65", "55", "10"] and red[6] == "1"
        assert red[7] == "1 by 4–0–1" and red[9] == "playing"
        assert ":" in red[8]                                  # time on the current choice
        assert blue[2].startswith("Clean hands") and blue[9] == "finished"
        assert green[1] == "The Ledger" and green[9] == "not started"
        assert "1 of 3 finished" in flat(screen_text(app))

        await pilot.press("m")
        await type_in(pilot, "5 minutes left")
        control = read_control(session.folder)
        assert control.message == "5 minutes left" and control.message_id == 1
        await pilot.press("c")
        await type_in(pilot, "10")
        assert 590 <= read_control(session.folder).remaining() <= 600
        await pilot.press("p")
        await type_in(pilot, "Eyes on the front")
        assert read_control(session.folder).paused
        _, news = follower.poll()
        assert news[0] == "From the facilitator: 5 minutes left"
        assert news[1].startswith(("Countdown: 9:", "Countdown: 10:00"))
        assert news[2] == "Paused by the facilitator: Eyes on the front."
        text = flat(screen_text(app))
        assert "PAUSED" in text and ("countdown 9:" in text or "countdown 10:00" in text)
        await pilot.press("p")                                # resume all
        await pilot.pause()
        assert not read_control(session.folder).paused
        assert follower.poll()[1] == ["The facilitator has resumed play."]

        await pilot.press("b")                                # the debrief, for all
        await pilot.pause()
        assert follower.poll()[1] == [
            "The facilitator has opened the debrief for every team."]
        await pilot.press("e")                                # release the endings
        await pilot.pause()
        assert read_session(session.path).released
        assert "the novel's endings released" in flat(screen_text(app))

        await pilot.press("down", "x")                         # leave Blue's game out
        await pilot.pause()
        assert len(read_session(session.path).excluded) == 1
        assert rows(app)[1][9] == "finished, excluded"

        game.turn = 0                                          # Red plays on meanwhile
        tally = game.tally()
        tally.set_all([0, 2])
        game.take(tally.decide())
        time.sleep(0.3)
        await pilot.pause(0.5)
        assert rows(app)[0][9] == "finished" and "Taken away" in rows(app)[0][2]

        await pilot.press("d")
        await pilot.pause(0.6)                   # the view refreshes under the debrief
        assert isinstance(app.screen, DebriefScreen) and app.is_running
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, DebriefScreen)
    game.close()


async def test_a_teams_game_shows_messages_and_holds_while_paused(tmp_path):
    from .test_classroom_seat import seat_app

    app, log, session = seat_app(tmp_path)
    app.CONTROL_INTERVAL = 0.1
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        (session.folder / "control.json").write_text(json.dumps({
            "format": "tulayev-control", "message": "5 minutes left", "message_id": 1,
            "paused": True, "pause_message": "Eyes on the front"}))
        await pilot.pause(0.4)
        assert isinstance(app.screen, PauseScreen)
        assert "Eyes on the front" in flat(screen_text(app))
        assert any("5 minutes left" in str(n.message) for n in app._notifications)
        await pilot.press("enter")                     # the team cannot end the pause
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        (session.folder / "control.json").write_text(json.dumps({
            "format": "tulayev-control", "message": "5 minutes left", "message_id": 1}))
        await pilot.pause(0.4)
        assert not isinstance(app.screen, PauseScreen)
        (session.folder / "control.json").write_text(json.dumps({
            "format": "tulayev-control", "message": "5 minutes left", "message_id": 1,
            "debrief_id": 1}))
        for _ in range(50):
            await pilot.pause(0.1)
            if isinstance(app.screen, DebriefScreen) and screen_text(app).strip():
                break
        assert isinstance(app.screen, DebriefScreen)
        assert "DEBRIEF: LAB" in flat(screen_text(app))
    log.close()
