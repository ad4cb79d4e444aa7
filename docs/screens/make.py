"""Regenerate the screenshots in this folder from the shipped story:

    .venv/bin/python docs/screens/make.py

Plays the first arc taking the first open choice each time, so the pictures are the same
from run to run (until the story changes).
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
from pathlib import Path

from game.engine.launch import prepare_launch
from game.story import load_story
from game.ui.app import TulayevApp

HERE = Path(__file__).resolve().parent
SIZE = (100, 32)


async def shoot(story_dir: Path) -> None:
    story = load_story(story_dir)
    with tempfile.TemporaryDirectory() as saves:
        app = TulayevApp(prepare_launch(story, saves_dir=saves))
        async with app.run_test(size=SIZE) as pilot:
            first, second = story.arc_ids[0], story.arc_ids[1]
            app.open_arc(first)
            await pilot.pause()
            while app.flow.state == "arc":
                shown = [v for v in app.engine.options(app.state) if v.shown]
                number = next(i for i, v in enumerate(shown, 1) if v.available)
                await pilot.press(str(number))
                await pilot.pause()
            app.save_screenshot("ending.svg", str(HERE))
            await pilot.press("d")
            await pilot.pause()
            app.save_screenshot("dossier.svg", str(HERE))
            app.open_arc(second)
            await pilot.pause()
            while not app.state.history:  # a long scene: the first digit reads on
                await pilot.press("1")
                await pilot.pause()
            app.save_screenshot("scene.svg", str(HERE))


if __name__ == "__main__":
    asyncio.run(shoot(Path(sys.argv[1]) if len(sys.argv) > 1 else
                      HERE.parents[1] / "scenes"))
