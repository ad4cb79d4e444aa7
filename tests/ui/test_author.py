"""Author mode: live reload with an error overlay, and the arc's map."""

from __future__ import annotations

import os
import shutil

from textual.widgets import Tree

from game.engine.launch import prepare_launch
from game.engine.watch import StoryWatcher
from game.story import load_story
from game.ui.app import TulayevApp
from game.ui.dialogs.story_errors import StoryErrorsDialog
from game.ui.screens.map import MapScreen
from game.ui.screens.scene import SceneScreen
from tests.ui.conftest import FIXTURE_STORY
from tests.ui.helpers import flat, screen_text


def save(path, text):
    """Write and move the modification time on, as an editor's save does."""
    path.write_text(text)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 2_000_000_000))


async def check(app, pilot):
    """Notice the saved files and wait for the check's worker thread to report."""
    app.check_story()
    await wait_for_check(app, pilot)


async def wait_for_check(app, pilot):
    for _ in range(600):
        await pilot.pause(0.05)
        if not app._checking:
            break
    assert not app._checking, "the story check did not report"
    await pilot.pause()


def watched_app(tmp_path, **launch_options):
    folder = tmp_path / "story"
    shutil.copytree(FIXTURE_STORY, folder)
    launch = prepare_launch(load_story(folder), saves_dir=str(tmp_path / "saves"),
                            **launch_options)
    return TulayevApp(launch, watcher=StoryWatcher(folder)), folder / "clerk.yaml"


async def test_live_reload_keeps_the_place_and_shows_errors_until_fixed(tmp_path):
    app, clerk = watched_app(tmp_path, arc="clerk", settings={"fear": 45})
    good = clerk.read_text()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("1")
        await pilot.pause()
        assert app.state.scene == "the_corridor"
        fear = app.state.values["fear"]
        save(clerk, good.replace("Two men in coats wait by the stairs.",
                                 "Three men in coats wait by the stairs."))
        await check(app, pilot)
        assert isinstance(app.screen, SceneScreen)
        assert "Three men in coats" in flat(screen_text(app))
        assert app.state.scene == "the_corridor" and app.state.values["fear"] == fear
        save(clerk, good.replace("goto: the_signature", "goto: the_sigature", 1))
        await check(app, pilot)
        assert isinstance(app.screen, StoryErrorsDialog)
        text = flat(screen_text(app))
        assert "The story no longer loads: 1 error, 0 warnings" in text
        assert "goto 'the_sigature': no such scene in arc 'clerk'" in text
        save(clerk, good)
        await check(app, pilot)
        assert isinstance(app.screen, SceneScreen)
        assert "Two men in coats" in flat(screen_text(app))
        assert app.state.scene == "the_corridor"


async def test_an_edit_that_can_strand_the_player_is_shown_not_played(tmp_path):
    """The whole validation runs after a save, the state walk included, in a worker thread:
    a stranding keeps the old story in play and is listed over the game with the counts."""
    import threading

    app, clerk = watched_app(tmp_path, arc="clerk")
    good = clerk.read_text()
    threads = []
    check_story = app.watcher.check

    def recording_check():
        threads.append(threading.current_thread())
        return check_story()

    app.watcher.check = recording_check
    async with app.run_test(size=(120, 40)) as pilot:
        save(clerk, good.replace("      - goto: home_for_supper",
                                 "      - if: suspicion < 20\n        goto: home_for_supper"))
        await check(app, pilot)
        assert threads and threads[0] is not threading.main_thread()
        assert isinstance(app.screen, StoryErrorsDialog)
        text = flat(screen_text(app))
        assert "The story can strand the player: 1 error, 3 warnings" in text
        lines = app.screen.problems
        assert "scene 'the_signature' can strand the player (no route holds)" in lines[0]
        assert "case.clerk_told_truth=false" in lines[0]
        assert not any("the last route has an 'if'" in line for line in lines)  # said once
        assert any("warning: ending 'home_for_supper' is never reached" in line
                   for line in lines[1:])
        assert "suspicion < 20" not in app.story.arc("clerk").scenes["the_signature"].text
        assert app.story.arc("clerk").scenes["the_signature"].routes[-1].condition is None
        save(clerk, good.replace("The paper is already typed.", "The paper is typed."))
        await check(app, pilot)
        assert isinstance(app.screen, SceneScreen)
        assert "The paper is typed." in app.story.arc("clerk").scenes["the_signature"].text
        notes = [n.message for n in app._notifications if n.title == "Story reloaded"]
        assert notes and notes[-1].startswith("Reloaded (0 errors, ")


async def test_the_whole_check_runs_at_start_too(tmp_path):
    """`--watch` checks the story as it was opened, state walk included, before any save:
    a stranding there is shown at once; a sound story says it was checked."""
    app, clerk = watched_app(tmp_path, arc="clerk")
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_check(app, pilot)
        assert isinstance(app.screen, SceneScreen)
        notes = [n.message for n in app._notifications if n.title == "Story checked"]
        assert notes and notes[-1].startswith("Checked (0 errors, ")
    folder = tmp_path / "stranding"
    shutil.copytree(FIXTURE_STORY, folder)
    (folder / "clerk.yaml").write_text(clerk.read_text().replace(
        "      - goto: home_for_supper",
        "      - if: suspicion < 20\n        goto: home_for_supper"))
    app = TulayevApp(prepare_launch(load_story(folder), arc="clerk",
                                    saves_dir=str(tmp_path / "saves2")),
                     watcher=StoryWatcher(folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_check(app, pilot)
        assert isinstance(app.screen, StoryErrorsDialog)
        assert "The story can strand the player" in flat(screen_text(app))


async def test_map_lists_every_scene_and_jumps(tmp_path):
    app, _ = watched_app(tmp_path, arc="clerk")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, MapScreen)
        tree = app.screen.query_one(Tree)
        ids = [node.data for node in tree.root.children]
        assert set(ids) == set(app.story.arc("clerk").scenes)
        assert ids[0] == "the_ledger"
        assert "● the_ledger" in flat(screen_text(app))
        target = next(n for n in tree.root.children if n.data == "the_corridor")
        tree.move_cursor(target)
        await pilot.press("j")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)
        assert app.state.scene == "the_corridor"


async def test_map_is_for_author_mode_only(make_app):
    app = make_app(arc="clerk")
    async with app.run_test() as pilot:
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, SceneScreen)


async def test_the_title_first_start_watches_too(tmp_path, saves_dir):
    """`tulayev play --watch` with no --arc opens on the title while the story is read;
    the watcher runs all the same, and a corrupt settings file is still reported."""
    from game.cli import open_story
    from game.engine.settings import SETTINGS_FILE

    folder = tmp_path / "story"
    shutil.copytree(FIXTURE_STORY, folder)
    (saves_dir / SETTINGS_FILE).write_text("not json", encoding="utf-8")
    app = TulayevApp(None, watcher=StoryWatcher(folder), saves_dir=str(saves_dir),
                     opener=lambda: open_story(str(folder), saves_dir=str(saves_dir)))
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(1500):  # up to 30 s on a busy machine; a moment when quiet
            await pilot.pause(0.02)
            if app.opened:
                break
        titles = [n.title for n in app._notifications]
        assert "Settings" in titles and "Watching the story" in titles
        await pilot.press("n")
        await pilot.pause()
        app.open_arc("clerk")
        await pilot.pause()
        clerk = folder / "clerk.yaml"
        save(clerk, clerk.read_text().replace("Two men in coats", "Four men in coats"))
        for _ in range(1200):  # the check at start, then this save's (60 s at most)
            await pilot.pause(0.05)
            if "Four men in coats" in app.story.arc("clerk").scenes["the_corridor"].text:
                break
        assert "Four men in coats" in app.story.arc("clerk").scenes["the_corridor"].text
