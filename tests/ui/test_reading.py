"""Never choose over unseen text: a scene of 60 paragraphs, longer than any screen."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.launch import prepare_launch
from game.story import load_story
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.prose import Prose
from tests.ui.helpers import flat, screen_text

LONG_STORY = Path(__file__).parent / "fixtures" / "long"


@pytest.fixture
def long_app(saves_dir, monkeypatch):
    from game.ui.app import TulayevApp

    monkeypatch.setattr("game.ui.widgets.choices.ENTER_GRACE_SECONDS", 0.0)
    story = load_story(LONG_STORY)

    def make(**settings):
        launch = prepare_launch(story, arc="archive", saves_dir=str(saves_dir))
        app = TulayevApp(launch)
        if settings:
            from dataclasses import replace

            app.settings = replace(app.settings, **settings)
        return app

    return make


@pytest.mark.parametrize("size", [(80, 24), (40, 12), (200, 60)])
async def test_a_number_first_reads_to_the_end_then_chooses(long_app, size):
    app = long_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        assert prose.max_scroll_y > 0 and not prose.seen_all
        text = flat(screen_text(app))
        assert "More below" in text and "LAST PARAGRAPH" not in text
        await pilot.press("1")
        await pilot.pause()
        assert app.state.history == []  # not chosen: the rest of the scene is shown instead
        assert prose.scroll_y == prose.max_scroll_y and prose.seen_all
        text = flat(screen_text(app))
        assert "LAST PARAGRAPH" in text and "More below" not in text
        await pilot.press("1")
        await pilot.pause()
        assert [step.text for step in app.state.history] == ["Sign it."]


async def test_enter_reads_on_a_page_at_a_time_then_chooses(long_app):
    app = long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        assert app.screen.query_one(ChoiceList).has_focus
        pages = 0
        while not prose.seen_all:
            before = prose.scroll_y
            await pilot.press("enter")
            await pilot.pause()
            assert prose.scroll_y > before and app.state.history == []
            pages += 1
            assert pages < 100
        assert pages > 3  # paged, not jumped to the end
        await pilot.press("enter")
        await pilot.pause()
        assert [step.text for step in app.state.history] == ["Sign it."]


async def test_a_click_on_a_choice_reads_on_first(long_app):
    app = long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(ChoiceList, offset=(4, 1))
        await pilot.pause()
        assert app.state.history == []
        assert app.screen.query_one(Prose).scroll_y > 0


async def test_scrolling_by_hand_to_the_end_counts_as_read(long_app):
    app = long_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        prose.scroll_end(animate=False, immediate=True)
        await pilot.pause()
        prose.scroll_home(animate=False, immediate=True)  # back up again: still read
        await pilot.pause()
        await pilot.press("2")
        await pilot.pause()
        assert [step.text for step in app.state.history] == ["Refuse to sign."]


async def test_a_scene_that_fits_chooses_at_once(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        assert "More below" not in screen_text(app)
        await pilot.press("1")
        await pilot.pause()
        assert len(app.state.history) == 1


async def test_revealed_text_still_has_to_be_read(long_app):
    app = long_app(reveal="fast")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")  # shows all the text at once
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        if not prose.seen_all:
            await pilot.press("1")
            await pilot.pause()
            assert app.state.history == [] and prose.seen_all
        await pilot.press("1")
        await pilot.pause()
        assert len(app.state.history) == 1
