"""A team's own game (`tulayev class play --team`): the team votes at each choice, and the
classroom keys (notes, pause, meters, what if, debrief) work in the main game and are logged.
Outside a class, the same keys do nothing."""

from __future__ import annotations

import json
from pathlib import Path

from game.classroom.eventlog import EventLog
from game.classroom.session import Team, create_session
from game.engine.launch import prepare_launch
from game.engine.machine import Engine
from game.story import load_story
from game.ui.dialogs.notes import NotesDialog
from game.ui.dialogs.rewind import RewindDialog
from game.ui.dialogs.vote import PickDialog, VoteDialog
from game.ui.screens.class_seat import ClassSeat, ClassSeatApp
from game.ui.screens.debrief import DebriefScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.pause import PauseScreen
from game.ui.screens.scene import SceneScreen

from .helpers import flat, screen_text

STORY = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"


def seat_app(tmp_path):
    story = load_story(STORY)
    session = create_session(tmp_path / "saves", "lab", (Team("Red", "clerk"),),
                             mode="parallel")
    seat = session.new_seat("Red")
    engine = Engine(story)
    log = EventLog(seat.log_path, {"session": "lab", "team": "Red", "seat": seat.id,
                                   "mode": "parallel"})
    engine.subscribe(log)
    launch = prepare_launch(story, arc="clerk", saves_dir=str(seat.saves_dir), engine=engine)
    return ClassSeatApp(launch, ClassSeat(session, "Red")), log, session


async def test_a_team_votes_and_uses_the_classroom_keys(tmp_path):
    app, log, session = seat_app(tmp_path)
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert "v Vote" in flat(screen_text(app)) and "p Pause" in flat(screen_text(app))
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, NotesDialog)
        assert "routinely inflated" in flat(screen_text(app))
        await pilot.press("escape")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, PauseScreen)
        await pilot.press("enter")
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, VoteDialog)
        for key in ("2", "enter", "2", "enter"):          # 2 for option 1, 2 for option 3
            await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, PickDialog)         # a tie: decided on the spot
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert "The corridor" in flat(screen_text(app))
        await pilot.press("m")
        await pilot.pause()
        assert not app.settings.meters_during_play
        await pilot.press("v")
        await pilot.press("0", "enter", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, RewindDialog)
        await pilot.press("enter")                        # back to before choice 1
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen) and not app.state.history
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DebriefScreen)
        assert "Ending: Taken away (imprisoned)" in flat(screen_text(app))
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
    log.close()
    events = [json.loads(x) for x in log.path.read_text().splitlines()]
    votes = [e for e in events if e["event"] == "vote"]
    assert [(v["votes"], v["decided_by"]) for v in votes] == [
        ([2, 0, 2, 0], "facilitator"), ([0, 4], "unanimous")]
    taken = [e for e in events if e["event"] == "choice_taken"]
    assert [t["votes"] for t in taken] == [[2, 0, 2, 0], [0, 4]]
    assert taken[0]["choice"] == 3 and taken[0]["seconds"] is not None
    actions = [e["action"] for e in events if e["event"] == "facilitator"]
    assert actions == ["notes", "notes", "pause", "resume", "meters"]
    assert any(e["event"] == "rewound" for e in events)


async def test_outside_a_class_there_are_no_class_keys(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for key in ("v", "p", "r", "D"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, SceneScreen)
        assert "Vote" not in flat(screen_text(app))


async def test_help_lists_the_session_keys_in_a_class_only(tmp_path, make_app):
    from game.ui.screens.help import HelpScreen

    app, _, _ = seat_app(tmp_path)
    async with app.run_test(size=(110, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = flat(screen_text(app))
        assert "THIS SESSION" in text and "What if?" in text and "Debrief" in text
    plain = make_app()
    async with plain.run_test(size=(110, 60)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert "THIS SESSION" not in flat(screen_text(plain))
