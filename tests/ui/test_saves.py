"""Autosave, continue, named saves, overwriting, unreadable saves, saves whose scene is gone."""

from __future__ import annotations

import json

from textual.widgets import Input, OptionList

from game.engine.saves import SaveStore
from game.ui.dialogs.confirm import ConfirmDialog
from game.ui.screens.ending import EndingScreen
from game.ui.screens.saves import SavesScreen
from game.ui.screens.scene import SceneScreen
from game.ui.screens.title import TitleScreen
from game.ui.widgets.meters import MeterBar

from .helpers import flat, screen_text


async def test_every_scene_is_autosaved_and_ctrl_q_loses_nothing(make_app, saves_dir):
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()  # the autosave is written in a thread
        assert SaveStore(saves_dir).read("autosave").scene == "the_ledger"
        await pilot.press("1")
        await pilot.press("ctrl+q")
    assert app.return_code == 0
    saved = SaveStore(saves_dir).read("autosave")
    assert saved.scene == "the_corridor"
    assert saved.meters == {"loyalty": 65, "fear": 55, "suspicion": 15}


async def test_the_autosave_is_written_off_the_event_loop(make_app, saves_dir, monkeypatch):
    """Writing and syncing a save takes longer than drawing a scene: a thread does it, and
    the game answers keys meanwhile; closing the app still waits for it."""
    import threading

    writers: list[bool] = []
    write = SaveStore.autosave

    def noted(store, state, title=""):
        writers.append(threading.current_thread() is threading.main_thread())
        return write(store, state, title)

    monkeypatch.setattr(SaveStore, "autosave", noted)
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
    assert writers and not any(writers), writers
    assert SaveStore(saves_dir).read("autosave").scene == "the_corridor"


async def test_continue_restores_scene_meters_and_history(make_app, saves_dir):
    first = make_app(arc="clerk")
    async with first.run_test() as pilot:
        await pilot.press("1")
        await pilot.press("ctrl+q")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "The Ledger: The corridor" in flat(screen_text(app))
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert app.state.scene == "the_corridor"
        assert app.screen.query_one("#meter-fear", MeterBar).value == 55
        assert [s.text for s in app.state.history] == [
            "Add it again, and get the figure he wants."]
        assert "The corridor" in screen_text(app)


async def test_continue_at_an_ending_shows_the_ending(make_app):
    first = make_app(arc="clerk")
    async with first.run_test() as pilot:
        await pilot.press("1", "1")
        await pilot.pause()
        await pilot.press("ctrl+q")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, EndingScreen)


async def test_save_to_a_named_slot_then_load_it(make_app, saves_dir):
    app = make_app(arc="clerk")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        await pilot.press(*"before the ledger", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert SaveStore(saves_dir).read("before the ledger").scene == "the_ledger"
        await pilot.press("1", "l")
        await pilot.pause()
        text = flat(screen_text(app))
        assert "before the ledger" in text and "The Ledger: The ledger" in text
        slots = app.screen.query_one(OptionList)
        names = [info.name for info, _, _ in app.screen.rows]
        slots.highlighted = names.index("before_the_ledger")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)  # a file is being played: ask first
        await pilot.press("y")
        await pilot.pause()
        assert app.state.scene == "the_ledger" and not app.state.history


async def test_overwriting_a_slot_asks_first(make_app, saves_dir):
    app = make_app(arc="clerk")
    store = SaveStore(saves_dir)
    async with app.run_test() as pilot:
        await pilot.press("s", *"mine", "enter")
        await pilot.pause()
        await pilot.press("1", "s", *"mine", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        assert store.read("mine").scene == "the_ledger"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert store.read("mine").scene == "the_corridor"


async def test_a_bad_slot_name_is_refused_with_a_reason(make_app, saves_dir):
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.press("s", *"../x", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)
        assert "is not a slot name" in flat(screen_text(app))
        assert app.screen.query_one(Input).value == "../x"


async def test_unreadable_saves_are_listed_with_their_error_and_cannot_be_loaded(
        make_app, saves_dir):
    (saves_dir / "broken.json").write_text("{ not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.press("l")
        await pilot.pause()
        text = flat(screen_text(app))
        assert "broken cannot be loaded" in text
        assert "corrupt save" in text
        slots = app.screen.query_one(OptionList)
        assert slots.options[0].disabled
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SavesScreen)


async def test_a_save_whose_scene_is_gone_offers_the_arc_start(make_app, saves_dir):
    store = SaveStore(saves_dir)
    first = make_app(arc="clerk")
    async with first.run_test() as pilot:
        await pilot.press("1", "ctrl+q")
    path = saves_dir / "autosave.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["state"]["scene"] = "a_scene_cut_from_the_story"
    path.write_text(json.dumps(document), encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "a_scene_cut_from_the_story" in flat(screen_text(app))
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert app.state.scene == "the_ledger" and not app.state.history
    assert store.read("autosave").scene == "the_ledger"


async def test_a_save_of_an_arc_that_is_gone_cannot_be_loaded(make_app, saves_dir):
    first = make_app(arc="clerk")
    async with first.run_test() as pilot:
        await pilot.press("ctrl+q")
    path = saves_dir / "autosave.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["state"]["arc"] = "gone"
    path.write_text(json.dumps(document), encoding="utf-8")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, TitleScreen)
        assert any("no longer in the story" in str(n.message) for n in app._notifications)


async def test_nothing_to_save_before_a_file_is_open(make_app):
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("n", "s")
        await pilot.pause()
        assert not isinstance(app.screen, SavesScreen)
        assert any("Nothing to save" in str(n.message) for n in app._notifications)


async def test_loading_over_a_file_in_play_asks_first(make_app, saves_dir):
    from game.ui.dialogs.confirm import ConfirmDialog
    from game.ui.screens.saves import SavesScreen

    app = make_app(arc="clerk")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.saves.write("before", app.state, app.story.title)
        await pilot.press("1")
        await pilot.pause()
        assert len(app.state.history) == 1
        app.load_slot("before")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "The Ledger (1 choice in) is replaced" in flat(screen_text(app))
        await pilot.press("n")
        await pilot.pause()
        assert len(app.state.history) == 1 and not isinstance(app.screen, SavesScreen)
        app.load_slot("before")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert not app.state.history and app.state.scene == "the_ledger"
