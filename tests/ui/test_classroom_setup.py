"""The class setup screen: teams typed, arcs dealt, a session made."""

from __future__ import annotations

from pathlib import Path

from game.classroom.session import load_session
from game.story import load_story
from game.ui.screens.class_setup import ClassSetupApp, ClassSetupScreen

from .helpers import flat, screen_text

STORY = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"


async def test_setting_up_a_session_on_screen(tmp_path):
    saves = tmp_path / "saves"
    app = ClassSetupApp(load_story(STORY), saves)
    async with app.run_test(size=(110, 60)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ClassSetupScreen)
        assert len(screen.teams) == 3
        teams = screen.query_one("#teams")
        teams.text = "Red = clerk\nBlue\nRed"
        await pilot.pause()
        assert "two teams are called 'Red'" in flat(screen_text(app))
        teams.text = "Red = clerk\nBlue\nGreen"
        await pilot.pause()
        text = flat(screen_text(app))
        assert "Red: Ivan Petrovich, wages clerk (The Ledger)" in text
        assert {t.arc for t in screen.teams[1:]} <= {"clerk", "typist"}
        await pilot.click("#create")
        await pilot.pause()
        assert "'' is not a session name" in flat(screen_text(app))
        screen.query_one("#name").value = "9B"
        screen.query_one("#countdown").value = "45"
        await pilot.click("#choice")
        await pilot.press("ctrl+s")
        await pilot.pause()
    result = app.return_value
    assert result is not None and not result.start
    session = load_session("9B", saves)
    assert [t.name for t in session.teams] == ["Red", "Blue", "Green"]
    assert session.teams[0].arc == "clerk"
    assert (session.mode, session.turns, session.countdown) == ("hotseat", "choice", 45)
