"""Help (`?`) opened from a class's hot-seat screen lists that screen's own keys."""

from __future__ import annotations

from pathlib import Path

from game.classroom.hotseat import ClassGame
from game.classroom.session import Team, create_session
from game.story import load_story
from game.ui.screens.class_play import ClassApp, ClassScreen
from game.ui.screens.help import HelpScreen

from .helpers import flat, screen_text

STORY = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"


async def test_help_from_the_hot_seat_lists_the_class_keys(tmp_path):
    session = create_session(tmp_path / "saves", "9B", (Team("Red", "clerk"),))
    game = ClassGame(session, load_story(STORY))
    try:
        app = ClassApp(game, theme="tulayev")
        async with app.run_test(size=(100, 50)) as pilot:
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = flat(screen_text(app))
            for words in ("THIS SCREEN", "One raised hand for that option",
                          "Type the count for each option", "Undo the last choice",
                          "What if?", "Debrief", "EVERYWHERE", "Settings", "Quit"):
                assert words in text, words
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, ClassScreen)
    finally:
        game.close()


async def test_the_hot_seat_shows_the_size_notice_and_never_crashes(tmp_path):
    session = create_session(tmp_path / "saves", "9B", (Team("Red", "clerk"),))
    game = ClassGame(session, load_story(STORY))
    try:
        app = ClassApp(game, theme="tulayev")
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            for size in [(8, 3), (1, 1), (39, 11)]:
                await pilot.resize_terminal(*size)
                await pilot.pause()
                assert app.has_class("-too-small")
            await pilot.resize_terminal(100, 40)
            await pilot.pause()
            assert not app.has_class("-too-small")
            assert "TEAM RED" in flat(screen_text(app))
        assert app._exception is None
    finally:
        game.close()
