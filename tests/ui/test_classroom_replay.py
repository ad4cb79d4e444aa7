"""The replay screen pages through a logged game, votes and what-ifs included."""

from __future__ import annotations

from pathlib import Path

from game.classroom.eventlog import EventLog
from game.classroom.replay import build_frames
from game.engine.machine import Engine
from game.engine.state import PlayState
from game.story import load_story
from game.ui.screens.replay import ReplayApp

from .helpers import flat, screen_text

STORY = Path(__file__).parents[1] / "classroom" / "fixtures" / "story"


def logged_game(tmp_path) -> tuple[Path, object]:
    story = load_story(STORY)
    engine = Engine(story)
    log = EventLog(tmp_path / "game.jsonl", {"team": "Red"})
    engine.subscribe(log)
    state = PlayState()
    engine.start_arc(state, "clerk")
    engine.choose(state, 0, seconds=12, votes=[4, 0, 1, 0])
    engine.choose(state, 1, seconds=5, votes=[0, 5])
    engine.rewind(state, 1)
    engine.choose(state, 0, seconds=3, votes=[5, 0])
    log.close()
    return tmp_path / "game.jsonl", story


async def test_paging_through_a_replay(tmp_path):
    path, story = logged_game(tmp_path)
    frames = build_frames(path, story)
    app = ReplayApp(frames, story.title)
    async with app.run_test(size=(110, 36)) as pilot:
        await pilot.pause()
        text = flat(screen_text(app))
        assert "REPLAY · Red · The Ledger · 1 of 7" in text and "FILE: IVAN PETROVICH" in text
        await pilot.press("right")
        await pilot.pause()
        text = flat(screen_text(app))
        assert "The ledger" in text and "Two columns that should agree" in text
        assert "▶ 1. Add it again, and get the figure he wants. [4 votes]" in text
        assert "2. Show him the true total.: locked, Your hand will not lift the pencil." in text
        assert "The class chose 1 (4 of 5 votes), after 12 s. They chose to obey." in text
        assert "Loyalty 60 → 65 Fear 40 → 55" in text
        for _ in range(2):
            await pilot.press("space")
        await pilot.pause()
        assert "THE END: Taken away (imprisoned) This is how the novel ends it." in flat(
            screen_text(app))
        await pilot.press("right")
        await pilot.pause()
        assert "REWIND What if? The class goes back to choice 2." in " ".join(
            w for w in flat(screen_text(app)).split() if not set(w) <= set("╔═╗║╚╝"))
        await pilot.press("end")
        await pilot.pause()
        assert "7 of 7" in flat(screen_text(app)) and "Home for supper" in flat(
            screen_text(app))
        await pilot.press("left")
        await pilot.pause()
        assert "6 of 7" in flat(screen_text(app))
        await pilot.press("a")
        await pilot.pause()
        assert "· playing" in flat(screen_text(app))
        await pilot.press("q")
    assert app.return_code == 0
