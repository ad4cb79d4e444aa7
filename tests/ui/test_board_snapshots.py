"""Snapshots of the case board and the whole case's summary at 80x24
(update: pytest tests/ui/test_board_snapshots.py --snapshot-update)."""

from __future__ import annotations

import pytest

from game.engine.launch import prepare_launch
from game.engine.settings import Settings


@pytest.fixture
def themed_app(story, saves_dir):
    def make(theme: str):
        from game.ui.app import TulayevApp

        launch = prepare_launch(story, saves_dir=str(saves_dir))
        return TulayevApp(launch, settings=Settings(theme=theme))

    return make


class TestCaseBoard:
    """The board after the clerk's file closed with him naming the typist: his box with his
    fate, a solid arrow to her; the entries of a file not yet played would show faintly."""

    def test_board_after_a_naming(self, make_app, snap_compare):
        assert snap_compare(make_app(), press=["n", "1", "1", "1", "d", "b"],
                            terminal_size=(80, 24))

    def test_board_before_anything_is_written(self, make_app, snap_compare):
        """Every naming a possibility, drawn faintly."""
        assert snap_compare(make_app(), press=["n", "b"], terminal_size=(80, 24))

    def test_board_on_the_projector(self, themed_app, snap_compare):
        assert snap_compare(themed_app("projector"), press=["n", "1", "1", "1", "d", "b"],
                            terminal_size=(80, 24))


class TestWholeCaseSummary:
    """The end of the whole case: fates beside the novel's, the tally."""

    def test_summary(self, make_app, snap_compare):
        assert snap_compare(make_app(), press=["w", "1", "1", "enter", "2", "enter"],
                            terminal_size=(80, 24))
