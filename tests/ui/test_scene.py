"""The scene screen: prose, speakers, choices, locked reasons, hidden tags, meters, reveal."""

from __future__ import annotations

from game.engine.settings import Settings
from game.engine.state import PlayState
from game.ui.screens.ending import EndingScreen
from game.ui.screens.scene import SceneScreen
from game.ui.widgets.choices import ChoiceList
from game.ui.widgets.meters import MeterBar, MeterPanel
from game.ui.widgets.prose import Prose, ProseParagraph

from .helpers import flat, screen_text


async def test_arc_opens_straight_into_its_first_scene(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert app.flow.state == "arc"
        text = flat(screen_text(app))
        assert "The ledger" in text
        assert "FILE: IVAN PETROVICH" in text
        assert "Loy" in text and "60" in text and "Sus" in text


async def test_speakers_are_set_apart(make_app):
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.pause()
        speech = [p for p in app.screen.query(ProseParagraph)
                  if p.display and p.has_class("speech")]
        assert [p.paragraph.speaker for p in speech] == ["SUPERVISOR"]
        assert "SUPERVISOR\nAdd it again" in str(speech[0].render())


async def test_choices_are_numbered_locked_ones_dimmed_with_reason_hidden_ones_absent(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        choices = app.screen.query_one(ChoiceList)
        assert [o.disabled for o in choices.options] == [False, True, False]
        text = flat(screen_text(app))
        assert "1. Add it again" in text
        assert "2. Show him the true total. locked: Your hand will not lift the pencil." in text
        assert "3. Say nothing and wait." in text
        assert "nobody may see" not in text


async def test_tags_are_not_shown_before_the_choice_and_revealed_after(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = screen_text(app).lower()
        assert "obey" not in before.replace("obey or betray", "")
        assert "betray" not in before.replace("obey or betray", "")
        await pilot.press("1")
        await pilot.pause()
        assert "You chose to obey." in screen_text(app)


async def test_a_choice_moves_the_meters_and_shows_the_change(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        fear = app.screen.query_one("#meter-fear", MeterBar)
        assert (fear.before, fear.value) == (40, 55)
        suspicion = app.screen.query_one("#meter-suspicion", MeterBar)
        assert (suspicion.before, suspicion.value) == (10, 15)  # the new scene's on_enter
        marked = [span for span in fear.render().spans if "on $warning" in str(span.style)]
        assert marked, "the changed meter is not marked"
        text = screen_text(app)
        assert "40 → 55" in text
        assert "Fear 40 → 55" in flat(text)
        fear.settle()
        await pilot.pause()
        assert "40 → 55" not in screen_text(app).split("\n")[1]
        assert not [span for span in fear.render().spans if "on $warning" in str(span.style)]
        assert app.state.scene == "the_corridor"


async def test_a_locked_choice_says_why_and_does_nothing(make_app):
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.press("2")
        await pilot.pause()
        assert app.state.scene == "the_ledger"
        assert any("Your hand will not lift the pencil" in str(n.message)
                   for n in app._notifications)
        await pilot.press("9")
        await pilot.pause()
        assert app.state.scene == "the_ledger"


async def test_arrows_and_enter_take_a_choice_skipping_locked_ones(make_app):
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.state.history[-1].text == "Say nothing and wait."


async def test_a_click_takes_a_choice(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.click(ChoiceList, offset=(4, 1))
        await pilot.pause()
        assert app.state.history[-1].choice == 0


async def test_dossier_lines_show_when_an_arc_opens(make_app):
    app = make_app()
    state = PlayState(case={"clerk_named_typist": True})
    app.engine.start_arc(state, "typist")
    app.state = app.launch.state = state
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "The wages clerk's deposition names her." in flat(screen_text(app))


async def test_reveal_hides_the_choices_until_the_text_is_shown_or_skipped(make_app):
    app = make_app(arc="clerk", settings=None)
    app.settings = Settings(reveal="slow")
    async with app.run_test() as pilot:
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        choices = app.screen.query_one(ChoiceList)
        assert prose.revealing
        assert not choices.display
        await pilot.press("1")  # a digit during the reveal only shows the text
        await pilot.pause()
        assert not prose.revealing and choices.display
        assert app.state.scene == "the_ledger"
        await pilot.press("1")
        await pilot.pause()
        assert app.state.scene == "the_corridor"
        assert prose.revealing
        await pilot.press("space")
        await pilot.pause()
        assert not prose.revealing


async def test_reveal_finishes_by_itself(make_app):
    app = make_app(arc="clerk")
    app.settings = Settings(reveal="fast")
    async with app.run_test() as pilot:
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        for _ in range(60):
            if not prose.revealing:
                break
            await pilot.pause(0.05)
        await pilot.pause()
        assert not prose.revealing
        assert app.screen.query_one(ChoiceList).display
        shown = [str(p.render()) for p in app.screen.query(ProseParagraph) if p.display]
        assert shown[-1].endswith("Slowly this time.")


async def test_meters_can_be_kept_for_the_end(make_app):
    app = make_app(arc="clerk")
    app.settings = Settings(meters_during_play=False)
    async with app.run_test(size=(80, 40)) as pilot:
        await pilot.pause()
        assert not app.screen.query_one(MeterPanel).display
        await pilot.press("1")
        await pilot.pause()
        text = flat(screen_text(app))
        assert "You chose to obey." in text
        assert "Fear" not in text
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)
        assert "Fear" in flat(screen_text(app))


async def test_scene_option_opens_mid_arc_with_values_set(make_app):
    app = make_app(arc="clerk", scene="the_corridor", settings={"fear": 80})
    async with app.run_test() as pilot:
        await pilot.pause()
        assert "The corridor" in screen_text(app)
        assert app.screen.query_one("#meter-fear", MeterBar).value == 80


async def test_page_keys_scroll_the_prose(make_app):
    app = make_app(arc="clerk")
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        prose = app.screen.query_one(Prose)
        assert prose.max_scroll_y > 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert prose.scroll_y > 0


async def test_the_key_bar_takes_clicks(make_app):
    from game.ui.screens.history import HistoryScreen
    from game.ui.widgets.keybar import KeyBar

    app = make_app(arc="clerk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        bar = app.screen.query_one(KeyBar)
        text = str(bar.render())
        await pilot.click(KeyBar, offset=(text.index("History"), 0))
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("escape")
        await pilot.click(KeyBar, offset=(text.index("Choose"), 0))  # "1-9" is no one key
        await pilot.pause()
        assert app.state.scene == "the_ledger"


async def test_enter_during_the_first_reveal_shows_the_text_and_takes_nothing(make_app):
    """The first scene of a file (as after Continue or Load): the choices are hidden while
    the text types itself, and Enter must not take one of them unseen."""
    app = make_app(arc="clerk")
    app.settings = Settings(reveal="slow")
    async with app.run_test() as pilot:
        await pilot.pause()
        prose, choices = app.screen.query_one(Prose), app.screen.query_one(ChoiceList)
        assert prose.revealing and not choices.display and not choices.has_focus
        await pilot.press("enter")
        await pilot.pause()
        assert not prose.revealing and choices.display
        assert app.state.scene == "the_ledger" and not app.state.history


async def test_enter_pressed_again_at_once_does_not_run_on(make_app, monkeypatch):
    """Enter held down, or pressed twice, takes one choice, not the next scene's too; after
    a moment, or once the player has moved the highlight, Enter takes it (at a size where
    the whole scene shows: otherwise Enter first reads on, test_reading.py)."""
    from game.ui.widgets import choices

    # A longer grace than the game's, so that a slow, busy machine cannot let it run out
    # between two keys pressed at once.
    monkeypatch.setattr(choices, "ENTER_GRACE_SECONDS", 2.0)
    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await pilot.press("1", "enter", "enter")
        await pilot.pause()
        assert [s.scene for s in app.state.history] == ["the_ledger"]
        await pilot.pause(2.05)
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.state.history) == 2


async def test_a_choice_is_never_drawn_cut_short():
    """A choice drawn while the new scene's list still had a scrollbar (narrower) used to
    stay cut at that width: 'before anyone sees his' without 'face.'"""
    import tempfile

    from game.engine.launch import prepare_launch
    from game.story import load_story
    from game.ui.app import TulayevApp
    from tests.conftest import SCENES

    app = TulayevApp(prepare_launch(load_story(SCENES), saves_dir=tempfile.mkdtemp()))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("n", "1", "pagedown", "2"):
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause(0.2)
        assert "before anyone sees his face." in flat(screen_text(app))


async def test_keys_in_a_burst_take_one_choice_not_the_next_scenes_too(make_app):
    """A paste or a held key delivers keys before the next scene is drawn: they name
    choices of the scene that is gone, and must not be taken in the new one."""
    from textual import events

    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.pause()
        for key, character in (("1", "1"), ("1", "1"), ("enter", "\r"), ("2", "2")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert [s.scene for s in app.state.history] == ["the_ledger"]
