"""The title screen: menu, keys, continue."""

from __future__ import annotations

from game.ui.screens.dossier import DossierScreen
from game.ui.screens.help import HelpScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.settings import SettingsScreen
from game.ui.screens.title import TitleScreen

from .helpers import flat, screen_text


async def test_title_shows_the_menu_and_no_continue_without_saves(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        text = flat(screen_text(app))
        for entry in ("New game", "Continue", "Load a saved game", "Settings", "Help", "Quit"):
            assert entry in text
        assert "no saved game yet" in text
        assert app.flow.state == "title"


async def test_n_opens_the_dossier(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        assert app.flow.state == "dossier"


async def test_menu_works_with_arrows_and_enter(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("down", "down", "enter")  # past the whole case; Continue skipped
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        assert app.screen.mode == "load"


async def test_menu_works_with_the_mouse(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.click("#menu", offset=(5, 1))
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)


async def test_settings_and_help_open_from_the_title(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        await pilot.press("escape", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_q_quits_from_the_title(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert not app.is_running


async def test_a_key_right_after_continue_does_not_act_on_the_title(make_app, saves_dir):
    """`c` then Enter at once: Enter used to reach the title's menu (New game) after the
    game had already gone on, and ask to start a new game over the scene."""
    from textual import events

    from game.ui.dialogs.confirm import ConfirmDialog
    from game.ui.screens.scene import SceneScreen

    opened = make_app(arc="clerk")
    async with opened.run_test() as pilot:
        await pilot.pause()
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        for key, character in (("c", "c"), ("enter", "\r")):  # in one burst
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert not any(isinstance(s, ConfirmDialog) for s in app.screen_stack)
