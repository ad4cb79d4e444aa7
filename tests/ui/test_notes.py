"""Historical notes in solo play: off by default; `n` or the Settings screen turns them on."""

from __future__ import annotations

from game.engine.settings import load_settings
from tests.ui.helpers import flat, screen_text

NOTE = "Wage arrears were a crime of the trust's managers in 1936"


async def test_notes_are_off_by_default_and_n_turns_them_on_and_off(make_app, saves_dir):
    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert NOTE not in flat(screen_text(app))
        await pilot.press("n")
        await pilot.pause()
        text = flat(screen_text(app))
        assert NOTE in text and "HISTORICAL NOTE" in text
        assert load_settings(saves_dir)[0].show_notes  # kept for the next game
        await pilot.press("1")  # the next scene has no note, and says so
        await pilot.pause()
        assert "This scene has no historical note." in flat(screen_text(app))
        await pilot.press("n")
        await pilot.pause()
        assert "HISTORICAL NOTE" not in flat(screen_text(app))
        assert not load_settings(saves_dir)[0].show_notes


async def test_the_settings_screen_turns_notes_on(make_app, saves_dir):
    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("o")
        await pilot.pause()
        await pilot.click("#show-notes")
        await pilot.press("escape")
        await pilot.pause()
        assert app.settings.show_notes and load_settings(saves_dir)[0].show_notes
        assert NOTE in flat(screen_text(app))


async def test_turning_notes_on_keeps_the_place_in_a_long_scene(saves_dir):
    """`n` in the middle of a long scene adds the note below the text; the player stays where
    they were, and what they have read stays read."""
    from pathlib import Path

    from game.engine.launch import prepare_launch
    from game.story import load_story
    from game.ui.app import TulayevApp
    from game.ui.widgets.prose import Prose

    story = load_story(Path(__file__).parent / "fixtures" / "long")
    app = TulayevApp(prepare_launch(story, arc="archive", saves_dir=str(saves_dir)))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        await pilot.press("1")  # reads to the end
        await pilot.pause()
        assert prose.seen_all
        place = prose.scroll_y
        await pilot.press("n")
        await pilot.pause()
        assert prose.seen_all and prose.scroll_y == place
        prose.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        assert "Depositions were read back to the accused" in flat(screen_text(app))
        await pilot.press("1")
        await pilot.pause()
        assert [step.text for step in app.state.history] == ["Sign it."]
