"""The whole case in the TUI: two files in a row, the next opening after an ending, the
summary at the end, the case board, and the mode kept through a save and a load."""

from __future__ import annotations

from textual.widgets import Button

from game.engine.state import PlayState
from game.engine.wholecase import WHOLE
from game.ui.screens.case_board import CaseBoardScreen
from game.ui.screens.dossier import DossierScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.scene import SceneScreen
from game.ui.screens.whole_case import WholeCaseScreen

from .conftest import SMALL
from .helpers import flat, screen_text


def onward(app) -> str:
    """The words of the ending's button (below the fold at 80x24)."""
    return str(app.screen.query_one("#back", Button).label)


async def test_the_whole_case_plays_every_file_in_order_then_sums_up(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert app.state.arc == "clerk" and app.state.mode == WHOLE
        await pilot.press("1", "1")       # obey twice: home for supper, names the typist
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert onward(app) == "Next file: The Carbon"

        await pilot.press("enter")        # the ending's button: the next file opens
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen) and app.state.arc == "typist"
        assert app.state.case["clerk_named_typist"] is True

        await pilot.press("escape")       # the dossier shows the progress
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        text = flat(screen_text(app))
        assert "The whole case: 1 of 2 files closed." in text
        await pilot.press("n")            # and n goes back into the open file
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen) and app.state.arc == "typist"

        await pilot.press("2")            # keep the carbon: betray
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert onward(app) == "The whole case: the summary"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WholeCaseScreen)
        text = flat(screen_text(app))
        assert "The whole case: 2 of 2 files closed." in text
        assert "Here: Home for supper (free)" in text
        assert "In the novel: Taken away (imprisoned)" in text
        assert "You obeyed twice and never betrayed." in text
        assert "Here: Clean hands (free) (as in the novel)" in text
        app.screen.query_one("#summary-body").scroll_end(animate=False)
        await pilot.pause()
        text = flat(screen_text(app))
        assert "In all, you obeyed twice and betrayed once." in text
        assert "Ivan Petrovich → Vera Sorokina" in text and "Read in the file The Carbon." in text

        await pilot.press("b")            # the case board, from the end of the whole case
        await pilot.pause()
        assert isinstance(app.screen, CaseBoardScreen)
        arrow = app.screen.query_one(".arrow")
        assert arrow.has_class("-signed")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WholeCaseScreen)


async def test_free_order_is_unchanged(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen) and app.state.mode == "free"
        assert "whole case" not in flat(screen_text(app)).lower()
        await pilot.press("1", "1", "1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert onward(app) == "Back to the dossier"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)


async def test_the_whole_case_survives_a_save_and_a_load(make_app, saves_dir):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("w")
        await pilot.pause()
        await pilot.press("1", "1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        app.flush_autosave()
    loaded = app.saves.read(app.saves.latest().name)
    assert loaded.mode == WHOLE and "clerk" in loaded.results
    again = make_app()
    async with again.run_test(size=SMALL) as pilot:
        await pilot.press("c")            # continue: the ending, then the next file
        await pilot.pause()
        assert isinstance(again.screen, EndingScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert again.state.arc == "typist" and again.state.mode == WHOLE


def test_an_old_save_without_a_mode_is_free_order():
    data = PlayState().to_dict()
    del data["mode"]
    assert PlayState.from_dict(data).mode == "free"


async def test_the_board_from_the_dossier_shows_possibilities_faintly(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, CaseBoardScreen)
        arrow = app.screen.query_one(".arrow")
        assert arrow.has_class("-possible") and not arrow.has_class("-signed")
        text = flat(screen_text(app))
        assert "Ivan" in text and "Vera" in text and "clerk_named_typist" in text
        assert "not yet written" in text


async def test_story_text_on_the_board_and_summary_is_never_markup(tmp_path):
    """Square brackets and dollar signs in names and entries are shown as written."""
    import shutil

    from game.engine.launch import prepare_launch
    from game.story import load_story
    from game.ui.app import TulayevApp

    from .conftest import FIXTURE_STORY

    folder = tmp_path / "story"
    shutil.copytree(FIXTURE_STORY, folder)
    header = folder / "story.yaml"
    header.write_text(header.read_text().replace(
        "The clerk's deposition names the typist as the one who kept the carbon.",
        "[bold red]Names[/] the typist, $text-error [link=x]."))
    clerk = folder / "clerk.yaml"
    clerk.write_text(clerk.read_text().replace('"Ivan Petrovich, wages clerk"',
                                               '"Ivan [b]Petrovich[/b], wages clerk"'))
    saves = tmp_path / "saves"
    saves.mkdir()
    app = TulayevApp(prepare_launch(load_story(folder), saves_dir=str(saves)))
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("w", "1", "1", "enter", "2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WholeCaseScreen)
        app.screen.query_one("#summary-body").scroll_end(animate=False)
        await pilot.pause()
        text = flat(screen_text(app))
        assert "Ivan [b]Petrovich[/b] → Vera Sorokina" in text
        assert "[bold red]Names[/] the typist, $text-error [link=x]." in text
        await pilot.press("b")
        await pilot.pause()
        text = flat(screen_text(app))
        assert "Ivan [b]Petrovich[/b]" in text
        assert "[bold red]Names[/] the typist, $text-error [link=x]." in text
