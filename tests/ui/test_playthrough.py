"""Whole games: the dossier, an arc to its ending, the case file carried to the next arc."""

from __future__ import annotations

import pytest

from game.ui.screens.dossier import DossierScreen
from game.ui.screens.ending import EndingScreen
from game.ui.screens.history import HistoryScreen
from game.ui.screens.scene import SceneScreen
from game.ui.widgets.case_card import CaseCard
from game.ui.widgets.chart import MeterChart

from .conftest import LARGE, SMALL
from .helpers import flat, screen_text


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "160x50"])
async def test_full_playthrough_to_an_ending_and_into_the_next_file(make_app, saves_dir, size):
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        text = flat(screen_text(app))
        assert "1. Ivan Petrovich" in text and "2. Vera Sorokina" in text
        assert "Clerk, Wages Section" in text and "not opened" in text

        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        await pilot.press("1")          # obey: fear 40 -> 55, loyalty 60 -> 65
        await pilot.pause()
        await pilot.press("1")          # name the typist: obey, suspicion 15 -> 20
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert app.flow.state == "ending"
        text = flat(screen_text(app))
        assert "Home for supper" in text and "free" in text
        assert "In this playthrough" in text and "In the novel" in text
        assert "Taken away" in text      # the novel's ending, beside this one
        assert "You obeyed twice and never betrayed." in text
        chart = app.screen.query_one(MeterChart)
        assert [p["fear"] for p in chart.trail] == [40, 55, 45]
        await pilot.press("end")
        body = app.screen.query_one("#ending-body")
        body.scroll_end(animate=False)
        await pilot.pause()
        text = flat(screen_text(app))
        assert "What did his silence cost, and whom?" in text
        assert "Would you have named the typist?" in text

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        clerk = app.screen.query_one("#card-clerk", CaseCard)
        typist = app.screen.query_one("#card-typist", CaseCard)
        assert clerk.border_subtitle == "closed: Home for supper (free)"
        assert "Deposition names: Vera Sorokina" in str(clerk.render())
        assert "Named by: Ivan Petrovich" in str(typist.render())
        app.screen.query_one("#links").scroll_visible(animate=False)
        await pilot.pause()
        assert "Ivan Petrovich → Vera Sorokina" in flat(screen_text(app))

        await pilot.press("2")
        await pilot.pause()
        assert "The wages clerk's deposition names her." in flat(screen_text(app))
        assert app.state.meters["suspicion"] == 30   # 5, +25 for the deposition


async def test_the_historical_ending_says_so(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("3", "2")     # fear 45, suspicion 10 +5 +20: taken away
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        text = flat(screen_text(app))
        assert "Taken away" in text
        assert "The same: this is how the" in text
        assert "You never obeyed, and betrayed once." in text


async def test_history_lists_every_choice_with_its_meter_changes(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("1", "h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        text = flat(screen_text(app))
        assert "Loyalty 60, Fear 40, Suspicion 10" in text
        assert "1. The ledger" in text
        assert "Add it again, and get the figure he wants." in text and "[obeyed]" in text
        assert "Loyalty 60 → 65, Fear 40 → 55, Suspicion 10 → 15" in text  # on_enter counts
        assert "Now: The corridor" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)


async def test_opening_another_file_mid_arc_asks_first(make_app):
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.press("1", "escape")
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        assert app.screen.query_one("#card-clerk", CaseCard).border_subtitle == \
            "under investigation"
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")          # stay
        await pilot.pause()
        assert app.state.arc == "clerk"
        await pilot.press("1")          # the open file resumes where it was
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen) and app.state.scene == "the_corridor"
        assert len(app.state.history) == 1
        await pilot.press("escape", "2")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert app.state.arc == "typist"


async def test_escape_goes_back_from_the_dossier_to_the_title(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("n", "escape")
        await pilot.pause()
        assert app.flow.state == "title"
        assert type(app.screen).__name__ == "TitleScreen"


async def test_dossier_keys_move_between_files(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("n")
        await pilot.pause()
        assert app.focused.id == "card-clerk"
        await pilot.press("down")
        assert app.focused.id == "card-typist"
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.arc == "typist"


async def test_a_click_opens_a_file(make_app):
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#card-typist", offset=(3, 1))
        await pilot.pause()
        assert app.state.arc == "typist"


async def test_dossier_arrows_move_between_files_when_the_list_scrolls():
    """With more files than fit, the arrows still move from file to file (they used to
    scroll the list instead)."""
    import tempfile

    from game.engine.launch import prepare_launch
    from game.story import load_story
    from game.ui.app import TulayevApp
    from tests.conftest import SCENES

    story = load_story(SCENES)
    app = TulayevApp(prepare_launch(story, saves_dir=tempfile.mkdtemp()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        ids = [f"card-{arc}" for arc in story.arc_ids]
        assert app.focused.id == ids[0]
        for expected in ids[1:]:
            await pilot.press("down")
            await pilot.pause()
            assert app.focused.id == expected
        # Back up to the first file (later ones, such as the epilogue, may still be locked).
        for expected in reversed(ids[:-1]):
            await pilot.press("up")
            await pilot.pause()
            assert app.focused.id == expected
        await pilot.press("enter")
        await pilot.pause()
        assert app.state.arc == story.arc_ids[0]


async def test_the_dossier_marks_a_file_written_for_the_game():
    import tempfile

    from game.engine.launch import prepare_launch
    from game.story import load_story
    from game.ui.app import TulayevApp
    from tests.conftest import SCENES

    app = TulayevApp(prepare_launch(load_story(SCENES), saves_dir=tempfile.mkdtemp()))
    async with app.run_test(size=(160, 50)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        card = app.screen.query_one("#card-sample")
        assert "Not in the novel" in str(card.render())
        assert "Not in the novel" not in str(app.screen.query_one("#card-erchov").render())


async def test_opening_a_closed_file_again_asks_first(make_app):
    from game.ui.dialogs.confirm import ConfirmDialog
    from game.ui.screens.dossier import DossierScreen

    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("3", "2")  # taken away: the file is closed
        await pilot.pause()
        app.go_dossier()
        await pilot.pause()
        assert isinstance(app.screen, DossierScreen)
        app.screen.post_message(DossierScreen.Opened("clerk"))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Open 'The Ledger' again" in flat(screen_text(app))
        await pilot.press("n")
        await pilot.pause()
        assert app.engine.is_over(app.state) and "clerk" in app.state.results
