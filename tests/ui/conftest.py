"""Fixtures for the UI tests: a fixed story, a fresh saves folder per test, frozen blinking."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.engine.launch import prepare_launch
from game.story import load_story

FIXTURE_STORY = Path(__file__).parent / "fixtures" / "story"
SMALL = (80, 24)
LARGE = (160, 50)


@pytest.fixture(scope="session")
def story():
    return load_story(FIXTURE_STORY)


@pytest.fixture
def saves_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "saves"
    folder.mkdir()
    return folder


@pytest.fixture
def make_app(story, saves_dir):
    """Build the app on the fixture story, optionally opened on an arc as `--arc` does."""
    from game.ui.app import TulayevApp

    def make(arc: str | None = None, scene: str | None = None, settings: dict | None = None,
             **app_options) -> TulayevApp:
        launch = prepare_launch(story, arc=arc, scene=scene, settings=settings,
                                saves_dir=str(saves_dir))
        return TulayevApp(launch, **app_options)

    return make


@pytest.fixture(autouse=True)
def no_blink(monkeypatch):
    """Text inputs do not blink their cursor, so screenshots are stable."""
    from textual.widgets import Input

    original = Input.__init__

    def steady(self, *args, **kwargs):
        original(self, *args, **kwargs)
        self.cursor_blink = False

    monkeypatch.setattr(Input, "__init__", steady)
