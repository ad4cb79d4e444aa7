"""Every size of terminal: a notice below the smallest usable size, never a crash."""

from __future__ import annotations

import pytest

from game.ui.size_guard import MIN_HEIGHT, MIN_WIDTH, SizeNotice
from tests.ui.helpers import flat, screen_text

# The screens a player reaches: (arc opened with --arc, keys pressed after start).
PLACES = {
    "title": (None, []),
    "scene": ("clerk", []),
    "ending": ("clerk", ["1", "1"]),
    "dossier": ("clerk", ["escape"]),
    "help": (None, ["f1"]),
    "settings": (None, ["o"]),
    "saves": (None, ["l"]),
}


@pytest.mark.parametrize("size", [(8, 3), (3, 1), (1, 1), (39, 30), (120, 11)])
@pytest.mark.parametrize("place", PLACES)
async def test_too_small_shows_a_notice_and_never_crashes(make_app, place, size):
    arc, keys = PLACES[place]
    app = make_app(arc=arc)
    async with app.run_test(size=size) as pilot:
        for key in keys:
            await pilot.press(key)
        await pilot.pause()
        assert app.has_class("-too-small")
        assert app.screen.query_one(SizeNotice).display
        if size[0] * size[1] >= 60:
            assert "Make the window larger" in flat(screen_text(app))
    assert app.return_code in (None, 0)


async def test_the_notice_goes_when_the_window_grows(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert "Make the window larger" not in screen_text(app)
        for width, height in [(30, 10), (6, 2), (1, 1), (7, 3)]:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.has_class("-too-small")
        await pilot.press("1")  # a key while the notice is up takes no choice
        await pilot.resize_terminal(MIN_WIDTH, MIN_HEIGHT)
        await pilot.pause()
        assert not app.has_class("-too-small")
        text = screen_text(app)
        assert "Make the window larger" not in text
        assert "1-9 Choose" in text and not app.state.history
    assert app._exception is None


@pytest.mark.parametrize("size", [(200, 60), (130, 40)])
async def test_a_wide_terminal_keeps_the_text_to_a_readable_measure_centred(make_app, size):
    from game.ui.widgets.choices import ChoiceList
    from game.ui.widgets.prose import Prose, ProseParagraph

    app = make_app(arc="clerk")
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        middle = size[0] // 2
        shown = [paragraph for paragraph in prose.query(ProseParagraph) if paragraph.display]
        assert shown
        for widget in [*shown, app.screen.query_one(ChoiceList)]:
            region = widget.region
            assert region.width <= 80
            assert abs((region.x + region.right) // 2 - middle) <= 3  # centred
        lines = [line.strip() for line in screen_text(app).split("\n")[3:-5]]
        assert max(len(line) for line in lines) <= 80


# What must be readable at the smallest usable size, screen by screen.
AT_SMALLEST = {
    "title": ["New game", "Continue", "Quit"],
    "scene": ["The Ledger · Ivan Petrovich, wages clerk", "Clerk, Wages Section",
              "1. Add it again, and get the figure he wants.", "2. Show him the true total.",
              "More below", "? Help"],
    "ending": ["THE END · The Ledger · Ivan Petrovich, wages clerk", "Home for supper",
               "? Help"],
    "dossier": ["THE DOSSIER · Obey or Betray: The Test File", "1. Ivan Petrovich", "? Help"],
    "help": ["HELP", "EVERYWHERE", "Quit", "esc Back"],
    "settings": ["SETTINGS", "Off: the whole scene at", "esc Back"],
    "saves": ["LOAD A SAVED GAME", "No saves yet.", "esc Back"],
}


@pytest.mark.parametrize("place", PLACES)
async def test_every_screen_is_usable_at_40x12(make_app, place):
    arc, keys = PLACES[place]
    if place == "ending":
        keys = ["1"] * 4  # each scene is longer than the screen: a digit first reads on
    app = make_app(arc=arc)
    async with app.run_test(size=(MIN_WIDTH, MIN_HEIGHT)) as pilot:
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()
        assert not app.has_class("-too-small")
        text = flat(screen_text(app))
        for phrase in AT_SMALLEST[place]:
            assert phrase in text, phrase


async def test_the_scene_keeps_lines_for_the_text_at_40x12(make_app):
    from game.ui.widgets.prose import Prose

    app = make_app(arc="clerk")
    async with app.run_test(size=(MIN_WIDTH, MIN_HEIGHT)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(Prose).region.height >= 4
        for _ in range(6):  # read on to the end, a page at a time; then choose
            await pilot.press("space")
        await pilot.press("1")
        await pilot.pause()
        assert app.state.history and app.state.history[0].text.startswith("Add it again")


async def test_long_choices_get_room_once_the_text_is_read(saves_dir):
    """At 50x16 three long choices wrap to more lines than the list is given while the text
    is unread; read, the list grows so that every choice shows whole."""
    from pathlib import Path

    from game.engine.launch import prepare_launch
    from game.story import load_story
    from game.ui.app import TulayevApp
    from game.ui.widgets.choices import ChoiceList

    story = load_story(Path(__file__).parent / "fixtures" / "long")
    app = TulayevApp(prepare_launch(story, arc="archive", scene="crowd",
                                    saves_dir=str(saves_dir)))
    async with app.run_test(size=(50, 16)) as pilot:
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        assert choices.max_scroll_y > 0  # unread: the text keeps most of the screen
        await pilot.press("1")  # reads to the end
        await pilot.pause()
        assert str(choices.styles.max_height) == "70vh" and not app.state.history
        assert choices.max_scroll_y == 0  # every line of every choice is on screen
        assert "before anyone sees his face." in flat(screen_text(app))
