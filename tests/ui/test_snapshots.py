"""Snapshots of the key screens on the fixture story (update: pytest --snapshot-update)."""

from __future__ import annotations


class TestTitle:
    """The title screen with no saves: Continue is dimmed."""

    def test_title(self, make_app, snap_compare):
        assert snap_compare(make_app(), terminal_size=(80, 24))


class TestDossier:
    """The dossier after one file closed: statuses and the case file's links."""

    def test_dossier(self, make_app, snap_compare):
        assert snap_compare(make_app(arc="clerk"), press=["1", "1", "d"],
                            terminal_size=(80, 24))


class TestScene:
    """A scene at 80x24: the file card, a speaker set apart, a locked choice with its reason."""

    def test_scene(self, make_app, snap_compare):
        assert snap_compare(make_app(arc="clerk"), terminal_size=(80, 24))

    def test_scene_after_a_choice(self, make_app, snap_compare, monkeypatch):
        """The tag revealed, and the meters' change shown (held still for the snapshot)."""
        monkeypatch.setattr("game.ui.widgets.meters.CHANGE_SECONDS", 3600.0)
        assert snap_compare(make_app(arc="clerk"), press=["1"], terminal_size=(100, 30))


class TestEnding:
    """An ending at 100x40: this playthrough beside the novel, the tally, the chart, prompts."""

    def test_ending(self, make_app, snap_compare):
        assert snap_compare(make_app(arc="clerk"), press=["1", "1"], terminal_size=(100, 40))


class TestHelp:
    """Every key binding."""

    def test_help(self, make_app, snap_compare):
        assert snap_compare(make_app(), press=["f1"], terminal_size=(80, 40))
