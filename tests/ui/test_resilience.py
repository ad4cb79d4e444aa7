"""Resizing at any moment, tiny and huge terminals, NO_COLOR."""

from __future__ import annotations

import re

import pytest

from .helpers import screen_text

SIZES = [(40, 12), (250, 80)]


MENUS = [((), "TitleScreen"), (("question_mark",), "HelpScreen"),
         (("escape", "o"), "SettingsScreen"), (("escape", "n"), "DossierScreen"),
         (("1",), "SceneScreen")]
PLAY = [((), "SceneScreen"), (("1", "h"), "HistoryScreen"), (("escape", "s"), "SavesScreen"),
        (("escape", "l"), "SavesScreen"), (("escape", "1"), "EndingScreen")]


@pytest.mark.parametrize("arc, walk", [(None, MENUS), ("clerk", PLAY)], ids=["menus", "play"])
async def test_resizing_any_screen_never_crashes(make_app, arc, walk):
    """Every screen survives 40x12 and 250x80 (an error in a handler fails run_test)."""
    app = make_app(arc=arc)
    seen = []
    async with app.run_test(size=(80, 24)) as pilot:
        for keys, name in walk:
            await pilot.press(*keys)
            await pilot.pause()
            seen.append(type(app.screen).__name__)
            for width, height in SIZES:
                await pilot.resize_terminal(width, height)
                await pilot.pause()
                assert app.screen.size == (width, height), name
        assert screen_text(app).strip()
    assert app.return_code in (None, 0)
    assert seen == [name for _, name in walk]


async def test_no_color_turns_the_screen_grey(make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.no_color
        svg = app.export_screenshot()
    colours = set(re.findall(r"fill: #([0-9a-f]{6})", svg))
    colours |= set(re.findall(r'fill="#([0-9a-f]{6})"', svg))
    greys = {c for c in colours if c[0:2] == c[2:4] == c[4:6]}
    window_chrome = {"ff5f57", "febc2e", "28c840", "c5c8c6"}  # the SVG's window and title
    assert colours - window_chrome - greys == set()
    assert greys


async def test_with_colour_the_screen_is_not_grey(make_app, monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.pause()
        svg = app.export_screenshot()
    colours = set(re.findall(r"fill: #([0-9a-f]{6})", svg))
    chrome = {"ff5f57", "febc2e", "28c840", "c5c8c6"}
    assert any(not (c[0:2] == c[2:4] == c[4:6]) for c in colours - chrome)


async def test_a_question_keeps_its_buttons_in_sight_at_40x12(make_app):
    from textual.widgets import Button

    from game.ui.dialogs.confirm import ConfirmDialog

    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        app.push_screen(ConfirmDialog(
            "The file on Ivan Petrovich is still under investigation. Open 'The Carbon' "
            "instead?", "Your place in the open file will be lost (named saves keep it).",
            yes="Open the other file", no="Stay"))
        await pilot.pause()
        screen = app.screen.region
        for button in app.screen.query(Button):
            assert screen.contains_region(button.region), button.id
        await pilot.press("y")
        await pilot.pause()
        assert not isinstance(app.screen, ConfirmDialog)


async def test_a_question_starts_on_its_safe_answer(make_app):
    from game.ui.dialogs.confirm import ConfirmDialog

    app = make_app()
    async with app.run_test() as pilot:
        answers = []
        app.push_screen(ConfirmDialog("Replace it?", yes="Replace", no="Keep"), answers.append)
        await pilot.pause()
        assert app.focused.id == "no"
        await pilot.press("enter")
        await pilot.pause()
        assert answers == [False]
